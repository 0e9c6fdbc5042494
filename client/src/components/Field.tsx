import type { InputHTMLAttributes, ReactNode } from 'react';
import { FieldError } from './FieldError';

/** What the control inside a field needs: the id its label points at, and whether it is invalid. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
}

interface CommonProps {
  id: string;
  label: ReactNode;
  error?: string | null;
  /** Under the control, above the error: usually a `<p className="help">`. */
  help?: ReactNode;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children' | 'aria-invalid'>;

/**
 * A labelled control with its error under it. The control is an `<input>` with the remaining
 * props, or whatever `children` renders with the control props (a textarea, a select).
 */
export type FieldProps = CommonProps &
  ((InputProps & { children?: undefined }) | { children(control: ControlProps): ReactNode });

export function Field({ id, label, error, help, ...rest }: FieldProps) {
  const invalid = error ? true : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {rest.children ? (
        rest.children({ id, 'aria-invalid': invalid })
      ) : (
        <input id={id} {...rest} aria-invalid={invalid} />
      )}
      {help}
      <FieldError message={error} />
    </div>
  );
}
