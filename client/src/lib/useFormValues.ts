import { type ChangeEvent, useState } from 'react';

type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

/**
 * A form's values and a setter for one of them (`onEdit` hears which field changed, to clear its error).
 * `text(name)` gives an input or textarea the value and change handler of a text field.
 */
export function useFormValues<V extends object>(initial: V | (() => V), onEdit?: (name: keyof V) => void) {
  const [values, setValues] = useState<V>(initial);
  const set = <K extends keyof V>(name: K, value: V[K]) => {
    onEdit?.(name);
    setValues((v) => ({ ...v, [name]: value }));
  };
  const text = <K extends TextKeys<V>>(name: K) => ({
    value: values[name] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(name, e.target.value as V[K]),
  });
  return { values, setValues, set, text };
}
