import { Alert } from './Alert';

/** An error about the whole form, such as a lost connection. */
export function FormError({ message }: { message: string | undefined | null }) {
  return <Alert className="banner error" message={message} />;
}
