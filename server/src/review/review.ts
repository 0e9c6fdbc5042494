import type { Core } from '../core.js';
import type { CustomerStatus, Reviewer } from '../db.js';
import { ClaimConflictError, InvalidStateError, NotFoundError, ValidationError } from '../errors.js';
import { applyFunnelChange, type FunnelOutcome } from '../funnel/apply.js';
import { isId, MAX_MESSAGE_LENGTH, optionalText } from '../validate.js';

export const MAX_BUBBLES = 10;

function requireDraftId(id: string): string {
  if (!isId(id)) throw new NotFoundError('Draft', id);
  return id;
}

async function explainUnavailable(core: Core, id: string, reviewer: Reviewer): Promise<never> {
  const draft = await core.analytics.draft.findUnique({ where: { id }, include: { claimedBy: true } });
  if (!draft) throw new NotFoundError('Draft', id);
  if (
    draft.status === 'CLAIMED' &&
    draft.claimedById !== reviewer.id &&
    draft.claimExpiresAt &&
    draft.claimExpiresAt > new Date()
  ) {
    throw new ClaimConflictError(draft.claimedBy?.displayName ?? 'another reviewer');
  }
  throw new InvalidStateError(
    draft.status,
    `This draft is ${draft.status.toLowerCase()} and can no longer be reviewed`,
  );
}

/** Rows a reviewer may act on: pending, claimed by them, or claimed by someone whose lease ran out. */
function claimableBy(reviewer: Reviewer, now: Date) {
  return {
    OR: [
      { status: 'PENDING' as const },
      { status: 'CLAIMED' as const, claimedById: reviewer.id },
      { status: 'CLAIMED' as const, claimExpiresAt: { lt: now } },
    ],
  };
}

/** Takes (or renews) the review lease so two reviewers never work on the same draft. */
export async function claimDraft(core: Core, id: string, reviewer: Reviewer) {
  requireDraftId(id);
  const now = new Date();
  const { count } = await core.analytics.draft.updateMany({
    where: { id, ...claimableBy(reviewer, now) },
    data: {
      status: 'CLAIMED',
      claimedById: reviewer.id,
      claimExpiresAt: new Date(now.getTime() + core.config.CLAIM_LEASE_SECONDS * 1000),
    },
  });
  if (count === 0) await explainUnavailable(core, id, reviewer);
  core.log.info({ draftId: id, reviewerId: reviewer.id }, 'draft claimed');
  core.pubsub.publish('draftUpdated', { draftId: id });
  return core.analytics.draft.findUniqueOrThrow({ where: { id } });
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
  const funnel = await core.analytics.$transaction(async (tx) => {
    const { count } = await tx.draft.updateMany({
      where: { id, ...claimableBy(reviewer, now) },
      data: {
        status: 'APPROVED',
        finalBubbles: bubbles,
        editTags,
        qualityScore: input.qualityScore ?? null,
        notes,
        reviewedById: reviewer.id,
        reviewedAt: now,
        claimedById: reviewer.id,
        claimExpiresAt: null,
      },
    });
    if (count === 0) return null;
    const draft = await tx.draft.findUniqueOrThrow({ where: { id } });
    const outcome = await applyFunnelChange(tx, {
      contactId: draft.contactId,
      status: input.customerStatus ?? null,
      ltvAmount: input.ltvAmount ?? null,
      reason: input.statusReason ?? null,
      reasonField: 'statusReason',
      reviewerId: reviewer.id,
      reviewerIsAdmin: reviewer.role === 'ADMIN',
      draftId: id,
    });
    await tx.outboxBubble.createMany({ data: bubbles.map((text, index) => ({ draftId: id, index, text })) });
    return outcome;
  });
  if (!funnel) return explainUnavailable(core, id, reviewer);
  core.log.info(
    { draftId: id, reviewerId: reviewer.id, bubbles: bubbles.length, status: funnel.newStatus },
    'draft approved',
  );
  await core.jobs.enqueue('deliver', { draftId: id });
  core.pubsub.publish('draftUpdated', { draftId: id });
  return { draftId: id, funnel };
}

export async function rejectDraft(core: Core, input: { draftId: string; notes?: string | null }, reviewer: Reviewer) {
  const id = requireDraftId(input.draftId);
  const notes = optionalText('notes', input.notes, 2000, 'Notes');
  const now = new Date();
  const { count } = await core.analytics.draft.updateMany({
    where: { id, ...claimableBy(reviewer, now) },
    data: { status: 'REJECTED', notes, reviewedById: reviewer.id, reviewedAt: now, claimExpiresAt: null },
  });
  if (count === 0) await explainUnavailable(core, id, reviewer);
  core.log.info({ draftId: id, reviewerId: reviewer.id }, 'draft rejected');
  core.pubsub.publish('draftUpdated', { draftId: id });
  return core.analytics.draft.findUniqueOrThrow({ where: { id } });
}

/** Hands a claimed draft back to the queue without deciding. */
export async function releaseDraft(core: Core, id: string, reviewer: Reviewer) {
  requireDraftId(id);
  const { count } = await core.analytics.draft.updateMany({
    where: { id, status: 'CLAIMED', claimedById: reviewer.id },
    data: { status: 'PENDING', claimedById: null, claimExpiresAt: null },
  });
  if (count === 0) await explainUnavailable(core, id, reviewer);
  core.log.info({ draftId: id, reviewerId: reviewer.id }, 'draft released');
  core.pubsub.publish('draftUpdated', { draftId: id });
  return core.analytics.draft.findUniqueOrThrow({ where: { id } });
}

/** A FAILED draft goes back to drafting with the same id. */
export async function retryDraft(core: Core, id: string) {
  requireDraftId(id);
  const { count } = await core.analytics.draft.updateMany({
    where: { id, status: 'FAILED' },
    data: { status: 'GENERATING', failureReason: null },
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
  return core.analytics.draft.findUniqueOrThrow({ where: { id } });
}

/** Queue order: priority first, then age (oldest first), so nothing starves. */
export const QUEUE_ORDER = [{ priority: 'desc' as const }, { createdAt: 'asc' as const }, { id: 'asc' as const }];
export const QUEUE_STATES = ['PENDING', 'CLAIMED', 'FAILED'] as const;

/** What needs a person: drafts to review or retry, and approved replies that could not be sent. */
export const NEEDS_ATTENTION = {
  OR: [
    { status: { in: [...QUEUE_STATES] } },
    { status: 'APPROVED' as const, outbox: { some: { status: 'FAILED' as const } } },
  ],
};

/** Sends an approved draft's failed bubbles again, in order, with the same dedupe keys. */
export async function retryDelivery(core: Core, id: string) {
  requireDraftId(id);
  const draft = await core.analytics.draft.findUnique({ where: { id }, select: { status: true } });
  if (!draft) throw new NotFoundError('Draft', id);
  const refused = () =>
    new InvalidStateError(draft.status, 'Only an approved draft with failed bubbles can be sent again');
  if (draft.status !== 'APPROVED') throw refused();
  const { count } = await core.analytics.outboxBubble.updateMany({
    where: { draftId: id, status: 'FAILED' },
    data: { status: 'QUEUED', failureReason: null },
  });
  if (count === 0) throw refused();
  await core.jobs.restart('deliver', { draftId: id });
  core.log.info({ draftId: id, bubbles: count }, 'delivery retried');
  core.pubsub.publish('draftUpdated', { draftId: id });
  return core.analytics.draft.findUniqueOrThrow({ where: { id } });
}
