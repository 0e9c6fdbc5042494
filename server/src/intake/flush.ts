import type { Core } from '../core.js';
import { type AnalyticsTx, lockContact } from '../db.js';
import { contactChanged } from '../pubsub.js';
import { queueAt } from '../review/order.js';
import { scheduleFlush } from './debounce.js';
import { liveClaim, supersedeOpenDrafts } from './supersede.js';

export interface FoldOptions {
  /** A reviewer who keeps the new draft (a redraft asked for in the editor), with the lease's end. */
  claim?: { reviewerId: string; until: Date };
  /** The reviewer's edited bubbles of the draft being replaced, shown beside the new one. */
  previousEdit?: string[];
}

/**
 * Folds up to DEBOUNCE_MAX_BATCH buffered messages of a person, oldest first, into one GENERATING draft.
 * Runs inside the caller's transaction, under the person's lock; null when nothing is buffered.
 */
export async function foldBuffer(
  core: Core,
  tx: AnalyticsTx,
  contactId: string,
  now: Date,
  options: FoldOptions = {},
): Promise<string | null> {
  const buffered = await tx.message.findMany({
    where: { contactId, direction: 'INBOUND', draftId: null },
    orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }],
    take: core.config.DEBOUNCE_MAX_BATCH,
    select: { id: true, text: true },
  });
  if (buffered.length === 0) return null;
  const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: { customerStatus: true } });
  const draft = await tx.draft.create({
    data: {
      contactId,
      status: 'GENERATING',
      inboundText: buffered.map((m) => m.text).join('\n'),
      queueAt: queueAt(now, contact.customerStatus),
      previousEdit: options.previousEdit ?? [],
      ...(options.claim
        ? { claimedById: options.claim.reviewerId, claimedAt: now, claimExpiresAt: options.claim.until }
        : {}),
    },
  });
  const linked = await tx.message.updateMany({
    where: { id: { in: buffered.map((m) => m.id) }, draftId: null },
    data: { draftId: draft.id },
  });
  if (linked.count !== buffered.length) throw new Error('buffer changed while folding; retrying');
  return draft.id;
}

/**
 * The debounce job: turns a person's buffered burst into one GENERATING draft, atomically, so each message
 * is answered by exactly one live draft. While a reviewer holds the person's draft the burst waits (until
 * the decision, or until the claim runs out); a draft made before the burst began is superseded by it.
 * Safe to run twice.
 */
export async function flushBuffer(core: Core, contactId: string): Promise<string | null> {
  const outcome = await core.analytics.$transaction(async (tx) => {
    await lockContact(tx, contactId);
    const now = new Date();
    const claim = await liveClaim(tx, contactId, now);
    if (claim?.claimExpiresAt) return { waitUntil: claim.claimExpiresAt, superseded: [], draftId: null };
    const first = await tx.message.aggregate({
      where: { contactId, direction: 'INBOUND', draftId: null },
      _min: { bufferedAt: true },
    });
    const startedAt = first._min.bufferedAt;
    const superseded = startedAt
      ? ((await supersedeOpenDrafts(tx, [contactId], now, startedAt)).get(contactId) ?? [])
      : [];
    return { waitUntil: null, superseded, draftId: await foldBuffer(core, tx, contactId, now) };
  });
  for (const draftId of outcome.superseded) core.pubsub.publish('draftUpdated', { draftId });
  if (outcome.draftId || outcome.superseded.length > 0) contactChanged(core.pubsub, contactId);
  if (outcome.waitUntil) {
    // Checked again when the claim would run out; a decision or release reschedules it sooner. A decision
    // committed meanwhile may have rescheduled before this line, so look once more after writing.
    await core.jobs.schedule('debounce', { contactId }, outcome.waitUntil);
    if (!(await liveClaim(core.analytics, contactId, new Date()))) await scheduleFlush(core, contactId);
    return null;
  }
  if (!outcome.draftId) return null;
  core.log.info({ draftId: outcome.draftId, contactId }, 'burst folded into a draft');
  await core.jobs.enqueue('draft', { draftId: outcome.draftId });
  // The turn reaches the person's profile too; a crash before this line is caught by the extract sweep.
  await core.jobs.enqueue('extract', { draftId: outcome.draftId });
  // More than DEBOUNCE_MAX_BATCH messages were waiting: the rest form the next batch.
  await scheduleFlush(core, contactId);
  return outcome.draftId;
}
