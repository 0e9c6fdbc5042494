import { sandboxChatTopic } from '../accounts/accounts.js';
import { takesMessages } from '../accounts/directory.js';
import type { Core } from '../core.js';
import { Prisma } from '../db.js';
import { isSandboxAccount } from '../ports.js';
import { contactChanged, type MessageWire } from '../pubsub.js';
import { undoDeadline } from '../review/undo.js';
import { deliveriesInsert, raiseWebhookEvent, sendWebhooks, webhookEvent } from '../webhooks/events.js';
import { betweenBubblesMs, readingPauseMs, typingMs } from './pacing.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bubbles within one chat go out in order, one draft at a time; chats proceed in parallel. */
const chatLocks = new Map<string, Promise<void>>();
async function inChatOrder<T>(chat: string, work: () => Promise<T>): Promise<T> {
  const previous = chatLocks.get(chat) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  chatLocks.set(chat, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (chatLocks.get(chat) === tail) chatLocks.delete(chat);
  }
}

interface Delivery {
  contactId: string;
  status: string;
  inboundText: string;
  reviewedAt: Date | null;
  /** Whether delivery had begun before this run (a retry resumes it). */
  startedBefore: boolean;
  /** Whether this run's statement began it. */
  startedNow: boolean;
  account: string;
  chatId: string;
  accessHash: string | null;
  queued: Array<{ id: string; index: number; text: string }>;
  /** The DRAFT_APPROVED deliveries this run's start raised, to queue once it committed. */
  hooks: string[] | null;
}

/**
 * Everything a delivery needs, and its start, in one statement. Delivery begins only once the undo window has
 * ended, and only if the approval still stands: the statement marks the start only then (`startedNow`), and the
 * undo (review/undo.ts) requires that mark unset, so exactly one of them wins. The draft, its contact, where
 * the person wrote from and the queued bubbles are read from the snapshot the statement began with.
 */
async function readAndStart(core: Core, draftId: string, now: Date): Promise<Delivery | null> {
  const windowStart = new Date(now.getTime() - core.config.APPROVAL_UNDO_SECONDS * 1000);
  // The approval stands from the start on (it can no longer be undone): DRAFT_APPROVED commits with the mark,
  // for the webhooks subscribed to it (none: nothing more in the statement).
  const event = await webhookEvent(core, 'DRAFT_APPROVED');
  const approved = event
    ? Prisma.sql`, hooked AS (${deliveriesInsert(event, { subjectId: draftId, contactId: Prisma.sql`started."contactId"` }, Prisma.sql`started`)})`
    : Prisma.empty;
  const [row] = await core.sql<Delivery>(Prisma.sql`
    WITH started AS (
      UPDATE "Draft" SET "deliveryStartedAt" = ${now}, "updatedAt" = ${now}
      WHERE "id" = ${draftId}::uuid AND "status" = 'APPROVED' AND "deliveryStartedAt" IS NULL
        AND ("reviewedAt" IS NULL OR "reviewedAt" <= ${windowStart})
      RETURNING "id", "contactId"
    )${approved}
    SELECT d."contactId", d."status"::text AS "status", d."inboundText", d."reviewedAt",
      d."deliveryStartedAt" IS NOT NULL AS "startedBefore", EXISTS (SELECT 1 FROM started) AS "startedNow",
      COALESCE(m."account", c."account") AS "account", COALESCE(m."chatId", c."telegramUserId") AS "chatId",
      c."accessHash",
      COALESCE((SELECT json_agg(json_build_object('id', b."id", 'index', b."index", 'text', b."text") ORDER BY b."index")
        FROM "OutboxBubble" b WHERE b."draftId" = d."id" AND b."status" = 'QUEUED'), '[]'::json) AS "queued",
      ${event ? Prisma.sql`(SELECT array_agg("id"::text) FROM hooked)` : Prisma.sql`NULL::text[]`} AS "hooks"
    FROM "Draft" d
    JOIN "Contact" c ON c."id" = d."contactId"
    LEFT JOIN LATERAL (SELECT "account", "chatId" FROM "Message" WHERE "draftId" = d."id" LIMIT 1) m ON true
    WHERE d."id" = ${draftId}::uuid`);
  return row ?? null;
}

/**
 * Sends an approved draft's queued bubbles. A bubble is marked sent, and enters the contact's
 * history, only after the channel confirms it; a resend carries the same dedupe key.
 */
