/** The message under one field, announced to screen readers. */
export function FieldError({ message }: { message: string | undefined | null }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}
