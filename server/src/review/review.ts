import { LRUCache } from 'lru-cache';
import { audit, auditInsert } from '../audit/audit.js';
import type { Core } from '../core.js';
import { type AnalyticsTx, type CustomerStatus, lockContact, Prisma, type Reviewer } from '../db.js';
import { ClaimConflictError, InvalidStateError, NotFoundError, ValidationError } from '../errors.js';
import { applyFunnelChange, type FunnelOutcome, raiseStatusChanged } from '../funnel/apply.js';
import { normalisedEditDistance } from '../insights/edit-distance.js';
import { scheduleFlush } from '../intake/debounce.js';
import { foldBuffer } from '../intake/flush.js';
import { contactChanged } from '../pubsub.js';
import { isId, MAX_MESSAGE_LENGTH, optionalText } from '../validate.js';
import { raiseWebhookEvent, sendWebhooks } from '../webhooks/events.js';
import { undoDeadline } from './undo.js';

export const MAX_BUBBLES = 10;

function requireDraftId(id: string): string {
  if (!isId(id)) throw new NotFoundError('Draft', id);
  return id;
}

async function explainUnavailable(core: Core, id: string, reviewer: Reviewer): Promise<never> {
  const draft = await core.analytics.draft.findUnique({ where: { id }, include: { claimedBy: true } });
  if (!draft) throw new NotFoundError('Draft', id);
  const live = draft.claimExpiresAt !== null && draft.claimExpiresAt > new Date();
  if (draft.status === 'CLAIMED' && live && draft.claimedById !== reviewer.id) {
    throw new ClaimConflictError(draft.claimedBy?.displayName ?? 'another reviewer');
  }
  if (draft.status === 'CLAIMED' && draft.claimedById === reviewer.id) {
    throw new InvalidStateError('CLAIM_EXPIRED', 'Your claim on this draft ran out: open it again to claim it');
  }
  if (draft.status === 'PENDING' || draft.status === 'CLAIMED') {
    throw new InvalidStateError(draft.status, 'Claim this draft before deciding on it (or decide with claim: true)');
  }
  throw new InvalidStateError(
    draft.status,
    `This draft is ${draft.status.toLowerCase()} and can no longer be reviewed`,
  );
}

/** A draft nobody is working on: pending, or claimed by a reviewer whose lease ran out. */
const UNCLAIMED = (now: Date) => ({
  OR: [{ status: 'PENDING' as const }, { status: 'CLAIMED' as const, claimExpiresAt: { lte: now } }],
});

/** The caller's own live claim: the only state a decision is taken from. */
const HELD_BY = (reviewer: Reviewer, now: Date) => ({
  status: 'CLAIMED' as const,
  claimedById: reviewer.id,
  claimExpiresAt: { gt: now },
});

/** Takes a free draft for `reviewer`, recording when; false when it is not free. */
async function take(db: AnalyticsTx | Core['analytics'], id: string, reviewer: Reviewer, now: Date, until: Date) {
  const { count } = await db.draft.updateMany({
    where: { id, ...UNCLAIMED(now) },
    data: { status: 'CLAIMED', claimedById: reviewer.id, claimedAt: now, claimExpiresAt: until },
  });
  return count === 1;
}

/**
 * The suggestion of each draft claimed in this process, by draft id, as the claim read it: the approval scores
 * the edit against it without reading it again. Only a hint: the approval's statement requires the draft's
 * suggestion to be this one, and reads it when it is not (or when the claim was taken in another process).
 */
const claimedSuggestions = new WeakMap<Core, LRUCache<string, string[]>>();
function suggestionsOf(core: Core): LRUCache<string, string[]> {
  let cache = claimedSuggestions.get(core);
  if (!cache) {
    cache = new LRUCache<string, string[]>({ max: 2000, ttl: core.config.CLAIM_LEASE_SECONDS * 1000 });
    claimedSuggestions.set(core, cache);
  }
  return cache;
}

const leaseEnd = (core: Core, now: Date) => new Date(now.getTime() + core.config.CLAIM_LEASE_SECONDS * 1000);

/**
 * Takes (or renews) the review lease, so two reviewers never work on the same draft. One statement: the
 * draft is renewed if the caller holds it, taken if nobody does (pending, or a lease that ran out), and
 * left alone otherwise; `renewed` tells the two apart (a renewal keeps its claimedAt).
 */
