import { ValidationError } from './errors.js';

/** Telegram's own limit for one message. */
export const MAX_MESSAGE_LENGTH = 4096;

export function requireText(field: string, value: string, max: number, label = field): string {
  const text = value.trim();
  if (text.length === 0) throw new ValidationError(field, `${label} must not be empty`);
  if (value.length > max)
    throw new ValidationError(field, `${label} must be at most ${max} characters (got ${value.length})`);
  return text;
}

export function optionalText(
  field: string,
  value: string | null | undefined,
  max: number,
  label = field,
): string | null {
  if (value == null) return null;
  if (value.length > max)
    throw new ValidationError(field, `${label} must be at most ${max} characters (got ${value.length})`);
  const text = value.trim();
  return text.length > 0 ? text : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one id parser: ids are UUIDs end to end, so anything else cannot name a row. */
export function isId(value: string): boolean {
  return UUID.test(value);
}
