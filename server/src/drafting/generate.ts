import type { Core } from '../core.js';
import { type CustomerStatus, Prisma } from '../db.js';
import { contactChanged } from '../pubsub.js';
import { deliveriesInsert, sendWebhooks, webhookEvent } from '../webhooks/events.js';
import { type AssembledContext, assembleContext } from './context.js';
import { type DraftContext, PromptTooLarge } from './prompt.js';
import { reviewSafety } from './safety.js';

export const MAX_DRAFT_ATTEMPTS = 3;

/** Generates the suggested bubbles for a GENERATING draft and puts it in the review queue. */
export async function generateDraft(core: Core, draftId: string): Promise<void> {
  // The draft and its person in one round trip.
  const [draft] = await core.sql<{
    status: string;
    contactId: string;
    inboundText: string;
    displayName: string;
    customerStatus: CustomerStatus;
    account: string;
  }>(Prisma.sql`
    SELECT d."status"::text AS "status", d."contactId", d."inboundText", c."displayName",
      c."customerStatus"::text AS "customerStatus", c."account"
    FROM "Draft" d JOIN "Contact" c ON c."id" = d."contactId"
    WHERE d."id" = ${draftId}::uuid`);
  if (draft?.status !== 'GENERATING') return;
  const subject = {
    draftId,
    contactId: draft.contactId,
    contactName: draft.displayName,
    customerStatus: draft.customerStatus,
    inbound: draft.inboundText,
    account: draft.account,
  };
  let assembled: AssembledContext;
  try {
    assembled = await assembleContext(core, subject, await core.drafter.budget());
  } catch (error) {
    // No attempt can fit a persona that fills the budget alone: the draft fails now, with the reason.
    if (error instanceof PromptTooLarge) return failDraft(core, draftId, error.message);
    throw error;
  }
  const { persona, prompt, withoutProfile } = assembled;
  const context: DraftContext = {
    persona,
    contactName: prompt.request.contactName,
    customerStatus: prompt.request.customerStatus,
    profileSummary: prompt.request.profileSummary,
    history: prompt.request.history,
  };
  const result = await core.drafter.draft({ draftId, ...prompt.request });
  const bubbles = result.bubbles.map((b) => b.trim()).filter((b) => b.length > 0);
  if (bubbles.length === 0) throw new Error(`${result.drafter} returned no text`);
  const safety = reviewSafety(bubbles);
  const now = new Date();
  // One statement: the draft enters the queue with its context snapshot, what the model was paid for is
  // recorded, and DRAFT_QUEUED is raised for the webhooks subscribed to it (none: nothing more in the statement).
  const event = await webhookEvent(core, 'DRAFT_QUEUED');
  const hooked = event
    ? Prisma.sql`, hooked AS (${deliveriesInsert(event, { subjectId: draftId, contactId: draft.contactId }, Prisma.sql`ready`)})`
    : Prisma.empty;
  const [ready] = await core.sql<{ status: string; hooks: string[] | null }>(Prisma.sql`
    WITH ready AS (
      -- A redraft keeps its reviewer's live claim; every other draft waits in the queue.
      UPDATE "Draft" SET
        "status" = (CASE WHEN "claimedById" IS NOT NULL AND "claimExpiresAt" > ${now} THEN 'CLAIMED' ELSE 'PENDING' END)::"DraftStatus",
        "bubbles" = ${bubbles}, "drafter" = ${result.drafter}, "safety" = ${JSON.stringify(safety)}::jsonb,
        "pendingAt" = ${now}, "failureReason" = NULL, "updatedAt" = ${now},
        "contextTrimmed" = ${prompt.trimmed}, "contextNote" = ${prompt.note}, "draftedWithoutProfile" = ${withoutProfile}
      WHERE "id" = ${draftId}::uuid AND "status" = 'GENERATING'
      RETURNING "id", "status"
    ), usage AS (
      -- What the model was paid for counts even when the draft was superseded while it was being written.
      INSERT INTO "LlmCall" ("id", "draftId", "stage", "model", "inputTokens", "cachedTokens", "outputTokens",
                             "costUsd", "latencyMs", "error")
      SELECT gen_random_uuid(), ${draftId}::uuid, u."stage", u."model", u."inputTokens", u."cachedTokens",
        u."outputTokens", u."costUsd", u."latencyMs", u."error"
      FROM json_to_recordset(${JSON.stringify(result.usage)}::json) AS u("stage" text, "model" text,
        "inputTokens" int, "cachedTokens" int, "outputTokens" int, "costUsd" numeric, "latencyMs" int, "error" text)
      WHERE EXISTS (SELECT 1 FROM "Draft" WHERE "id" = ${draftId}::uuid)
    ), snapshot AS (
      -- Once per draft: only the one run that moved it out of GENERATING writes it.
      INSERT INTO "DraftContext" ("draftId", "snapshot") SELECT "id", ${JSON.stringify(context)}::jsonb FROM ready
    )${hooked}
    SELECT "status"::text AS "status",
      ${event ? Prisma.sql`(SELECT array_agg("id"::text) FROM hooked)` : Prisma.sql`NULL::text[]`} AS "hooks"
    FROM ready`);
  const queued = ready ? (ready.hooks ?? []) : null;
  if (!queued) {
    core.log.info({ draftId }, 'draft superseded while generating; result discarded');
    return;
  }
  core.log.info(
    { draftId, drafter: result.drafter, risk: safety.risk, promptTokens: prompt.tokens, withoutProfile },
    'draft queued for review',
  );
  core.pubsub.publish('draftQueued', { draftId, queuedAt: now.getTime() });
  core.pubsub.publish('draftUpdated', { draftId });
  contactChanged(core.pubsub, draft.contactId);
  await sendWebhooks(core, queued);
}

/** After the last attempt the draft becomes FAILED with its reason, visible and retryable. */
export async function failDraft(core: Core, draftId: string, reason: string): Promise<void> {
  const [failed] = await core.analytics.draft.updateManyAndReturn({
    where: { id: draftId, status: 'GENERATING' },
    data: { status: 'FAILED', failureReason: reason.slice(0, 1000) },
    select: { contactId: true },
  });
  if (failed) {
    core.log.error({ draftId, reason }, 'draft generation failed');
    core.pubsub.publish('draftUpdated', { draftId });
    contactChanged(core.pubsub, failed.contactId);
  }
}

/** After a crash: every draft still GENERATING is drafted again (generation is idempotent per draft). */
export async function reconcileDrafting(core: Core): Promise<void> {
  const generating = await core.analytics.draft.findMany({ where: { status: 'GENERATING' }, select: { id: true } });
  for (const { id } of generating) await core.jobs.enqueue('draft', { draftId: id });
}
