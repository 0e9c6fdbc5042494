import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { AnalyticsTx, CustomerStatus, Prisma, Reviewer } from '../db.js';
import { NotFoundError, UndoRefusedError, ValidationError } from '../errors.js';
import { contactChanged } from '../pubsub.js';
import { isId, optionalText } from '../validate.js';
import { raiseWebhookEvent, sendWebhooks } from '../webhooks/events.js';
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

/** CONTACT_STATUS_CHANGED inside the caller's transaction, when the status moved; the deliveries to send. */
export function raiseStatusChanged(
  core: Core,
  tx: AnalyticsTx,
  contactId: string,
  outcome: { previousStatus: CustomerStatus; newStatus: CustomerStatus },
  draftId: string | null,
): Promise<string[]> {
  if (outcome.previousStatus === outcome.newStatus) return Promise.resolve([]);
  const detail = { previousStatus: outcome.previousStatus, newStatus: outcome.newStatus, draftId };
  return raiseWebhookEvent(core, tx, 'CONTACT_STATUS_CHANGED', { subjectId: contactId, contactId, detail });
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
  const { outcome, hooks } = await core.analytics.$transaction(async (tx) => {
    const outcome = await applyFunnelChange(tx, {
      contactId: input.contactId,
      status: input.status,
      ltvAmount: input.ltvAmount ?? null,
      reason,
      reviewerId: reviewer.id,
      reviewerIsAdmin: reviewer.role === 'ADMIN',
    });
    return { outcome, hooks: await raiseStatusChanged(core, tx, input.contactId, outcome, null) };
  });
  core.log.info(
    { contactId: input.contactId, reviewerId: reviewer.id, status: outcome.newStatus },
    'customer status set',
  );
  contactChanged(core.pubsub, input.contactId);
  await sendWebhooks(core, hooks);
  return { contactId: input.contactId, ...outcome };
}

/** An undone approval's funnel change: the status it leaves (`newStatus`) and the payment it removed. */
export interface FunnelReversal extends FunnelOutcome {
  ltvRemoved: string | null;
}

/**
 * Takes back what an approval recorded in the funnel, inside the undo's transaction: its status move and its
 * payment are removed (an undone approval never happened, so neither counts in the history or the totals) and
 * the contact returns to the status before the move. Refused when the status has moved again since. Null when
 * the approval recorded nothing.
 */
export async function revertDraftFunnel(
  tx: AnalyticsTx,
  undo: { contactId: string; draftId: string; actorId: string },
): Promise<FunnelReversal | null> {
  const { contactId, draftId } = undo;
  await tx.$executeRaw`SELECT 1 FROM "Contact" WHERE "id" = ${contactId}::uuid FOR NO KEY UPDATE`;
  const move = await tx.statusChange.findFirst({ where: { contactId, draftId }, orderBy: { createdAt: 'desc' } });
  const payment = await tx.ltvPayment.findFirst({ where: { contactId, draftId } });
  if (!move && !payment) return null;
  const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId } });
  if (move) {
    const later = await tx.statusChange.count({ where: { contactId, createdAt: { gt: move.createdAt } } });
    if (later > 0 || contact.customerStatus !== move.toStatus) {
      throw new UndoRefusedError(
        'STATUS_CHANGED',
        "The person's customer status changed again after this approval, so it can no longer be undone",
      );
    }
    await tx.statusChange.delete({ where: { id: move.id } });
  }
  if (payment) await tx.ltvPayment.delete({ where: { id: payment.id } });
  const restored = move?.fromStatus ?? contact.customerStatus;
  const updated = await tx.contact.update({
    where: { id: contactId },
    data: { customerStatus: restored, ...(payment ? { ltvTotal: { decrement: payment.amount } } : {}) },
  });
  const ltvTotal = updated.ltvTotal.toFixed(2);
  const amount = payment ? payment.amount.toFixed(2) : null;
  await audit(tx, 'funnel.undo', {
    actorId: undo.actorId,
    subjectId: contactId,
    detail: { from: contact.customerStatus, to: restored, amount, ltvTotal, draftId },
  });
  return { previousStatus: contact.customerStatus, newStatus: restored, ltvTotal, ltvAdded: null, ltvRemoved: amount };
}
