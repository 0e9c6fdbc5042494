import type { Core } from './core.js';
import { DELIVERY_QUEUE, deliverDraft, failDelivery } from './delivery/deliver.js';
import { DRAFT_QUEUE, failDraft, generateDraft, MAX_DRAFT_ATTEMPTS } from './drafting/generate.js';
import { DEBOUNCE_QUEUE, debounceKey, flushAt } from './intake/debounce.js';
import { flushBuffer } from './intake/flush.js';
import { MEMORY_QUEUE, rememberDelivered } from './memory/memory.js';
import type { QueuedJob } from './ports.js';

interface JobKind {
  queue: string;
  leaseMs: number;
  concurrency: number;
  maxAttempts: number;
  run(core: Core, payload: Record<string, string>): Promise<unknown>;
  /** Called once the last attempt has failed, so the failure is visible. */
  giveUp?(core: Core, payload: Record<string, string>, reason: string): Promise<void>;
}

/** Short, renewed while the job runs: a worker that dies hands its job on within this time. */
const LEASE_MS = 10_000;

const KINDS: JobKind[] = [
  // Retried for about an hour with capped backoff: long enough to ride out a rapport outage.
  {
    queue: MEMORY_QUEUE,
    leaseMs: LEASE_MS,
    concurrency: 2,
    maxAttempts: 70,
    run: (core, p) => rememberDelivered(core, p.draftId!),
  },
  {
    queue: DEBOUNCE_QUEUE,
    leaseMs: LEASE_MS,
    concurrency: 2,
    maxAttempts: Infinity,
    run: (core, p) => flushBuffer(core, p.contactId!),
  },
  {
    queue: DRAFT_QUEUE,
    leaseMs: LEASE_MS,
    concurrency: 4,
    maxAttempts: MAX_DRAFT_ATTEMPTS,
    run: (core, p) => generateDraft(core, p.draftId!),
    giveUp: (core, p, reason) => failDraft(core, p.draftId!, reason),
  },
  {
    queue: DELIVERY_QUEUE,
    leaseMs: LEASE_MS,
    concurrency: 8,
    // About 8 minutes of capped backoff before a bubble shows as failed (and can be retried).
    maxAttempts: 12,
    run: (core, p) => deliverDraft(core, p.draftId!),
    giveUp: (core, p, reason) => failDelivery(core, p.draftId!, reason),
  },
];

export type Role = 'worker' | 'gateway';

const backoffMs = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 60_000);

/** Pulls jobs from the queue port and runs them; at-least-once, so every handler is idempotent. */
export class JobRunner {
  private stopped = false;
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  /** Gateway work runs only while this process holds the gateway lease. */
  private gatewayActive = false;

  constructor(
    private readonly core: Core,
    private readonly roles: Role[],
    private readonly pollMs = 100,
  ) {}

  private kinds(): JobKind[] {
    // Delivery belongs to the gateway (the process holding the Telegram connection).
    return KINDS.filter((k) => (k.queue === DELIVERY_QUEUE ? this.isGateway() : this.roles.includes('worker')));
  }

  private isGateway(): boolean {
    return this.roles.includes('gateway') && this.gatewayActive;
  }

  setGatewayActive(active: boolean): void {
    if (this.gatewayActive === active) return;
    this.gatewayActive = active;
    if (active) void this.reconcile().catch(() => {});
  }

  async start(): Promise<void> {
    await this.reconcile();
    this.sweepTimer = setInterval(() => void this.reconcile().catch(() => {}), 30_000);
    void this.loop();
  }

  /** Wakes the loop early (after an in-process enqueue) instead of waiting for the next poll. */
  nudge(): void {
    this.wake?.();
  }

  private async loop(): Promise<void> {
    const active = new Map<string, number>();
    while (!this.stopped) {
      let claimedAny = false;
      for (const kind of this.kinds()) {
        while ((active.get(kind.queue) ?? 0) < kind.concurrency && !this.stopped) {
          let job: QueuedJob<Record<string, string>> | null;
          try {
            job = await this.core.queue.claim<Record<string, string>>(kind.queue, kind.leaseMs);
          } catch (error) {
            this.core.log.warn({ queue: kind.queue, err: String(error) }, 'queue unavailable');
            break;
          }
          if (!job) break;
          claimedAny = true;
          active.set(kind.queue, (active.get(kind.queue) ?? 0) + 1);
          const task = this.execute(kind, job).finally(() => {
            active.set(kind.queue, (active.get(kind.queue) ?? 1) - 1);
            this.running.delete(task);
            this.nudge();
          });
          this.running.add(task);
        }
      }
      if (!claimedAny) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.pollMs);
        });
        this.wake = null;
      }
    }
  }

  private async execute(kind: JobKind, job: QueuedJob<Record<string, string>>): Promise<void> {
    const { queue, log } = this.core;
    const heartbeat = setInterval(
      () => void queue.extend(kind.queue, job, kind.leaseMs).catch(() => {}),
      Math.floor(kind.leaseMs / 3),
    );
    try {
      await kind.run(this.core, job.payload);
      clearInterval(heartbeat);
      await queue.ack(kind.queue, job);
    } catch (error) {
      clearInterval(heartbeat);
      const reason = error instanceof Error ? error.message : String(error);
      if (job.attempts >= kind.maxAttempts) {
        log.error({ queue: kind.queue, job: job.key, attempts: job.attempts, err: reason }, 'job failed for good');
        await kind.giveUp?.(this.core, job.payload, reason).catch(() => {});
        await queue.ack(kind.queue, job).catch(() => {});
      } else {
        log.warn({ queue: kind.queue, job: job.key, attempts: job.attempts, err: reason }, 'job failed; will retry');
        await queue.retry(kind.queue, job, new Date(Date.now() + backoffMs(job.attempts)), reason).catch(() => {});
      }
    }
  }

  /**
   * Re-enqueues work the database says is unfinished, so a crash between a commit and its
   * enqueue loses nothing. Enqueue is idempotent, so this is safe to run at any time.
   */
  async reconcile(): Promise<void> {
    const { analytics, queue } = this.core;
    if (this.roles.includes('worker')) {
      const buffered = await analytics.message.findMany({
        where: { direction: 'INBOUND', draftId: null },
        distinct: ['contactId'],
        select: { contactId: true },
      });
      for (const { contactId } of buffered) {
        // Enqueue (not schedule) leaves a pending debounce window as it is.
        const at = await flushAt(this.core, contactId);
        if (at) await queue.enqueue(DEBOUNCE_QUEUE, debounceKey(contactId), { contactId }, at);
      }
      const generating = await analytics.draft.findMany({ where: { status: 'GENERATING' }, select: { id: true } });
      for (const { id } of generating) await queue.enqueue(DRAFT_QUEUE, `draft:${id}`, { draftId: id });
    }
    if (this.isGateway()) {
      const undelivered = await analytics.outboxBubble.findMany({
        where: { status: 'QUEUED', draft: { status: 'APPROVED' } },
        distinct: ['draftId'],
        select: { draftId: true },
      });
      for (const { draftId } of undelivered) await queue.enqueue(DELIVERY_QUEUE, `deliver:${draftId}`, { draftId });
    }
    this.nudge();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.nudge();
    await Promise.allSettled([...this.running]);
  }
}