export async function deliverDraft(core: Core, draftId: string): Promise<void> {
  let draft = await readAndStart(core, draftId, new Date());
  if (draft?.status !== 'APPROVED') return;
  if (!draft.startedBefore && !draft.startedNow) {
    // Run early (a restart's reconcile, a retry): the job waits for the window here rather than send in it.
    const wait = draft.reviewedAt ? undoDeadline(core, draft.reviewedAt).getTime() - Date.now() : 0;
    if (wait > 0) {
      await sleep(wait);
      draft = await readAndStart(core, draftId, new Date());
    }
    if (draft?.status !== 'APPROVED' || (!draft.startedBefore && !draft.startedNow)) {
      core.log.info({ draftId }, 'delivery not started: the approval was undone, or another run began it');
      return;
    }
  }
  await sendWebhooks(core, draft.hooks);
  const queued = draft.queued;
  const contactId = draft.contactId;
  const reviewedAt = draft.reviewedAt;
  // Everything sent (perhaps by a run that died just after): only the memory write may be missing.
  if (queued.length === 0) return queueMemoryWrite(core, draftId, contactId);
  const target = { account: draft.account, chatId: draft.chatId, accessHash: draft.accessHash };
  const inboundText = draft.inboundText;
  // Replies leave from the account that received the message; one removed or disabled meanwhile sends nothing.
  const account = await core.accounts.get(target.account);
  if (account && !takesMessages(account)) {
    throw new Error(
      account.removedAt ? 'The Telegram account this person wrote to was removed' : 'The Telegram account is disabled',
    );
  }
  // Before any pacing: a job for an account another gateway process holds goes back for that process at once.
  core.channel.route?.(target.account);
  await inChatOrder(`${target.account}:${target.chatId}`, async () => {
    const pacing = core.config.ENABLE_TYPING_PACING;
    if (pacing && queued[0]!.index === 0) await sleep(readingPauseMs(inboundText));
    for (const bubble of queued) {
      if (pacing) {
        if (bubble.index > 0) await sleep(betweenBubblesMs());
        const typing = typingMs(bubble.text);
        await core.channel.typing(target, typing);
        await sleep(typing);
      }
      const { telegramMessageId, alreadySent } = await core.channel.send(target, bubble.text, bubble.id);
      // MESSAGE_DELIVERED for the webhooks subscribed to it (none: no statement more), written with the message.
      const event = await webhookEvent(core, 'MESSAGE_DELIVERED');
      const hooked = event
        ? Prisma.sql`, hooked AS (${deliveriesInsert(event, { subjectId: Prisma.sql`m."id"::text`, contactId }, Prisma.sql`m`)})`
        : Prisma.empty;
      // One statement: the bubble enters the history and is marked sent together. A resend that the channel
      // deduplicated finds its message already recorded (the unique key) and only marks the bubble.
      const [recorded] = await core.sql<{ id: string | null; message: MessageWire | null; hooks: string[] | null }>(
        Prisma.sql`
        WITH m AS (
          INSERT INTO "Message" ("id", "contactId", "account", "chatId", "direction", "telegramMessageId", "text",
                                 "sourceDraftId", "bubbleIndex")
          VALUES (gen_random_uuid(), ${contactId}::uuid, ${target.account}, ${target.chatId},
                  'OUTBOUND'::"MessageDirection", ${telegramMessageId}, ${bubble.text}, ${draftId}::uuid, ${bubble.index})
          ON CONFLICT ("account", "chatId", "direction", "telegramMessageId") DO NOTHING
          RETURNING *
        )${hooked}
        UPDATE "OutboxBubble" b SET "status" = 'SENT', "telegramMessageId" = ${telegramMessageId},
          "sentAt" = COALESCE((SELECT "sentAt" FROM m), b."sentAt"),
          "attempts" = b."attempts" + CASE WHEN EXISTS (SELECT 1 FROM m) THEN 1 ELSE 0 END
        WHERE b."id" = ${bubble.id}::uuid
        RETURNING (SELECT "id" FROM m) AS "id", (SELECT row_to_json(m) FROM m) AS "message",
          ${event ? Prisma.sql`(SELECT array_agg("id"::text) FROM hooked)` : Prisma.sql`NULL::text[]`} AS "hooks"`,
      );
      const messageId = recorded?.id ?? null;
      core.log.info(
        { draftId, bubbleId: bubble.id, index: bubble.index, telegramMessageId, alreadySent },
        alreadySent ? 'bubble had already been sent by an earlier attempt' : 'bubble sent',
      );
      // A resend that finds the bubble already delivered does not know when it was.
      if (messageId && !alreadySent && reviewedAt) core.metrics.bubbleDelivered(reviewedAt);
      if (messageId && isSandboxAccount(target.account))
        core.pubsub.publish('sandboxMessage', sandboxChatTopic(target.account, target.chatId), {
          messageId,
          ...(recorded?.message ? { message: recorded.message } : {}),
        });
      // Each bubble appears on the person's page as it is sent.
      if (messageId) contactChanged(core.pubsub, contactId);
      await sendWebhooks(core, recorded?.hooks);
    }
  });
  core.pubsub.publish('draftUpdated', { draftId });
  await queueMemoryWrite(core, draftId, contactId);
}

/**
 * The rapport write goes through the durable queue, so a rapport outage delays the memory of an
 * exchange but never loses it; the job is idempotent per draft.
 */
async function queueMemoryWrite(core: Core, draftId: string, contactId: string): Promise<void> {
  await core.jobs.enqueue('remember', { draftId, contactId });
}

/** After the last attempt a bubble shows as failed with its reason. */
export async function failDelivery(core: Core, draftId: string, reason: string): Promise<void> {
  const { failed, draft, hooks } = await core.analytics.$transaction(async (tx) => {
    const failed = await tx.outboxBubble.updateMany({
      where: { draftId, status: 'QUEUED' },
      data: { status: 'FAILED', failureReason: reason.slice(0, 1000) },
    });
    // First in the review queue: a person is waiting for a reply that was approved but not sent.
    const draft = await tx.draft.update({ where: { id: draftId }, data: { priority: 1 }, select: { contactId: true } });
    const hooks =
      failed.count > 0
        ? await raiseWebhookEvent(core, tx, 'DELIVERY_FAILED', { subjectId: draftId, contactId: draft.contactId })
        : [];
    return { failed, draft, hooks };
  });
  core.metrics.bubblesFailed(failed.count);
  core.log.error({ draftId, reason }, 'delivery failed');
  core.pubsub.publish('draftUpdated', { draftId });
  contactChanged(core.pubsub, draft.contactId);
  await sendWebhooks(core, hooks);
}

/** After a crash: every approved draft with bubbles still queued is delivered. */
export async function reconcileDeliveries(core: Core): Promise<void> {
  const undelivered = await core.analytics.outboxBubble.findMany({
    where: { status: 'QUEUED', draft: { status: 'APPROVED' } },
    distinct: ['draftId'],
    select: { draftId: true },
  });
  for (const { draftId } of undelivered) await core.jobs.enqueue('deliver', { draftId });
}
