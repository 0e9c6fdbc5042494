/** An error about the whole form, such as a lost connection. */
export function FormError({ message }: { message: string | undefined | null }) {
  if (!message) return null;
  return (
    <p className="banner error" role="alert">
      {message}
    </p>
  );
}
