import { takesMessages } from '../accounts/directory.js';
import type { Core } from '../core.js';
import type { InboundMessage } from '../ports.js';
import { contactChanged } from '../pubsub.js';
import { MAX_MESSAGE_LENGTH, requireText } from '../validate.js';
import { handleAdminCommand } from './admin-commands.js';
import { scheduleFlush } from './debounce.js';
import { Inbox, type Stored } from './store.js';

export interface IntakeResult {
  messageId: string;
  contactId: string;
  duplicate: boolean;
  adminCommand: boolean;
  /** The account was removed or disabled: the message was not taken in. */
  refused?: boolean;
}

/**
 * Stores an inbound message durably (idempotent on account + chat + Telegram id), supersedes the person's
 * open drafts (never one a reviewer holds) and (re)starts their debounce window. Returns once it is stored:
 * its transaction, shared with the messages that arrived at the same time, has committed.
 */
export async function receiveMessage(core: Core, input: InboundMessage): Promise<IntakeResult> {
  const text = requireText('text', input.text, MAX_MESSAGE_LENGTH, 'Message text');
  const displayName = input.displayName.trim().slice(0, 200) || `User ${input.telegramUserId}`;
  // A removed or disabled account takes nothing in, from the moment this process hears of it (no query: the
  // directory is in memory). An account key with no row yet (a gateway connecting) is taken in.
  const account = await core.accounts.get(input.account);
  if (account && !takesMessages(account)) {
    core.log.info({ account: input.account, chatId: input.chatId }, 'inbound message dropped: the account is off');
    return { messageId: '', contactId: '', duplicate: false, adminCommand: false, refused: true };
  }

  if (await handleAdminCommand(core, input, text)) {
    return { messageId: '', contactId: '', duplicate: false, adminCommand: true };
  }

  const stored = await inboxOf(core).store({ ...input, text, displayName });
  if (stored.duplicate)
    return { messageId: stored.messageId, contactId: stored.contactId, duplicate: true, adminCommand: false };

  const { contactId, messageId, superseded } = stored;
  core.log.info({ messageId, contactId, superseded }, 'inbound message stored');
  return { messageId, contactId, duplicate: false, adminCommand: false };
}

/**
 * What follows a stored group, before its messages are acknowledged: the superseded drafts and the drafts
 * reviewers hold (they see the new message in the editor) are updated, each person's page hears of it once,
 * and each person's debounce window is (re)started, all the group's in one round trip.
 */
async function announce(core: Core, group: Stored[]): Promise<void> {
  const told = new Set<string>();
  const due = new Map<string, Date>();
  for (const stored of group) {
    if (stored.duplicate) continue;
    for (const draftId of stored.superseded) core.pubsub.publish('draftUpdated', { draftId });
    if (stored.claimed) core.pubsub.publish('draftUpdated', { draftId: stored.claimed });
    if (!told.has(stored.contactId)) {
      told.add(stored.contactId);
      contactChanged(core.pubsub, stored.contactId);
    }
    if (stored.flushAt) due.set(stored.contactId, stored.flushAt);
  }
  if (due.size === 0) return;
  await core.jobs.scheduleMany(
    'debounce',
    [...due].map(([contactId, runAt]) => ({ payload: { contactId }, runAt })),
  );
}

/** One inbox per app: its messages are written in groups (see Inbox). */
const inboxes = new WeakMap<Core, Inbox>();
function inboxOf(core: Core): Inbox {
  let inbox = inboxes.get(core);
  if (!inbox) {
    inbox = new Inbox(core, (group) => announce(core, group));
    inboxes.set(core, inbox);
  }
  return inbox;
}

/** A typing indicator extends the person's window, never past the cap. */
export async function noteTyping(core: Core, account: string, telegramUserId: string): Promise<void> {
  const contact = await core.analytics.contact.findUnique({
    where: { account_telegramUserId: { account, telegramUserId } },
    select: { id: true },
  });
  if (contact) await scheduleFlush(core, contact.id, new Date(), true);
}