export async function claimDraft(core: Core, id: string, reviewer: Reviewer): Promise<{ id: string }> {
  requireDraftId(id);
  const now = new Date();
  const until = leaseEnd(core, now);
  // A new claim (not a renewal) is audited by the same statement.
  const newClaim = Prisma.sql`EXISTS (SELECT 1 FROM claimed WHERE NOT renewed)`;
  const audited = auditInsert('draft.claim', { actorId: reviewer.id, subjectId: id, detail: {} }, newClaim);
  const [claimed] = await core.sql<{ id: string; contactId: string; renewed: boolean; bubbles: string[] }>(Prisma.sql`
    WITH claimed AS (
      UPDATE "Draft" d SET
        "status" = 'CLAIMED',
        "claimedById" = ${reviewer.id}::uuid,
        "claimedAt" = CASE WHEN o.renewed THEN d."claimedAt" ELSE ${now} END,
        "claimExpiresAt" = ${until},
        "updatedAt" = ${now}
      FROM (
        SELECT "id", ("status" = 'CLAIMED' AND "claimedById" = ${reviewer.id}::uuid AND "claimExpiresAt" > ${now}) AS renewed
        FROM "Draft" WHERE "id" = ${id}::uuid
      ) o
      WHERE d."id" = o."id"
        AND (o.renewed OR d."status" = 'PENDING' OR (d."status" = 'CLAIMED' AND d."claimExpiresAt" <= ${now}))
      RETURNING d."id", d."contactId", o.renewed, d."bubbles"
    ), audited AS (${audited})
    SELECT "id", "contactId", renewed, "bubbles" FROM claimed`);
  if (!claimed) return explainUnavailable(core, id, reviewer);
  suggestionsOf(core).set(id, claimed.bubbles);
  if (!claimed.renewed) {
    core.log.info({ draftId: id, reviewerId: reviewer.id }, 'draft claimed');
    core.pubsub.publish('draftUpdated', { draftId: id });
    contactChanged(core.pubsub, claimed.contactId);
  }
  return { id };
}

/** After a decision or a release, messages that waited beside the draft become the person's next burst. */
async function releaseWaiting(core: Core, contactId: string): Promise<void> {
  await scheduleFlush(core, contactId);
}

export interface ApproveInput {
  draftId: string;
  bubbles: string[];
  editTags?: string[] | null;
  qualityScore?: number | null;
  notes?: string | null;
  customerStatus?: CustomerStatus | null;
  ltvAmount?: string | null;
  statusReason?: string | null;
  /** Claims the draft and decides in one step (integrators); otherwise the caller's live claim is needed. */
  claim?: boolean | null;
}

export function validateBubbles(bubbles: string[]): string[] {
  if (bubbles.length === 0) throw new ValidationError('bubbles', 'Add at least one bubble to send');
  if (bubbles.length > MAX_BUBBLES) throw new ValidationError('bubbles', `At most ${MAX_BUBBLES} bubbles can be sent`);
  return bubbles.map((b, i) => {
    if (b.length > MAX_MESSAGE_LENGTH)
      throw new ValidationError('bubbles', `Bubble ${i + 1} is longer than ${MAX_MESSAGE_LENGTH} characters`);
    const text = b.trim();
    if (text.length === 0) throw new ValidationError('bubbles', `Bubble ${i + 1} is empty`);
    return text;
  });
}

function validateTags(tags: string[] | null | undefined): string[] {
  const list = tags ?? [];
  if (list.length > 20) throw new ValidationError('editTags', 'At most 20 edit tags');
  return [
    ...new Set(
      list.map((t, i) => {
        const tag = t.trim();
        if (tag.length === 0 || tag.length > 50)
          throw new ValidationError('editTags', `Edit tag ${i + 1} must be 1 to 50 characters`);
        return tag;
      }),
    ),
  ];
}

/** What a reviewer decided for a draft, validated: written alike by both approval paths. */
interface Decision {
  id: string;
  bubbles: string[];
  editTags: string[];
  notes: string | null;
  qualityScore: number | null;
}

