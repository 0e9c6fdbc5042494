import { type AnalyticsClient, type AnalyticsTx, Prisma } from '../db.js';
import type { SqlRunner } from '../ports.js';

/** What a supersede sets on a draft (its claim, run out, is let go). */
export const supersededColumns = (now: Date) =>
  Prisma.sql`"status" = 'SUPERSEDED', "claimedById" = NULL, "claimExpiresAt" = NULL, "updatedAt" = ${now}`;

/** An open draft made by `createdBefore`: generating, pending, failed, or claimed under a claim that ran out. */
export const openDraft = (now: Date, createdBefore: Date = now) => Prisma.sql`"createdAt" <= ${createdBefore}
  AND ("status" IN ('GENERATING', 'PENDING', 'FAILED') OR ("status" = 'CLAIMED' AND "claimExpiresAt" <= ${now}))`;

/** Returns the messages of `drafts` (an array of ids) to their person's buffer, as of `now`. */
export const releaseMessages = (now: Date, drafts: Prisma.Sql) =>
  Prisma.sql`UPDATE "Message" SET "draftId" = NULL, "bufferedAt" = ${now} WHERE "draftId" = ANY(${drafts})`;

/**
 * Marks the people's open drafts SUPERSEDED and returns their messages to the buffer, in one statement
 * per table so that a draft approved or claimed in the same instant is left alone, with its messages.
 * Open means generating, pending, failed, or claimed by a reviewer whose claim has run out; a live claim
 * is never superseded under its reviewer. With `createdBefore`, only drafts made before that moment are
 * superseded (a draft of the same burst's overflow stays). The returned messages join the burst at `now`.
 * Returns the superseded drafts by person. `sql` runs in the caller's transaction.
 */
export async function supersedeOpenDrafts(
  sql: SqlRunner,
  contactIds: string[],
  now: Date,
  createdBefore: Date = now,
): Promise<Map<string, string[]>> {
  const superseded = await sql<{ id: string; contactId: string }>(Prisma.sql`
    UPDATE "Draft" SET ${supersededColumns(now)}
    WHERE "contactId" = ANY(${contactIds}::uuid[]) AND ${openDraft(now, createdBefore)}
    RETURNING "id", "contactId"`);
  const byPerson = new Map<string, string[]>();
  for (const d of superseded) byPerson.set(d.contactId, [...(byPerson.get(d.contactId) ?? []), d.id]);
  if (superseded.length > 0) {
    await sql(releaseMessages(now, Prisma.sql`${superseded.map((d) => d.id)}::uuid[]`));
  }
  return byPerson;
}

/** The draft a reviewer holds a live claim on, if any: new messages wait beside it instead of replacing it. */
export function liveClaim(tx: AnalyticsTx | AnalyticsClient, contactId: string, now: Date) {
  return tx.draft.findFirst({
    where: { contactId, status: 'CLAIMED', claimExpiresAt: { gt: now } },
    select: { id: true, claimExpiresAt: true },
  });
}
