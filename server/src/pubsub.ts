import { createPubSub } from 'graphql-yoga';

/** Events carry ids only; subscribers re-read the row so types never drift in transit. */
export interface DraftEvent {
  draftId: string;
}
/** A draft entered the review queue; `queuedAt` (epoch ms) is when it became PENDING, for draft-to-screen time. */
export interface QueuedDraftEvent extends DraftEvent {
  queuedAt: number;
}
export interface SandboxEvent {
  messageId: string;
}

/** Published when sessions end, so every process drops its cached copy. */
export interface SessionsEnded {
  tokenHash?: string;
  reviewerId?: string;
}

export type Topics = {
  draftQueued: [QueuedDraftEvent];
  draftUpdated: [DraftEvent];
  sandboxMessage: [telegramUserId: string, event: SandboxEvent];
  sessionsEnded: [SessionsEnded];
  /** A job of this kind was enqueued for now: runners of other processes claim it without waiting to poll. */
  jobsDue: [kind: string];
  /** A job gave up for good (its key): runners remember to resolve it when the job later succeeds. */
  giveUpRecorded: [jobKey: string];
};

export type PubSub = ReturnType<typeof createPubSub<Topics>>;

type EventTarget = NonNullable<Parameters<typeof createPubSub<Topics>>[0]>['eventTarget'];

export function createTopics(eventTarget?: EventTarget): PubSub {
  return createPubSub<Topics>(eventTarget ? { eventTarget } : undefined);
}
