import type { Config } from '../config.js';
import type { Core } from '../core.js';
import { deliverDraft, failDelivery, reconcileDeliveries } from '../delivery/deliver.js';
import { failDraft, generateDraft, MAX_DRAFT_ATTEMPTS, reconcileDrafting } from '../drafting/generate.js';
import { reconcileBuffers } from '../intake/debounce.js';
import { flushBuffer } from '../intake/flush.js';
import { rememberDelivered } from '../memory/memory.js';
import { extractTurn, reconcileExtraction } from '../profile/extract.js';
import { reconcileWebhooks, sendWebhookDelivery } from '../webhooks/send.js';
import type { JobKind, JobPayloads } from './kinds.js';

export type Role = 'worker' | 'gateway';

export interface JobHandler<P> {
  /** Delivery belongs to the gateway (the process holding the Telegram connection); the rest to workers. */
  role: Role;
  concurrency: number;
  /**
   * `background`: bookkeeping no one waits on (the memory write, profile extraction); while the process answers
   * requests or runs a `foreground` job (someone waits for it: a reply to the person), its jobs wait for a quiet
   * moment, at most a couple of seconds (runner.ts). Absent: neither.
   */
  priority?: 'foreground' | 'background';
  /** Attempts before the job gives up: logged, recorded for admins, and shown in health until resolved. */
  maxAttempts: number | ((config: Config) => number);
  run(core: Core, payload: P): Promise<unknown>;
  /** Called once the last attempt has failed, so the failure is visible. */
  giveUp?(core: Core, payload: P, reason: string): Promise<void>;
  /** Re-enqueues what the database says is unfinished, so a crash between a commit and its enqueue loses nothing. */
  reconcile?(core: Core): Promise<void>;
}

/** What runs each kind of job. */
export const HANDLERS: { [K in JobKind]: JobHandler<JobPayloads[K]> } = {
  debounce: {
    role: 'worker',
    concurrency: 2,
    maxAttempts: Number.POSITIVE_INFINITY,
    run: (core, p) => flushBuffer(core, p.contactId),
    reconcile: reconcileBuffers,
  },
  draft: {
    role: 'worker',
    concurrency: 4,
    maxAttempts: MAX_DRAFT_ATTEMPTS,
    run: (core, p) => generateDraft(core, p.draftId),
    giveUp: (core, p, reason) => failDraft(core, p.draftId, reason),
    reconcile: reconcileDrafting,
  },
  deliver: {
    role: 'gateway',
    // Chats are delivered in parallel, and a delivery mostly waits (pacing, Telegram): many run at once.
    concurrency: 32,
    priority: 'foreground',
    // About 8 minutes of capped backoff before a bubble shows as failed (and can be retried).
    maxAttempts: 12,
    run: (core, p) => deliverDraft(core, p.draftId),
    giveUp: (core, p, reason) => failDelivery(core, p.draftId, reason),
    reconcile: reconcileDeliveries,
  },
  remember: {
    role: 'worker',
    concurrency: 2,
    priority: 'background',
    // MEMORY_WRITE_ATTEMPTS, 70 by default: about an hour of capped backoff, to ride out a rapport outage.
    maxAttempts: (config) => config.MEMORY_WRITE_ATTEMPTS,
    run: (core, p) => rememberDelivered(core, p.draftId, p.contactId),
  },
  extract: {
    role: 'worker',
    concurrency: 2,
    priority: 'background',
    // Never gives up: a rapport outage only delays it (capped backoff), and nothing an admin could do is missing.
    // The sweep re-enqueues a draft whose extractedAt is unset after a crash between its commit and the enqueue.
    maxAttempts: Number.POSITIVE_INFINITY,
    run: (core, p) => extractTurn(core, p.draftId),
    reconcile: reconcileExtraction,
  },
  webhook: {
    role: 'worker',
    // Its own kind and a bound: receivers mostly make it wait (WEBHOOK_TIMEOUT_SECONDS at most per attempt),
    // and a slow one holds these slots, never intake's, drafting's or delivery's.
    concurrency: 8,
    // An HTTP failure is retried by the job itself on WEBHOOK_RETRY_SECONDS; what throws here is the database,
    // retried until it answers. The sweep also prunes the log.
    maxAttempts: Number.POSITIVE_INFINITY,
    run: (core, p) => sendWebhookDelivery(core, p.deliveryId),
    reconcile: reconcileWebhooks,
  },
};
