import type { CustomerStatus } from '../db.js';

/**
 * How far ahead of its creation time a draft enters the queue, by the person's customer status. A draft
 * from a customer is reviewed before prospects' drafts up to 30 minutes older than it, and no further:
 * waiting time raises every draft, so none starves.
 */
export const QUEUE_HEAD_START_MINUTES: Record<CustomerStatus, number> = {
  CUSTOMER: 30,
  LEAD_QUALIFIED: 15,
  PROSPECT: 0,
  CHURNED: 0,
  LEAD_EXHAUSTED: 0,
};

/** The queue position of a draft created `at` for a person of `status`. */
export function queueAt(at: Date, status: CustomerStatus): Date {
  return new Date(at.getTime() - QUEUE_HEAD_START_MINUTES[status] * 60_000);
}

/** Approved replies that could not be delivered (priority 1) come first; then queue position, oldest first. */
export const QUEUE_ORDER = [{ priority: 'desc' as const }, { queueAt: 'asc' as const }, { id: 'asc' as const }];

export const QUEUE_STATES = ['PENDING', 'CLAIMED', 'FAILED'] as const;

/** What needs a person: drafts to review or retry, and approved replies that could not be sent. */
export const NEEDS_ATTENTION = {
  OR: [{ status: { in: [...QUEUE_STATES] } }, { status: 'APPROVED' as const, priority: { gt: 0 } }],
};

/**
 * A person's turns as the history shows them: their drafts in the order they were made, superseded ones
 * left out (their messages moved to the draft that replaced them).
 */
export const TURNS = { status: { not: 'SUPERSEDED' as const } };
export const TURN_ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
