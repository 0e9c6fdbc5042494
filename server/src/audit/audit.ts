import { type AnalyticsClient, type AnalyticsTx, type CustomerStatus, Prisma, type Role } from '../db.js';

/**
 * Every audited action and its detail: one table says who did what, when. Free text that may name a person
 * goes only under `reason` or `notes`, and ids of a person's rows other than the subject only under
 * `draftId` or `nextDraftId`: an erase removes exactly those keys (ERASED_KEYS) and the subject.
 */
export interface AuditDetails {
  'signin.success': { address: string };
  'signin.failure': { reason: 'wrong-password' | 'unknown-email' | 'deactivated'; email: string; address: string };
  'signin.locked': { limit: 'account' | 'address'; email: string; address: string; minutes: number };
  /** Subject: the draft, for every draft.* action. */
  'draft.claim': Record<string, never>;
  'draft.release': Record<string, never>;
  'draft.approve': { editDistance: number; bubbles: number; qualityScore: number | null; editTags: string[] };
  'draft.reject': { notes: string | null };
  /** An approval taken back within its window: who approved it, and whether the funnel change went with it. */
  'draft.undo': { approvedById: string; statusReverted: boolean; paymentRemoved: boolean };
  'draft.redraft': { nextDraftId: string };
  'draft.retry': Record<string, never>;
  'delivery.retry': { bubbles: number };
  /** Subject: the contact, for every funnel.* action. */
  'funnel.status': { from: CustomerStatus; to: CustomerStatus; reason: string | null; draftId: string | null };
  'funnel.override': { from: CustomerStatus; to: CustomerStatus; reason: string; draftId: string | null };
  'funnel.payment': { amount: string; ltvTotal: string; draftId: string | null };
  /** Subject: the contact. Counts, and what changed under `notes` (an erase removes it). */
  'profile.correct': { removed: number; pinned: number; added: number; summaryEdited: boolean; notes: string };
  /** An undone approval's status move and payment, removed: the contact is back at `to`. */
  'funnel.undo': { from: CustomerStatus; to: CustomerStatus; amount: string | null; ltvTotal: string; draftId: string };
  /** No subject: an erase says that it happened, never who was erased. */
  'contact.erase': { drafts: number; messages: number };
  /** Subject: the reviewer account. */
  'reviewer.create': { role: Role };
  'reviewer.password': Record<string, never>;
  'reviewer.role': { from: Role; to: Role };
  'reviewer.deactivate': Record<string, never>;
  'reviewer.reactivate': Record<string, never>;
  /** An admin set a temporary password; the reviewer must choose a new one at the next sign-in. */
  'reviewer.password-reset': Record<string, never>;
  /** Subject: the API key. Its prefix names it; its secret is never recorded. */
  'apikey.create': { name: string; role: Role; prefix: string; expiresAt: string | null };
  'apikey.revoke': { name: string; prefix: string };
  /** Subject: the reply template. */
  'template.save': { name: string; created: boolean };
  'template.delete': { name: string };
  /** Subject: the edit tag; `renamedFrom` with `drafts`, the drafts whose tags the rename rewrote. */
  'tag.save': { name: string; color: string; created: boolean; renamedFrom: string | null; drafts: number };
  'tag.retire': { name: string; retired: boolean };
  /** Subject: the persona. */
  'persona.save': { name: string; active: boolean; created: boolean };
  /** Subject: the webhook. Its host only: a URL's path or query may hold a token. */
  'webhook.save': { host: string; events: string[]; enabled: boolean; created: boolean };
  'webhook.delete': { host: string };
  /** Subject: the Telegram account (its id). */
  'account.add': { kind: 'USER' | 'BOT' | 'SANDBOX'; label: string };
  'account.update': {
    label: string | null;
    personaId: string | null;
    disabled: boolean | null;
    adminIds: number | null;
  };
  'account.remove': { eraseHistory: boolean; contacts: number };
  /** Subject: the pending login; a code was sent to its phone. */
  'account.login-start': { label: string };
  /** Subject: the job's subject (a draft, or a contact for debounce). */
  'job.retry': { kind: string; failedJobId: string };
  'job.dismiss': { kind: string; failedJobId: string };
  /** No subject: the filters of a training data download and how many examples it held. */
  'export.training': {
    format: string;
    from: string | null;
    to: string | null;
    tags: string[];
    minScore: number | null;
    /** Lines written; `complete` is false for a download cut short. */
    examples: number;
    complete: boolean;
  };
}

export type AuditAction = keyof AuditDetails;

/** The detail keys an erase removes from the entries about the erased person. */
export const ERASED_KEYS = ['reason', 'notes', 'draftId', 'nextDraftId'] as const;

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'signin.success',
  'signin.failure',
  'signin.locked',
  'draft.claim',
  'draft.release',
  'draft.approve',
  'draft.reject',
  'draft.undo',
  'draft.redraft',
  'draft.retry',
  'delivery.retry',
  'funnel.status',
  'funnel.override',
  'funnel.payment',
  'profile.correct',
  'funnel.undo',
  'contact.erase',
  'reviewer.create',
  'reviewer.password',
  'reviewer.role',
  'reviewer.deactivate',
  'reviewer.reactivate',
  'reviewer.password-reset',
  'apikey.create',
  'apikey.revoke',
  'template.save',
  'template.delete',
  'tag.save',
  'tag.retire',
  'persona.save',
  'webhook.save',
  'webhook.delete',
  'account.add',
  'account.update',
  'account.remove',
  'account.login-start',
  'job.retry',
  'job.dismiss',
  'export.training',
];

export interface AuditInput<A extends AuditAction> {
  /** The reviewer who acted; null when nobody signed in did (a failed sign-in with an unknown email). */
  actorId: string | null;
  subjectId?: string | null;
  detail: AuditDetails[A];
}

/** One entry as a row to create (createMany takes several). */
export function auditRow<A extends AuditAction>(action: A, entry: AuditInput<A>): Prisma.AuditEntryCreateManyInput {
  return {
    action,
    reviewerId: entry.actorId,
    subjectId: entry.subjectId ?? null,
    detail: entry.detail as Prisma.InputJsonObject,
  };
}

/** Appends one entry, inside the caller's transaction when `db` is one, so it commits with what it records. */
export async function audit<A extends AuditAction>(
  db: AnalyticsClient | AnalyticsTx,
  action: A,
  entry: AuditInput<A>,
): Promise<void> {
  await db.auditEntry.create({ data: auditRow(action, entry) });
}

/**
 * One entry as an INSERT statement, for a hot path that writes it within a statement of its own (a CTE);
 * with `when`, only if that condition holds.
 */
export function auditInsert<A extends AuditAction>(action: A, entry: AuditInput<A>, when?: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "AuditEntry" ("id", "action", "reviewerId", "subjectId", "detail")
    SELECT gen_random_uuid(), ${action}, ${entry.actorId}::uuid, ${entry.subjectId ?? null},
      ${JSON.stringify(entry.detail)}::jsonb
    ${when ? Prisma.sql`WHERE ${when}` : Prisma.empty}`;
}

/**
 * The one change ever made to entries: an erase keeps who did what and when about the person, but no longer
 * who they were (no subject, no free text, no ids of their rows). The table's trigger allows nothing else.
 */
export async function anonymiseAudit(tx: AnalyticsTx, subjects: string[]): Promise<void> {
  if (subjects.length === 0) return;
  await tx.$executeRaw`
    UPDATE "AuditEntry" SET "subjectId" = NULL, "detail" = "detail" - ${[...ERASED_KEYS]}::text[]
    WHERE "subjectId" = ANY(${subjects}::text[])`;
}
