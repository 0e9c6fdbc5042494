/** A message announced to screen readers as soon as it shows; nothing while there is none. */
export function Alert({ className, message }: { className: string; message: string | undefined | null }) {
  if (!message) return null;
  return (
    <p className={className} role="alert">
      {message}
    </p>
  );
}
