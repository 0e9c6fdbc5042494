import { createPubSub } from 'graphql-yoga';
import type { AccountWire } from './accounts/view.js';
import type { DraftViewers } from './ports.js';

/** Events carry ids only; subscribers re-read the row so types never drift in transit. */
export interface DraftEvent {
  draftId: string;
}
/** A draft entered the review queue; `queuedAt` (epoch ms) is when it became PENDING, for draft-to-screen time. */
export interface QueuedDraftEvent extends DraftEvent {
  queuedAt: number;
}
/** Something a contact's page shows changed: a message, a draft, a delivery, the customer status; or the erase. */
export interface ContactEvent {
  contactId: string;
}
/** A message as the delivery stored it, with its times as ISO strings: it crosses Redis as JSON. */
export interface MessageWire {
  id: string;
  contactId: string;
  account: string;
  chatId: string;
  direction: 'INBOUND' | 'OUTBOUND';
  telegramMessageId: string | null;
  text: string;
  sentAt: string;
  createdAt: string;
  bufferedAt: string;
  draftId: string | null;
  sourceDraftId: string | null;
  bubbleIndex: number | null;
}

/** A reply delivered to a sandbox chat; `message` is the stored row, so subscribers read nothing. */
export interface SandboxEvent {
  messageId: string;
  message?: MessageWire;
}

/** A Telegram account changed: the whole account as now stored (never its secret), so subscribers read nothing. */
export interface AccountEvent {
  account: AccountWire;
}

/** Published when sessions end, so every process drops its cached copy. */
export interface SessionsEnded {
  tokenHash?: string;
  reviewerId?: string;
}

export type Topics = {
  draftQueued: [QueuedDraftEvent];
  draftUpdated: [DraftEvent];
  /** Per sandbox chat: `<account>:<telegramUserId>` (the default sandbox account's chats keep the bare user id). */
  sandboxMessage: [chat: string, event: SandboxEvent];
  telegramAccountUpdated: [AccountEvent];
  /** Published per contact, so a process hears only the people its subscribers are looking at. */
  contactUpdated: [contactId: string, event: ContactEvent];
  /** Who has a draft open changed: the draft's viewers now, so subscribers read nothing. */
  draftPresence: [DraftViewers];
  sessionsEnded: [SessionsEnded];
  /** A job of this kind was enqueued for now: runners of other processes claim it without waiting to poll. */
  jobsDue: [kind: string];
  /** A job gave up for good (its key): runners remember to resolve it when the job later succeeds. */
  giveUpRecorded: [jobKey: string];
  /** A webhook was saved, deleted or turned off: every process reads the subscribed webhooks again. */
  webhooksChanged: [changed: true];
};

export type PubSub = ReturnType<typeof createPubSub<Topics>>;

/** Tells the pages open on a contact that it changed (from data the caller has: no read). */
export function contactChanged(pubsub: PubSub, contactId: string): void {
  pubsub.publish('contactUpdated', contactId, { contactId });
}

type EventTarget = NonNullable<Parameters<typeof createPubSub<Topics>>[0]>['eventTarget'];

export function createTopics(eventTarget?: EventTarget): PubSub {
  return createPubSub<Topics>(eventTarget ? { eventTarget } : undefined);
}