/** The columns an approval sets on the draft. */
const approvedColumns = (d: Decision, reviewer: Reviewer, now: Date) => Prisma.sql`
  "status" = 'APPROVED', "finalBubbles" = ${d.bubbles}, "editTags" = ${d.editTags},
  "qualityScore" = ${d.qualityScore}::int, "notes" = ${d.notes}, "reviewedById" = ${reviewer.id}::uuid,
  "reviewedAt" = ${now}, "claimExpiresAt" = NULL, "updatedAt" = ${now}`;

/** HELD_BY as SQL: the draft, only while the caller's own claim on it is live. */
const heldByCaller = (id: string, reviewer: Reviewer, now: Date) => Prisma.sql`
  "id" = ${id}::uuid AND "status" = 'CLAIMED' AND "claimedById" = ${reviewer.id}::uuid AND "claimExpiresAt" > ${now}`;

/** The approval's audit entry, with the edit's distance from the suggestion. */
function approvalAudit(d: Decision, reviewer: Reviewer, suggested: string[], when?: Prisma.Sql) {
  const detail = {
    editDistance: normalisedEditDistance(suggested, d.bubbles),
    bubbles: d.bubbles.length,
    qualityScore: d.qualityScore,
    editTags: d.editTags,
  };
  return {
    editDistance: detail.editDistance,
    insert: auditInsert('draft.approve', { actorId: reviewer.id, subjectId: d.id, detail }, when),
  };
}

/** No funnel change asked: the person's status and LTV as they stand. */
const unchangedFunnel = (status: CustomerStatus, ltvTotal: string): FunnelOutcome => ({
  previousStatus: status,
  newStatus: status,
  ltvTotal,
  ltvAdded: null,
});

/** Approval, review data and the funnel change commit together, or not at all. */
export async function approveDraft(
  core: Core,
  input: ApproveInput,
  reviewer: Reviewer,
): Promise<{ draftId: string; funnel: FunnelOutcome }> {
  const id = requireDraftId(input.draftId);
  const bubbles = validateBubbles(input.bubbles);
  const editTags = validateTags(input.editTags);
  const notes = optionalText('notes', input.notes, 2000, 'Notes');
  if (
    input.qualityScore != null &&
    (!Number.isInteger(input.qualityScore) || input.qualityScore < 1 || input.qualityScore > 5)
  ) {
    throw new ValidationError('qualityScore', 'Quality score must be a whole number from 1 to 5');
  }
  const now = new Date();
  const decision: Decision = { id, bubbles, editTags, notes, qualityScore: input.qualityScore ?? null };
  const unchanged = input.customerStatus == null && (input.ltvAmount ?? '') === '' && (input.statusReason ?? '') === '';
  const decided =
    (!input.claim && unchanged ? await approveAsIs(core, decision, reviewer, now) : null) ??
    (await core.analytics.$transaction(async (tx) => {
      if (input.claim) await take(tx, id, reviewer, now, leaseEnd(core, now));
      // Decided only from the caller's live claim; returns the person, whether messages wait beside it, and the
      // suggestion (final once a draft can be held), to score the edit.
      // With no funnel change asked, the person's status and LTV come back with it too (nothing to lock for).
      const [draft] = await tx.$queryRaw<
        Array<{
          contactId: string;
          waiting: boolean;
          bubbles: string[];
          customerStatus: CustomerStatus;
          ltvTotal: Prisma.Decimal;
        }>
      >`
      UPDATE "Draft" SET ${approvedColumns(decision, reviewer, now)}
      WHERE ${heldByCaller(id, reviewer, now)}
      RETURNING "contactId", "bubbles",
        (SELECT c."customerStatus" FROM "Contact" c WHERE c."id" = "Draft"."contactId") AS "customerStatus",
        (SELECT c."ltvTotal" FROM "Contact" c WHERE c."id" = "Draft"."contactId") AS "ltvTotal",
        EXISTS (SELECT 1 FROM "Message" m WHERE m."contactId" = "Draft"."contactId"
          AND m."direction" = 'INBOUND' AND m."draftId" IS NULL) AS waiting`;
      if (!draft) return null;
      // The edit distance is stored with the decision, the bubbles queued for delivery, and the approval audited,
      // in one statement.
      const audit = approvalAudit(decision, reviewer, draft.bubbles);
      await tx.$executeRaw`
      WITH scored AS (UPDATE "Draft" SET "editDistance" = ${audit.editDistance} WHERE "id" = ${id}::uuid),
        queued AS (INSERT INTO "OutboxBubble" ("id", "draftId", "index", "text")
          SELECT gen_random_uuid(), ${id}::uuid, b.ordinality - 1, b.text
          FROM unnest(${bubbles}::text[]) WITH ORDINALITY AS b(text, ordinality))
      ${audit.insert}`;
      const outcome: FunnelOutcome = unchanged
        ? unchangedFunnel(draft.customerStatus, draft.ltvTotal.toFixed(2))
        : await applyFunnelChange(tx, {
            contactId: draft.contactId,
            status: input.customerStatus ?? null,
            ltvAmount: input.ltvAmount ?? null,
            reason: input.statusReason ?? null,
            reasonField: 'statusReason',
            reviewerId: reviewer.id,
            reviewerIsAdmin: reviewer.role === 'ADMIN',
            draftId: id,
          });
      const hooks = await raiseStatusChanged(core, tx, draft.contactId, outcome, id);
      return { funnel: outcome, contactId: draft.contactId, waiting: draft.waiting, hooks };
    }));
  if (!decided) return explainUnavailable(core, id, reviewer);
  const { funnel, contactId, waiting, hooks } = decided;
  core.log.info(
    { draftId: id, reviewerId: reviewer.id, bubbles: bubbles.length, status: funnel.newStatus },
    'draft approved',
  );
  // The approval is committed: its events go first, so that in services mode they and the delivery job below
  // leave in one write to Redis (commands sent in one tick share one).
  core.pubsub.publish('draftUpdated', { draftId: id });
  contactChanged(core.pubsub, contactId);
  // Delivery waits for the undo window to end (the job re-checks it: a restart's reconcile may run it early).
  // The approval and its bubbles are committed: should the queue refuse the job (unreachable), the reviewer is
  // told it is approved, and the delivery sweep finds the queued bubbles and schedules it. Awaited all the same:
  // answering first made the reply reach the person later (the job's write waited behind the response's).
  await core.jobs
    .schedule('deliver', { draftId: id }, undoDeadline(core, now))
    .catch((error) => core.log.warn({ draftId: id, err: String(error) }, 'delivery not scheduled; the sweep will'));
  await sendWebhooks(core, hooks);
  if (waiting) await releaseWaiting(core, contactId);
  return { draftId: id, funnel };
}

