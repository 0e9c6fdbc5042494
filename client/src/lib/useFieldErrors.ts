import { useCallback, useState } from 'react';
import type { FieldErrors } from './errors';

/**
 * A form's errors, each beside the field it names (`form`: the form as a whole). `clearError`
 * drops the errors of the fields just edited, so an error stays until its field changes.
 */
export function useFieldErrors<F extends string>() {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const clearError = useCallback(
    (...fields: F[]) =>
      setErrors((current) => {
        if (!fields.some((f) => current[f])) return current;
        const next = { ...current };
        for (const f of fields) delete next[f];
        return next;
      }),
    [],
  );
  return { errors, setErrors, clearError };
}
