import type { Core } from '../core.js';
import { type AnalyticsTx, type CustomerStatus, lockContact } from '../db.js';
import { contactChanged } from '../pubsub.js';
import { queueAt } from '../review/order.js';
import { scheduleFlush } from './debounce.js';
import { liveClaim, supersedeOpenDrafts } from './supersede.js';

export interface FoldOptions {
  /** A reviewer who keeps the new draft (a redraft asked for in the editor), with the lease's end. */
  claim?: { reviewerId: string; until: Date };
  /** The reviewer's edited bubbles of the draft being replaced, shown beside the new one. */
  previousEdit?: string[];
  /** The person's funnel status, when the caller has read it already (it orders the queue). */
  customerStatus?: CustomerStatus;
  /** Told whether the fold took a whole batch (DEBOUNCE_MAX_BATCH): then more may be waiting. */
  onFolded?: (full: boolean) => void;
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
  options.onFolded?.(buffered.length >= core.config.DEBOUNCE_MAX_BATCH);
  const customerStatus =
    options.customerStatus ??
    (await tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: { customerStatus: true } })).customerStatus;
  const draft = await tx.draft.create({
    data: {
      contactId,
      status: 'GENERATING',
      inboundText: buffered.map((m) => m.text).join('\n'),
      queueAt: queueAt(now, customerStatus),
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
  let full = false;
  const outcome = await core.analytics.$transaction(async (tx) => {
    await lockContact(tx, contactId);
    const now = new Date();
    // In one round trip: a reviewer's live claim, when the burst began, and the person's funnel status.
    const [state] = await tx.$queryRaw<
      Array<{ claimUntil: Date | null; startedAt: Date | null; customerStatus: CustomerStatus | null }>
    >`
      SELECT
        (SELECT "claimExpiresAt" FROM "Draft" WHERE "contactId" = ${contactId}::uuid AND "status" = 'CLAIMED'
           AND "claimExpiresAt" > ${now} LIMIT 1) AS "claimUntil",
        (SELECT min("bufferedAt") FROM "Message" WHERE "contactId" = ${contactId}::uuid AND "direction" = 'INBOUND'
           AND "draftId" IS NULL) AS "startedAt",
        (SELECT "customerStatus"::text FROM "Contact" WHERE "id" = ${contactId}::uuid) AS "customerStatus"`;
    if (state?.claimUntil) return { waitUntil: state.claimUntil, superseded: [], draftId: null };
    const startedAt = state?.startedAt ?? null;
    const superseded = startedAt
      ? ((await supersedeOpenDrafts((s) => tx.$queryRaw(s), [contactId], now, startedAt)).get(contactId) ?? [])
      : [];
    const draftId = await foldBuffer(core, tx, contactId, now, {
      customerStatus: state?.customerStatus ?? undefined,
      onFolded: (whole) => (full = whole),
    });
    return { waitUntil: null, superseded, draftId };
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
  // A whole batch was folded: more than DEBOUNCE_MAX_BATCH messages may have been waiting, and the rest form the
  // next batch. Otherwise nothing is left: a message stored after this commit schedules its own flush.
  if (full) await scheduleFlush(core, contactId);
  return outcome.draftId;
}