/**
 * The common approval (the caller's own claim, no funnel change) without a transaction: the suggestion (as the
 * claim in this process read it, or read now) scores the edit, then one statement decides, queues the bubbles
 * and audits, and only if the suggestion is still the one scored. Null when that statement changed nothing; the
 * caller then takes the general path, which decides or explains why not.
 */
async function approveAsIs(core: Core, d: Decision, reviewer: Reviewer, now: Date) {
  const suggestions = suggestionsOf(core);
  const known = suggestions.get(d.id);
  const [suggested] = known
    ? [{ bubbles: known }]
    : await core.sql<{ bubbles: string[] }>(Prisma.sql`SELECT "bubbles" FROM "Draft" WHERE "id" = ${d.id}::uuid`);
  suggestions.delete(d.id);
  if (!suggested) return null;
  const audit = approvalAudit(d, reviewer, suggested.bubbles, Prisma.sql`EXISTS (SELECT 1 FROM decided)`);
  // ltvTotal as text: numeric(12,2) reads as its two decimals, which the answer reports as they stand.
  const [draft] = await core.sql<{
    contactId: string;
    waiting: boolean;
    customerStatus: CustomerStatus;
    ltvTotal: string;
  }>(Prisma.sql`
    WITH decided AS (
      UPDATE "Draft" SET ${approvedColumns(d, reviewer, now)}, "editDistance" = ${audit.editDistance}
      WHERE ${heldByCaller(d.id, reviewer, now)} AND "bubbles" = ${suggested.bubbles}::text[]
      RETURNING "id", "contactId"
    ), queued AS (
      INSERT INTO "OutboxBubble" ("id", "draftId", "index", "text")
      SELECT gen_random_uuid(), decided."id", b.ordinality - 1, b.text
      FROM decided, unnest(${d.bubbles}::text[]) WITH ORDINALITY AS b(text, ordinality)
    ), audited AS (${audit.insert})
    SELECT decided."contactId", c."customerStatus"::text AS "customerStatus", c."ltvTotal"::text AS "ltvTotal",
      EXISTS (SELECT 1 FROM "Message" m WHERE m."contactId" = decided."contactId"
        AND m."direction" = 'INBOUND' AND m."draftId" IS NULL) AS waiting
    FROM decided JOIN "Contact" c ON c."id" = decided."contactId"`);
  if (!draft) return null;
  return {
    funnel: unchangedFunnel(draft.customerStatus, draft.ltvTotal),
    contactId: draft.contactId,
    waiting: draft.waiting,
    hooks: [] as string[],
  };
}

