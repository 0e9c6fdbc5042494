import type { AnalyticsClient, AnalyticsTx } from '../db.js';

/**
 * Marks the people's open drafts SUPERSEDED and returns their messages to the buffer, in one statement
 * per table so that a draft approved or claimed in the same instant is left alone, with its messages.
 * Open means generating, pending, failed, or claimed by a reviewer whose claim has run out; a live claim
 * is never superseded under its reviewer. With `createdBefore`, only drafts made before that moment are
 * superseded (a draft of the same burst's overflow stays). The returned messages join the burst at `now`.
 * Returns the superseded drafts by person.
 */
export async function supersedeOpenDrafts(
  tx: AnalyticsTx,
  contactIds: string[],
  now: Date,
  createdBefore: Date = now,
): Promise<Map<string, string[]>> {
  const superseded = await tx.$queryRaw<Array<{ id: string; contactId: string }>>`
    UPDATE "Draft" SET "status" = 'SUPERSEDED', "claimedById" = NULL, "claimExpiresAt" = NULL, "updatedAt" = ${now}
    WHERE "contactId" = ANY(${contactIds}::uuid[]) AND "createdAt" <= ${createdBefore}
      AND ("status" IN ('GENERATING', 'PENDING', 'FAILED') OR ("status" = 'CLAIMED' AND "claimExpiresAt" <= ${now}))
    RETURNING "id", "contactId"`;
  const byPerson = new Map<string, string[]>();
  for (const d of superseded) byPerson.set(d.contactId, [...(byPerson.get(d.contactId) ?? []), d.id]);
  if (superseded.length > 0) {
    await tx.message.updateMany({
      where: { draftId: { in: superseded.map((d) => d.id) } },
      data: { draftId: null, bufferedAt: now },
    });
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
