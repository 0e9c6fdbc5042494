import type { Core } from '../core.js';
import { lockContact, type Message, Prisma } from '../db.js';
import type { InboundMessage } from '../ports.js';
import { MAX_MESSAGE_LENGTH, requireText } from '../validate.js';
import { handleAdminCommand } from './admin-commands.js';
import { scheduleFlush } from './debounce.js';
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

  const upsertContact = () =>
    core.analytics.contact.upsert({
      where: { account_telegramUserId: { account: input.account, telegramUserId: input.telegramUserId } },
      create: {
        account: input.account,
        telegramUserId: input.telegramUserId,
        displayName,
        username: input.username ?? null,
        accessHash: input.accessHash ?? null,
      },
      update: input.accessHash ? { accessHash: input.accessHash } : {},
    });
  // Two first messages from a new person at once: one insert wins, the other finds its row on retry.
  const contact = await upsertContact().catch((error) => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return upsertContact();
    throw error;
  });

  let stored: { message: Message; superseded: string[]; claimed: string | null };
  try {
    stored = await core.analytics.$transaction(async (tx) => {
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
      });
      // The next draft answers everything still unanswered, including what the superseded drafts covered.
      const superseded = await supersedeOpenDrafts(tx, contact.id, now);
      const claimed = (await liveClaim(tx, contact.id, now))?.id ?? null;
      return { message, superseded, claimed };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const existing = await core.analytics.message.findFirstOrThrow({
        where: {
          account: input.account,
          chatId: input.chatId,
          direction: 'INBOUND',
          telegramMessageId: input.telegramMessageId,
        },
      });
      return { messageId: existing.id, contactId: existing.contactId, duplicate: true, adminCommand: false };
    }
    throw error;
  }

  const { message, superseded, claimed } = stored;
  core.log.info({ messageId: message.id, contactId: contact.id, superseded }, 'inbound message stored');
  for (const draftId of superseded) core.pubsub.publish('draftUpdated', { draftId });
  // The reviewer holding the person's draft sees the new message in the editor.
  if (claimed) core.pubsub.publish('draftUpdated', { draftId: claimed });
  await scheduleFlush(core, contact.id);
  return { messageId: message.id, contactId: contact.id, duplicate: false, adminCommand: false };
}

/** A typing indicator extends the person's window, never past the cap. */
export async function noteTyping(core: Core, account: string, telegramUserId: string): Promise<void> {
  const contact = await core.analytics.contact.findUnique({
    where: { account_telegramUserId: { account, telegramUserId } },
    select: { id: true },
  });
  if (contact) await scheduleFlush(core, contact.id, new Date(), true);
}
