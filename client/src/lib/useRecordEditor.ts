import { useState } from 'react';
import { useFieldErrors } from './useFieldErrors';
import { useFormValues } from './useFormValues';

/**
 * The editor beside a list of records (a tag, a template): the record being edited (`id: null` for a new
 * one), its field errors, and the line saying what the last save did. `edit` starts on another record and
 * forgets both; `set(field, value)` changes one field and `text(field)` wires an input, each clearing that
 * field's error.
 */
export function useRecordEditor<R extends { id: string | null }, F extends keyof R & string>(empty: R) {
  const { errors, setErrors, clearError } = useFieldErrors<F | 'form'>();
  const { values: editing, setValues, set, text } = useFormValues<R>(empty, (field) => clearError(field as F));
  const [saved, setSaved] = useState<string | null>(null);

  const edit = (next: R) => {
    setErrors({});
    setSaved(null);
    setValues(next);
  };

  /** Before a save: clear what the last one said. */
  const saving = () => {
    setErrors({});
    setSaved(null);
  };

  /** After a save: keep editing the stored record and say so. */
  const stored = (record: R, message: string) => {
    setValues(record);
    setSaved(message);
  };

  return { editing, edit, set, text, errors, setErrors, saved, saving, stored };
}
