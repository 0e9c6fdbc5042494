import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { AnalyticsTx, CustomerStatus, Prisma, Reviewer } from '../db.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { isId, optionalText } from '../validate.js';
import { checkMove, parseLtvAmount } from './rules.js';

export interface FunnelChange {
  contactId: string;
  status?: CustomerStatus | null;
  ltvAmount?: string | null;
  reason?: string | null;
  /** The input field the reason came from, so an error names it as the client sent it. */
  reasonField?: string;
  reviewerId: string;
  reviewerIsAdmin: boolean;
  draftId?: string | null;
}

export interface FunnelOutcome {
  previousStatus: CustomerStatus;
  newStatus: CustomerStatus;
  ltvTotal: string;
  ltvAdded: string | null;
}

/** Applies a status move and/or an LTV payment inside the caller's transaction. */
export async function applyFunnelChange(tx: AnalyticsTx, change: FunnelChange): Promise<FunnelOutcome> {
  // One change at a time per contact, so each history row starts where the previous one ended and a payment
  // is only ever recorded beside CUSTOMER. NO KEY UPDATE leaves the key-share locks of message inserts alone.
  // Locked and read in one round trip: this runs inside every approval.
  const [contact] = await tx.$queryRaw<Array<{ id: string; customerStatus: CustomerStatus; ltvTotal: Prisma.Decimal }>>`
    SELECT "id", "customerStatus", "ltvTotal" FROM "Contact" WHERE "id" = ${change.contactId}::uuid FOR NO KEY UPDATE`;
  if (!contact) throw new NotFoundError('Contact', change.contactId);
  const previousStatus = contact.customerStatus;
  const newStatus = change.status ?? previousStatus;
  const amount = change.ltvAmount == null || change.ltvAmount === '' ? null : parseLtvAmount(change.ltvAmount);
  if (amount && newStatus !== 'CUSTOMER') {
    throw new ValidationError(
      'ltvAmount',
      `An LTV amount can only be recorded when the status is CUSTOMER (it would be ${newStatus})`,
    );
  }
  if (change.reason && change.reason.length > 1000)
    throw new ValidationError(change.reasonField ?? 'reason', 'Reason must be at most 1000 characters');
  const override = checkMove(previousStatus, newStatus, { admin: change.reviewerIsAdmin, reason: change.reason });

  let ltvTotal = contact.ltvTotal.toFixed(2);
  if (newStatus !== previousStatus) {
    await tx.statusChange.create({
      data: {
        contactId: contact.id,
        fromStatus: previousStatus,
        toStatus: newStatus,
        reviewerId: change.reviewerId,
        draftId: change.draftId ?? null,
        reason: change.reason ?? null,
        override,
      },
    });
    const moved = { from: previousStatus, to: newStatus, draftId: change.draftId ?? null };
    const entry = { actorId: change.reviewerId, subjectId: contact.id };
    if (override) await audit(tx, 'funnel.override', { ...entry, detail: { ...moved, reason: change.reason ?? '' } });
    else await audit(tx, 'funnel.status', { ...entry, detail: { ...moved, reason: change.reason ?? null } });
  }
  if (newStatus !== previousStatus || amount) {
    const updated = await tx.contact.update({
      where: { id: contact.id },
      data: { customerStatus: newStatus, ...(amount ? { ltvTotal: { increment: amount } } : {}) },
    });
    ltvTotal = updated.ltvTotal.toFixed(2);
  }
  if (amount) {
    await tx.ltvPayment.create({
      data: { contactId: contact.id, amount, reviewerId: change.reviewerId, draftId: change.draftId ?? null },
    });
    await audit(tx, 'funnel.payment', {
      actorId: change.reviewerId,
      subjectId: contact.id,
      detail: { amount, ltvTotal, draftId: change.draftId ?? null },
    });
  }
  return { previousStatus, newStatus, ltvTotal, ltvAdded: amount };
}

export interface SetCustomerStatus {
  contactId: string;
  status: CustomerStatus;
  ltvAmount?: string | null;
  reason?: string | null;
}

/** A status move and/or payment outside a review (the contact page), in its own transaction. */
export async function setCustomerStatus(
  core: Core,
  input: SetCustomerStatus,
  reviewer: Reviewer,
): Promise<FunnelOutcome & { contactId: string }> {
  if (!isId(input.contactId)) throw new NotFoundError('Contact', input.contactId);
  const reason = optionalText('reason', input.reason, 1000, 'Reason');
  const outcome = await core.analytics.$transaction((tx) =>
    applyFunnelChange(tx, {
      contactId: input.contactId,
      status: input.status,
      ltvAmount: input.ltvAmount ?? null,
      reason,
      reviewerId: reviewer.id,
      reviewerIsAdmin: reviewer.role === 'ADMIN',
    }),
  );
  core.log.info(
    { contactId: input.contactId, reviewerId: reviewer.id, status: outcome.newStatus },
    'customer status set',
  );
  return { contactId: input.contactId, ...outcome };
}
