import { sandboxChatTopic } from '../accounts/accounts.js';
import { takesMessages } from '../accounts/directory.js';
import type { Core } from '../core.js';
import { isSandboxAccount } from '../ports.js';
import { contactChanged } from '../pubsub.js';
import { undoDeadline } from '../review/undo.js';
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

/**
 * Sends an approved draft's queued bubbles. A bubble is marked sent, and enters the contact's
 * history, only after the channel confirms it; a resend carries the same dedupe key.
 */
export async function deliverDraft(core: Core, draftId: string): Promise<void> {
  const draft = await core.analytics.draft.findUnique({
    where: { id: draftId },
    include: {
      contact: true,
      outbox: { orderBy: { index: 'asc' } },
      messages: { select: { chatId: true, account: true }, take: 1 },
    },
  });
  if (draft?.status !== 'APPROVED') return;
  if (!draft.deliveryStartedAt && !(await startDelivery(core, draftId, draft.reviewedAt))) return;
  const queued = draft.outbox.filter((b) => b.status === 'QUEUED');
  // Everything sent (perhaps by a run that died just after): only the memory write may be missing.
  if (queued.length === 0) return queueMemoryWrite(core, draftId);
  const target = {
    account: draft.messages[0]?.account ?? draft.contact.account,
    chatId: draft.messages[0]?.chatId ?? draft.contact.telegramUserId,
    accessHash: draft.contact.accessHash,
  };
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
    if (pacing && queued[0]!.index === 0) await sleep(readingPauseMs(draft.inboundText));
    for (const bubble of queued) {
      if (pacing) {
        if (bubble.index > 0) await sleep(betweenBubblesMs());
        const typing = typingMs(bubble.text);
        await core.channel.typing(target, typing);
        await sleep(typing);
      }
      const { telegramMessageId, alreadySent } = await core.channel.send(target, bubble.text, bubble.id);
      // One statement: the bubble enters the history and is marked sent together. A resend that the channel
      // deduplicated finds its message already recorded (the unique key) and only marks the bubble.
      const [recorded] = await core.analytics.$queryRaw<Array<{ id: string | null }>>`
        WITH m AS (
          INSERT INTO "Message" ("id", "contactId", "account", "chatId", "direction", "telegramMessageId", "text",
                                 "sourceDraftId", "bubbleIndex")
          VALUES (gen_random_uuid(), ${draft.contactId}::uuid, ${target.account}, ${target.chatId},
                  'OUTBOUND'::"MessageDirection", ${telegramMessageId}, ${bubble.text}, ${draftId}::uuid, ${bubble.index})
          ON CONFLICT ("account", "chatId", "direction", "telegramMessageId") DO NOTHING
          RETURNING "id", "sentAt"
        )
        UPDATE "OutboxBubble" b SET "status" = 'SENT', "telegramMessageId" = ${telegramMessageId},
          "sentAt" = COALESCE((SELECT "sentAt" FROM m), b."sentAt"),
          "attempts" = b."attempts" + CASE WHEN EXISTS (SELECT 1 FROM m) THEN 1 ELSE 0 END
        WHERE b."id" = ${bubble.id}::uuid
        RETURNING (SELECT "id" FROM m) AS "id"`;
      const messageId = recorded?.id ?? null;
      core.log.info(
        { draftId, bubbleId: bubble.id, index: bubble.index, telegramMessageId, alreadySent },
        alreadySent ? 'bubble had already been sent by an earlier attempt' : 'bubble sent',
      );
      // A resend that finds the bubble already delivered does not know when it was.
      if (messageId && !alreadySent && draft.reviewedAt) core.metrics.bubbleDelivered(draft.reviewedAt);
      if (messageId && isSandboxAccount(target.account))
        core.pubsub.publish('sandboxMessage', sandboxChatTopic(target.account, target.chatId), { messageId });
      // Each bubble appears on the person's page as it is sent.
      if (messageId) contactChanged(core.pubsub, draft.contactId);
    }
  });
  core.pubsub.publish('draftUpdated', { draftId });
  await queueMemoryWrite(core, draftId);
}

/**
 * Delivery begins only once the undo window has ended, and only if the approval still stands: one conditional
 * statement marks the start, and the undo (review/undo.ts) requires that mark unset, so exactly one of them
 * wins. False when the approval was undone meanwhile.
 */
async function startDelivery(core: Core, draftId: string, approvedAt: Date | null): Promise<boolean> {
  const wait = approvedAt ? undoDeadline(core, approvedAt).getTime() - Date.now() : 0;
  // Run early (a restart's reconcile, a retry): the job waits for the window here rather than send in it.
  if (wait > 0) await sleep(wait);
  const { count } = await core.analytics.draft.updateMany({
    where: { id: draftId, status: 'APPROVED', deliveryStartedAt: null },
    data: { deliveryStartedAt: new Date() },
  });
  if (count === 0) core.log.info({ draftId }, 'delivery not started: the approval was undone, or another run began it');
  return count === 1;
}

/**
 * The rapport write goes through the durable queue, so a rapport outage delays the memory of an
 * exchange but never loses it; the job is idempotent per draft.
 */
async function queueMemoryWrite(core: Core, draftId: string): Promise<void> {
  await core.jobs.enqueue('remember', { draftId });
}

/** After the last attempt a bubble shows as failed with its reason. */
export async function failDelivery(core: Core, draftId: string, reason: string): Promise<void> {
  const [failed, draft] = await core.analytics.$transaction([
    core.analytics.outboxBubble.updateMany({
      where: { draftId, status: 'QUEUED' },
      data: { status: 'FAILED', failureReason: reason.slice(0, 1000) },
    }),
    // First in the review queue: a person is waiting for a reply that was approved but not sent.
    core.analytics.draft.update({ where: { id: draftId }, data: { priority: 1 }, select: { contactId: true } }),
  ]);
  core.metrics.bubblesFailed(failed.count);
  core.log.error({ draftId, reason }, 'delivery failed');
  core.pubsub.publish('draftUpdated', { draftId });
  contactChanged(core.pubsub, draft.contactId);
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
