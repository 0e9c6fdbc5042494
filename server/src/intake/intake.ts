import type { Core } from '../core.js';
import { lockContact, Prisma } from '../db.js';
import type { InboundMessage } from '../ports.js';
import { MAX_MESSAGE_LENGTH, requireText } from '../validate.js';
import { handleAdminCommand } from './admin-commands.js';
import { flushAt, scheduleFlush } from './debounce.js';
import { liveClaim, supersedeOpenDrafts } from './supersede.js';

export interface IntakeResult {
  messageId: string;
  contactId: string;
  duplicate: boolean;
  adminCommand: boolean;
}

/**
 * Stores an inbound message durably (idempotent on account + chat + Telegram id), supersedes the person's
 * open drafts (never one a reviewer holds) and (re)starts their debounce window. Returns once it is stored.
 */
export async function receiveMessage(core: Core, input: InboundMessage): Promise<IntakeResult> {
  const text = requireText('text', input.text, MAX_MESSAGE_LENGTH, 'Message text');
  const displayName = input.displayName.trim().slice(0, 200) || `User ${input.telegramUserId}`;

  if (await handleAdminCommand(core, input, text)) {
    return { messageId: '', contactId: '', duplicate: false, adminCommand: true };
  }

  const store = () =>
    core.analytics.$transaction(async (tx) => {
      const contact = await tx.contact.upsert({
        where: { account_telegramUserId: { account: input.account, telegramUserId: input.telegramUserId } },
        create: {
          account: input.account,
          telegramUserId: input.telegramUserId,
          displayName,
          username: input.username ?? null,
          accessHash: input.accessHash ?? null,
        },
        update: input.accessHash ? { accessHash: input.accessHash } : {},
        select: { id: true },
      });
      await lockContact(tx, contact.id);
      const now = new Date();
      const message = await tx.message.create({
        data: {
          contactId: contact.id,
          account: input.account,
          chatId: input.chatId,
          direction: 'INBOUND',
          telegramMessageId: input.telegramMessageId,
          text,
          sentAt: input.sentAt ?? now,
          bufferedAt: now,
        },
        select: { id: true },
      });
      // The next draft answers everything still unanswered, including what the superseded drafts covered.
      const superseded = await supersedeOpenDrafts(tx, contact.id, now);
      const claimed = (await liveClaim(tx, contact.id, now))?.id ?? null;
      // The buffer as this transaction left it: when the burst is due.
      const flushAtDate = await flushAt(core, contact.id, now, false, tx);
      return { contactId: contact.id, message, superseded, claimed, flushAt: flushAtDate };
    });

  // One transaction per message. It fails on a unique key in two cases: Telegram delivered this message
  // before (answered as a duplicate), or a new person's first two messages raced to create the contact
  // (the second finds the row on its retry).
  let stored: Awaited<ReturnType<typeof store>>;
  try {
    stored = await store().catch(async (error) => {
      if (!isUniqueViolation(error) || (await findStored(core, input))) throw error;
      return store();
    });
  } catch (error) {
    const existing = isUniqueViolation(error) ? await findStored(core, input) : null;
    if (existing)
      return { messageId: existing.id, contactId: existing.contactId, duplicate: true, adminCommand: false };
    throw error;
  }

  const { contactId, message, superseded, claimed } = stored;
  core.log.info({ messageId: message.id, contactId, superseded }, 'inbound message stored');
  for (const draftId of superseded) core.pubsub.publish('draftUpdated', { draftId });
  // The reviewer holding the person's draft sees the new message in the editor.
  if (claimed) core.pubsub.publish('draftUpdated', { draftId: claimed });
  if (stored.flushAt) await core.jobs.schedule('debounce', { contactId }, stored.flushAt);
  return { messageId: message.id, contactId, duplicate: false, adminCommand: false };
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** The inbound message Telegram already delivered with this id, if any. */
function findStored(core: Core, input: InboundMessage) {
  return core.analytics.message.findFirst({
    where: {
      account: input.account,
      chatId: input.chatId,
      direction: 'INBOUND',
      telegramMessageId: input.telegramMessageId,
    },
    select: { id: true, contactId: true },
  });
}

/** A typing indicator extends the person's window, never past the cap. */
export async function noteTyping(core: Core, account: string, telegramUserId: string): Promise<void> {
  const contact = await core.analytics.contact.findUnique({
    where: { account_telegramUserId: { account, telegramUserId } },
    select: { id: true },
  });
  if (contact) await scheduleFlush(core, contact.id, new Date(), true);
}
