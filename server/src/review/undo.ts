import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { Reviewer } from '../db.js';
import { NotFoundError, type UndoRefusal, UndoRefusedError } from '../errors.js';
import { type FunnelReversal, raiseStatusChanged, revertDraftFunnel } from '../funnel/apply.js';
import { contactChanged } from '../pubsub.js';
import { isId } from '../validate.js';
import { sendWebhooks } from '../webhooks/events.js';

/** When an approval stops being undoable: its time plus the window. Delivery begins then, not before. */
export function undoDeadline(core: Core, approvedAt: Date): Date {
  return new Date(approvedAt.getTime() + core.config.APPROVAL_UNDO_SECONDS * 1000);
}

/** Until when the approval of `draft` can still be undone; null when it cannot (any more). */
export function undoableUntil(
  core: Core,
  draft: { status: string; reviewedAt: Date | null; deliveryStartedAt: Date | null },
  now = new Date(),
): Date | null {
  if (core.config.APPROVAL_UNDO_SECONDS === 0 || draft.status !== 'APPROVED') return null;
  if (!draft.reviewedAt || draft.deliveryStartedAt) return null;
  const until = undoDeadline(core, draft.reviewedAt);
  return until > now ? until : null;
}

/**
 * Takes an approval back within APPROVAL_UNDO_SECONDS, before delivery began: the draft is CLAIMED again by the
 * reviewer who approved it, with their edited bubbles, tags, score and notes; its queued bubbles, its funnel
 * change and its delivery job go. The approving reviewer or an admin may undo.
 *
 * Race-safe against delivery by one row: the undo's UPDATE requires `deliveryStartedAt` unset and the
 * delivery's start (deliverDraft) requires the status APPROVED, so whichever statement reaches the row first
 * wins and the other changes nothing.
 */
export async function undoApproval(
  core: Core,
  id: string,
  reviewer: Reviewer,
): Promise<{ draftId: string; funnel: FunnelReversal | null }> {
  if (!isId(id)) throw new NotFoundError('Draft', id);
  const window = core.config.APPROVAL_UNDO_SECONDS;
  if (window === 0) throw new UndoRefusedError('DISABLED', 'Approvals cannot be undone here (no undo window is set)');
  const now = new Date();
  const since = new Date(now.getTime() - window * 1000);
  const admin = reviewer.role === 'ADMIN';
  const until = new Date(now.getTime() + core.config.CLAIM_LEASE_SECONDS * 1000);
  const undone = await core.analytics.$transaction(async (tx) => {
    const [draft] = await tx.$queryRaw<Array<{ contactId: string; approverId: string }>>`
      UPDATE "Draft" SET "status" = 'CLAIMED', "claimedById" = "reviewedById", "claimExpiresAt" = ${until},
        "reviewedById" = NULL, "reviewedAt" = NULL, "editDistance" = NULL, "updatedAt" = ${now}
      WHERE "id" = ${id}::uuid AND "status" = 'APPROVED' AND "deliveryStartedAt" IS NULL
        AND "reviewedAt" > ${since} AND ("reviewedById" = ${reviewer.id}::uuid OR ${admin})
      RETURNING "contactId", "claimedById" AS "approverId"`;
    if (!draft) return null;
    await tx.outboxBubble.deleteMany({ where: { draftId: id } });
    const funnel = await revertDraftFunnel(tx, { contactId: draft.contactId, draftId: id, actorId: reviewer.id });
    await audit(tx, 'draft.undo', {
      actorId: reviewer.id,
      subjectId: id,
      detail: {
        approvedById: draft.approverId,
        statusReverted: funnel !== null && funnel.newStatus !== funnel.previousStatus,
        paymentRemoved: funnel?.ltvRemoved != null,
      },
    });
    const hooks = funnel ? await raiseStatusChanged(core, tx, draft.contactId, funnel, id) : [];
    return { funnel, approverId: draft.approverId, contactId: draft.contactId, hooks };
  });
  if (!undone) return explainRefusal(core, id, reviewer, since);
  // The job would find the draft claimed and send nothing; removing it only saves the gateway a look.
  await core.jobs.remove('deliver', { draftId: id });
  core.log.info({ draftId: id, reviewerId: reviewer.id, approverId: undone.approverId }, 'approval undone');
  core.pubsub.publish('draftUpdated', { draftId: id });
  // The status the approval set is taken back on the person's page too.
  contactChanged(core.pubsub, undone.contactId);
  await sendWebhooks(core, undone.hooks);
  return { draftId: id, funnel: undone.funnel };
}

async function explainRefusal(core: Core, id: string, reviewer: Reviewer, since: Date): Promise<never> {
  const draft = await core.analytics.draft.findUnique({
    where: { id },
    select: { status: true, reviewedById: true, reviewedAt: true, deliveryStartedAt: true },
  });
  if (!draft) throw new NotFoundError('Draft', id);
  const refuse = (reason: UndoRefusal, message: string) => new UndoRefusedError(reason, message);
  if (draft.status !== 'APPROVED') {
    throw refuse('NOT_APPROVED', `This draft is ${draft.status.toLowerCase()}, not approved: there is nothing to undo`);
  }
  if (draft.reviewedById !== reviewer.id && reviewer.role !== 'ADMIN') {
    throw refuse('NOT_APPROVER', 'Only the reviewer who approved this draft, or an admin, can undo the approval');
  }
  if (draft.deliveryStartedAt) throw refuse('DELIVERY_STARTED', 'The reply is already being sent: too late to undo');
  if (!draft.reviewedAt || draft.reviewedAt <= since) {
    throw refuse('WINDOW_ENDED', 'The time to undo this approval has passed');
  }
  throw refuse('WINDOW_ENDED', 'This approval could not be undone');
}