export async function rejectDraft(
  core: Core,
  input: { draftId: string; notes?: string | null; claim?: boolean | null },
  reviewer: Reviewer,
) {
  const id = requireDraftId(input.draftId);
  const notes = optionalText('notes', input.notes, 2000, 'Notes');
  const now = new Date();
  const rejected = await core.analytics.$transaction(async (tx) => {
    if (input.claim) await take(tx, id, reviewer, now, leaseEnd(core, now));
    const [row] = await tx.draft.updateManyAndReturn({
      where: { id, ...HELD_BY(reviewer, now) },
      data: { status: 'REJECTED', notes, reviewedById: reviewer.id, reviewedAt: now, claimExpiresAt: null },
      select: { contactId: true },
    });
    if (!row) return null;
    await audit(tx, 'draft.reject', { actorId: reviewer.id, subjectId: id, detail: { notes } });
    return raiseWebhookEvent(core, tx, 'DRAFT_REJECTED', { subjectId: id, contactId: row.contactId });
  });
  const draft = await handedBack(core, id, reviewer, rejected ? 1 : 0, 'draft rejected');
  await sendWebhooks(core, rejected);
  return draft;
}

/** Hands a claimed draft back to the queue without deciding. */
export async function releaseDraft(core: Core, id: string, reviewer: Reviewer) {
  requireDraftId(id);
  const count = await core.analytics.$transaction(async (tx) => {
    const released = await tx.draft.updateMany({
      where: { id, status: 'CLAIMED', claimedById: reviewer.id },
      data: { status: 'PENDING', claimedById: null, claimExpiresAt: null },
    });
    if (released.count === 1) await audit(tx, 'draft.release', { actorId: reviewer.id, subjectId: id, detail: {} });
    return released.count;
  });
  return handedBack(core, id, reviewer, count, 'draft released');
}

/**
 * After a reject or a release (`count` rows changed; none: say why): logs it, tells subscribers, and answers
 * the messages that waited beside the draft with a new draft covering everything, as after a supersede.
 */
async function handedBack(core: Core, id: string, reviewer: Reviewer, count: number, what: string) {
  if (count === 0) await explainUnavailable(core, id, reviewer);
  core.log.info({ draftId: id, reviewerId: reviewer.id }, what);
  core.pubsub.publish('draftUpdated', { draftId: id });
  const draft = await core.analytics.draft.findUniqueOrThrow({ where: { id } });
  contactChanged(core.pubsub, draft.contactId);
  await releaseWaiting(core, draft.contactId);
  return draft;
}

export interface RedraftInput {
  draftId: string;
  /** The reviewer's edit of the draft being replaced, kept beside the new draft for reference. */
  editedBubbles?: string[] | null;
}

/**
 * Replaces the draft the caller holds with a new one that also answers the messages that arrived while
 * they held it. The caller keeps the new draft (claimed) and sees their edit beside it.
 */
