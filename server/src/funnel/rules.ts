import type { CustomerStatus } from '../db.js';
import { InvalidTransitionError, ValidationError } from '../errors.js';

type Status = CustomerStatus;

export const ALLOWED_MOVES: Record<Status, readonly Status[]> = {
  PROSPECT: ['LEAD_QUALIFIED', 'CUSTOMER', 'LEAD_EXHAUSTED'],
  LEAD_QUALIFIED: ['CUSTOMER', 'LEAD_EXHAUSTED', 'PROSPECT'],
  CUSTOMER: ['CHURNED'],
  CHURNED: ['CUSTOMER'],
  LEAD_EXHAUSTED: ['LEAD_QUALIFIED', 'PROSPECT'],
};

export const MAX_LTV_AMOUNT = 1_000_000;

export function isAllowedMove(from: Status, to: Status): boolean {
  return from === to || ALLOWED_MOVES[from].includes(to);
}

/** Throws unless the move is in the funnel table; an admin override with a reason bypasses it. */
export function checkMove(
  from: Status,
  to: Status,
  override: { admin: boolean; reason?: string | null } | null,
): boolean {
  if (isAllowedMove(from, to)) return false;
  if (override?.admin && override.reason && override.reason.trim().length > 0) return true;
  throw new InvalidTransitionError(from, to);
}

/**
 * Parses a money amount given as a decimal string into a canonical two-place string.
 * Strings only: a float would already have lost cents before it reached us.
 */
export function parseLtvAmount(raw: string, field = 'ltvAmount'): string {
  const value = raw.trim();
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) {
    throw new ValidationError(
      field,
      'LTV amount must be a positive decimal with at most 2 decimal places, such as "120.50"',
    );
  }
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  const canonical = `${whole}.${cents}`;
  const numeric = Number(canonical);
  if (numeric <= 0) throw new ValidationError(field, 'LTV amount must be greater than zero');
  if (numeric > MAX_LTV_AMOUNT)
    throw new ValidationError(field, `LTV amount must be at most ${MAX_LTV_AMOUNT.toLocaleString('en-US')}`);
  return canonical;
}
