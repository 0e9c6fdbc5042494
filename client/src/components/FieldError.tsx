import { Alert } from './Alert';

/** The message under one field, announced to screen readers. */
export function FieldError({ message }: { message: string | undefined | null }) {
  return <Alert className="field-error" message={message} />;
}