export async function redraftDraft(core: Core, input: RedraftInput, reviewer: Reviewer) {
  const id = requireDraftId(input.draftId);
  const edited = input.editedBubbles ?? [];
  if (edited.length > MAX_BUBBLES) throw new ValidationError('editedBubbles', `At most ${MAX_BUBBLES} bubbles`);
  if (edited.some((b) => b.length > MAX_MESSAGE_LENGTH)) {
    throw new ValidationError('editedBubbles', `A bubble is longer than ${MAX_MESSAGE_LENGTH} characters`);
  }
  const previousEdit = edited.map((b) => b.trim()).filter((b) => b.length > 0);
  const now = new Date();
  const redrafted = await core.analytics.$transaction(async (tx) => {
    const draft = await tx.draft.findUnique({ where: { id }, select: { contactId: true } });
    if (!draft) return null;
    await lockContact(tx, draft.contactId);
    const { count } = await tx.draft.updateMany({
      where: { id, ...HELD_BY(reviewer, now) },
      data: { status: 'SUPERSEDED', claimExpiresAt: null },
    });
    if (count === 0) return null;
    await tx.message.updateMany({ where: { draftId: id }, data: { draftId: null, bufferedAt: now } });
    const claim = { reviewerId: reviewer.id, until: leaseEnd(core, now) };
    const next = await foldBuffer(core, tx, draft.contactId, now, { claim, previousEdit });
    if (next) await audit(tx, 'draft.redraft', { actorId: reviewer.id, subjectId: id, detail: { nextDraftId: next } });
    return { next, contactId: draft.contactId };
  });
  if (!redrafted?.next) return explainUnavailable(core, id, reviewer);
  core.log.info({ draftId: id, next: redrafted.next, reviewerId: reviewer.id }, 'draft redrafted by its reviewer');
  core.pubsub.publish('draftUpdated', { draftId: id });
  contactChanged(core.pubsub, redrafted.contactId);
  await core.jobs.enqueue('draft', { draftId: redrafted.next });
  await core.jobs.enqueue('extract', { draftId: redrafted.next });
  // More than DEBOUNCE_MAX_BATCH messages were waiting: the rest form the next batch.
  await scheduleFlush(core, redrafted.contactId);
  return core.analytics.draft.findUniqueOrThrow({ where: { id: redrafted.next } });
}

/** A FAILED draft goes back to drafting with the same id. */
export async function retryDraft(core: Core, id: string, actorId: string) {
  requireDraftId(id);
  const count = await core.analytics.$transaction(async (tx) => {
    const retried = await tx.draft.updateMany({
      where: { id, status: 'FAILED' },
      data: { status: 'GENERATING', failureReason: null },
    });
    if (retried.count === 1) await audit(tx, 'draft.retry', { actorId, subjectId: id, detail: {} });
    return retried.count;
  });
  if (count === 0) {
    const draft = await core.analytics.draft.findUnique({ where: { id } });
    if (!draft) throw new NotFoundError('Draft', id);
    throw new InvalidStateError(
      draft.status,
      `Only a failed draft can be retried; this one is ${draft.status.toLowerCase()}`,
    );
  }
  await core.jobs.restart('draft', { draftId: id });
  core.pubsub.publish('draftUpdated', { draftId: id });
  const changed = await core.analytics.draft.findUniqueOrThrow({ where: { id } });
  contactChanged(core.pubsub, changed.contactId);
  return changed;
}

/** Sends an approved draft's failed bubbles again, in order, with the same dedupe keys. */
export async function retryDelivery(core: Core, id: string, actorId: string) {
  requireDraftId(id);
  const draft = await core.analytics.draft.findUnique({ where: { id }, select: { status: true } });
  if (!draft) throw new NotFoundError('Draft', id);
  const refused = () =>
    new InvalidStateError(draft.status, 'Only an approved draft with failed bubbles can be sent again');
  if (draft.status !== 'APPROVED') throw refused();
  const count = await core.analytics.$transaction(async (tx) => {
    const requeued = await tx.outboxBubble.updateMany({
      where: { draftId: id, status: 'FAILED' },
      data: { status: 'QUEUED', failureReason: null },
    });
    if (requeued.count === 0) return 0;
    await tx.draft.update({ where: { id }, data: { priority: 0 } });
    await audit(tx, 'delivery.retry', { actorId, subjectId: id, detail: { bubbles: requeued.count } });
    return requeued.count;
  });
  if (count === 0) throw refused();
  await core.jobs.restart('deliver', { draftId: id });
  core.log.info({ draftId: id, bubbles: count }, 'delivery retried');
  core.pubsub.publish('draftUpdated', { draftId: id });
  const changed = await core.analytics.draft.findUniqueOrThrow({ where: { id } });
  contactChanged(core.pubsub, changed.contactId);
  return changed;
}
