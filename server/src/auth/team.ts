import { randomBytes } from 'node:crypto';
import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { AnalyticsTx, Reviewer, Role } from '../db.js';
import { LastAdminError, NotFoundError } from '../errors.js';
import { releaseDraft } from '../review/review.js';
import { isId } from '../validate.js';
import { hashPassword } from './auth.js';

type TeamCore = Pick<Core, 'analytics' | 'sessions' | 'log'>;

/**
 * Runs `change` on the reviewer inside a transaction that first locks every active admin's row. Two
 * concurrent changes that would each leave one admin therefore run one after the other, and the second
 * sees the first's result: the last active admin is never demoted or deactivated.
 */
async function withAdminsLocked<T>(
  core: TeamCore,
  reviewerId: string,
  change: (tx: AnalyticsTx, reviewer: Reviewer, activeAdmins: string[]) => Promise<T>,
): Promise<T> {
  if (!isId(reviewerId)) throw new NotFoundError('Reviewer', reviewerId);
  return core.analytics.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Reviewer" WHERE "role" = 'ADMIN' AND "deactivatedAt" IS NULL ORDER BY "id" FOR UPDATE`;
    const reviewer = await tx.reviewer.findUnique({ where: { id: reviewerId } });
    if (!reviewer) throw new NotFoundError('Reviewer', reviewerId);
    return change(
      tx,
      reviewer,
      admins.map((a) => a.id),
    );
  });
}

/** Would taking `reviewer` out of the active admins leave none? */
const isLastAdmin = (reviewer: Reviewer, activeAdmins: string[]) =>
  activeAdmins.length === 1 && activeAdmins[0] === reviewer.id;

/** Changes a reviewer's role (admins only); their sessions stay and carry the new role at once. */
export async function setReviewerRole(core: TeamCore, reviewerId: string, role: Role, admin: Reviewer) {
  const updated = await withAdminsLocked(core, reviewerId, async (tx, reviewer, activeAdmins) => {
    if (reviewer.role === role) return reviewer;
    if (reviewer.role === 'ADMIN' && isLastAdmin(reviewer, activeAdmins)) throw new LastAdminError();
    const saved = await tx.reviewer.update({ where: { id: reviewer.id }, data: { role } });
    await audit(tx, 'reviewer.role', {
      actorId: admin.id,
      subjectId: reviewer.id,
      detail: { from: reviewer.role, to: role },
    });
    return saved;
  });
  // Cached sessions hold the reviewer's row: drop them everywhere so the new role applies to the next request.
  core.sessions.forget({ reviewerId });
  core.log.info({ reviewerId, role }, 'reviewer role changed');
  return updated;
}

/**
 * Deactivates a reviewer: every session of theirs ends at once, everywhere, they cannot sign in, and the drafts
 * they held are released to the queue.
 */
export async function deactivateReviewer(core: Core, reviewerId: string, admin: Reviewer) {
  const updated = await withAdminsLocked(core, reviewerId, async (tx, reviewer, activeAdmins) => {
    if (reviewer.deactivatedAt) return reviewer;
    if (isLastAdmin(reviewer, activeAdmins)) throw new LastAdminError();
    const saved = await tx.reviewer.update({ where: { id: reviewer.id }, data: { deactivatedAt: new Date() } });
    await tx.session.deleteMany({ where: { reviewerId: reviewer.id } });
    await audit(tx, 'reviewer.deactivate', { actorId: admin.id, subjectId: reviewer.id, detail: {} });
    return saved;
  });
  core.sessions.forget({ reviewerId });
  core.log.info({ reviewerId }, 'reviewer deactivated');
  // Their claims go back to the queue now rather than when the lease lapses.
  const claimed = await core.analytics.draft.findMany({
    where: { claimedById: reviewerId, status: 'CLAIMED' },
    select: { id: true },
  });
  for (const { id } of claimed) {
    // A draft decided or taken over meanwhile has nothing to release.
    await releaseDraft(core, id, updated).catch((err: unknown) =>
      core.log.info({ draftId: id, reviewerId, err: String(err) }, 'claim of a deactivated reviewer not released'),
    );
  }
  return updated;
}

/** Lets a deactivated reviewer sign in again (with the password they had). */
export async function reactivateReviewer(core: TeamCore, reviewerId: string, admin: Reviewer) {
  if (!isId(reviewerId)) throw new NotFoundError('Reviewer', reviewerId);
  return core.analytics.$transaction(async (tx) => {
    const reviewer = await tx.reviewer.findUnique({ where: { id: reviewerId } });
    if (!reviewer) throw new NotFoundError('Reviewer', reviewerId);
    if (!reviewer.deactivatedAt) return reviewer;
    const saved = await tx.reviewer.update({ where: { id: reviewerId }, data: { deactivatedAt: null } });
    await audit(tx, 'reviewer.reactivate', { actorId: admin.id, subjectId: reviewerId, detail: {} });
    return saved;
  });
}

/**
 * Sets a generated temporary password, ends the reviewer's sessions and makes their next sign-in require a
 * new password. The temporary password is returned once, for the admin to hand over.
 */
export async function resetReviewerPassword(
  core: TeamCore,
  reviewerId: string,
  admin: Reviewer,
): Promise<{ reviewer: Reviewer; temporaryPassword: string }> {
  if (!isId(reviewerId)) throw new NotFoundError('Reviewer', reviewerId);
  const temporaryPassword = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(temporaryPassword);
  const reviewer = await core.analytics.$transaction(async (tx) => {
    const existing = await tx.reviewer.findUnique({ where: { id: reviewerId } });
    if (!existing) throw new NotFoundError('Reviewer', reviewerId);
    const saved = await tx.reviewer.update({
      where: { id: reviewerId },
      data: { passwordHash, mustChangePassword: true },
    });
    await tx.session.deleteMany({ where: { reviewerId } });
    await audit(tx, 'reviewer.password-reset', { actorId: admin.id, subjectId: reviewerId, detail: {} });
    return saved;
  });
  core.sessions.forget({ reviewerId });
  core.log.info({ reviewerId }, 'reviewer password reset');
  return { reviewer, temporaryPassword };
}
