import type { CustomerStatus } from '../gql/graphql';

/** The funnel table the server enforces; the form offers these moves first. */
export const ALLOWED_MOVES: Record<CustomerStatus, readonly CustomerStatus[]> = {
  PROSPECT: ['LEAD_QUALIFIED', 'CUSTOMER', 'LEAD_EXHAUSTED'],
  LEAD_QUALIFIED: ['CUSTOMER', 'LEAD_EXHAUSTED', 'PROSPECT'],
  CUSTOMER: ['CHURNED'],
  CHURNED: ['CUSTOMER'],
  LEAD_EXHAUSTED: ['LEAD_QUALIFIED', 'PROSPECT'],
};

export const ALL_STATUSES: readonly CustomerStatus[] = [
  'PROSPECT',
  'LEAD_QUALIFIED',
  'CUSTOMER',
  'CHURNED',
  'LEAD_EXHAUSTED',
];

const LABELS: Record<CustomerStatus, string> = {
  PROSPECT: 'Prospect',
  LEAD_QUALIFIED: 'Qualified lead',
  CUSTOMER: 'Customer',
  CHURNED: 'Churned',
  LEAD_EXHAUSTED: 'Lead exhausted',
};

export function statusLabel(status: CustomerStatus): string {
  return LABELS[status];
}

export function isAllowedMove(from: CustomerStatus, to: CustomerStatus): boolean {
  return from === to || ALLOWED_MOVES[from].includes(to);
}

/** The same shape the server accepts; it stays the authority and its error is what we show. */
export function ltvAmountProblem(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(value)) return 'Use a positive amount with at most 2 decimals, such as 120.50';
  const amount = Number(value);
  if (amount <= 0) return 'The amount must be greater than zero';
  if (amount > 1_000_000) return 'The amount must be at most 1,000,000';
  return null;
}

/** What a status move and/or payment changed, for the notice after saving. */
export function describeFunnelOutcome(outcome: {
  previousStatus: CustomerStatus;
  newStatus: CustomerStatus;
  ltvAdded?: string | null;
  ltvTotal: string;
}): string[] {
  const parts: string[] = [];
  if (outcome.newStatus !== outcome.previousStatus)
    parts.push(`Status ${statusLabel(outcome.previousStatus)} → ${statusLabel(outcome.newStatus)}.`);
  if (outcome.ltvAdded) parts.push(`LTV +${outcome.ltvAdded} (total ${outcome.ltvTotal}).`);
  return parts;
}
