import type { Core } from '../core.js';
import type { RequestActivity } from '../http/activity.js';
import { HeldElsewhereError, type QueuedJob } from '../ports.js';
import { OpenGiveUps, recordGiveUp, resolveGiveUps } from './failures.js';
import { HANDLERS, type JobHandler, type Role } from './handlers.js';
import { JOB_KINDS, type JobKind, type JobPayloads } from './kinds.js';

/** Short, renewed while the job runs: a worker that dies hands its job on within this time. */
const LEASE_MS = 10_000;

/** How long a job for an account held by another process waits before it is claimed again. */
const HAND_OVER_MS = 200;

/**
 * Longest a background kind (handlers.ts) waits for a quiet moment while this process answers requests, counted
 * from the first wait: a burst of approvals is answered first, and steady traffic cannot hold the work back.
 */
const BACKGROUND_MAX_HOLD_MS = 2000;

const backoffMs = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 60_000);

/** Pulls jobs from the queue port and runs them; at-least-once, so every handler is idempotent. */
export class JobRunner {
  private stopped = false;
  private readonly running = new Set<Promise<void>>();
  private readonly active = new Map<JobKind, number>();
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  /** Kinds with work added in this process since the loop last looked: only these are claimed when it wakes. */
  private readonly hinted = new Set<JobKind>();
  /** Gateway work runs only while this process holds the gateway lease. */
  private gatewayActive = false;
  private readonly giveUps = new OpenGiveUps();
  private stopHearingGiveUps: (() => void) | null = null;
  /** Since when background kinds have waited for the requests to end (null: they run). */
  private heldSince: number | null = null;
  /** Background kinds waiting for the requests and foreground jobs to end. */
  private readonly heldKinds = new Set<JobKind>();
  /** Whether a quiet moment of the requests will release the held kinds. */
  private quietArmed = false;
  private readonly pollMs: number;
  private readonly activity: RequestActivity | null;
  private readonly maxHoldMs: number;

  /** `activity`: the requests background kinds give way to, for at most `maxHoldMs` (none: they never wait). */
  constructor(
    private readonly core: Core,
    private readonly roles: Role[],
    options: { pollMs?: number; activity?: RequestActivity; maxHoldMs?: number } = {},
  ) {
    this.pollMs = options.pollMs ?? 100;
    this.activity = options.activity ?? null;
    this.maxHoldMs = options.maxHoldMs ?? BACKGROUND_MAX_HOLD_MS;
  }

  private runs(role: Role): boolean {
    return this.roles.includes(role) && (role !== 'gateway' || this.gatewayActive);
  }

  /** Whether this process runs jobs of `kind` now (its role, and for delivery the gateway lease). */
  runsKind(kind: JobKind): boolean {
    return this.runs(HANDLERS[kind].role);
  }

  setGatewayActive(active: boolean): void {
    if (this.gatewayActive === active) return;
    this.gatewayActive = active;
    if (active) void this.reconcile();
  }

  async start(): Promise<void> {
    this.stopHearingGiveUps = this.hearGiveUps();
    await this.reconcile();
    this.sweepTimer = setInterval(() => void this.reconcile(), 30_000);
    void this.loop();
  }

  /**
   * Wakes the loop early for `kind` (work enqueued in this process, or a slot freed) instead of waiting
   * for the next poll; without a kind, every kind is looked at.
   */
  nudge(kind?: JobKind): void {
    for (const k of kind ? [kind] : JOB_KINDS) this.hinted.add(k);
    this.wake?.();
  }

  /**
   * Polls every kind each `pollMs`; between polls, a nudge claims only the kinds it names, so a busy
   * inbox does not make the runner ask the queue about every kind for every message. The kinds are claimed
   * side by side: a delivery nudged while memory writes are being claimed does not wait for them.
   */
  private async loop(): Promise<void> {
    let kinds: readonly JobKind[] = JOB_KINDS;
    while (!this.stopped) {
      this.hinted.clear();
      await Promise.all(kinds.filter((kind) => this.runs(HANDLERS[kind].role)).map((kind) => this.claimAll(kind)));
      if (this.hinted.size > 0) {
        // Nudged while claiming (new work, or a job finished and freed its slot): look again at once.
        kinds = [...this.hinted];
        continue;
      }
      const polled = await new Promise<boolean>((resolve) => {
        this.wake = () => resolve(false);
        this.timer = setTimeout(() => resolve(true), this.pollMs);
      });
      if (this.timer) clearTimeout(this.timer);
      this.wake = null;
      kinds = polled ? JOB_KINDS : [...this.hinted];
    }
  }

  /** Claims jobs of one kind up to its free slots, in one round trip. */
  private async claimAll<K extends JobKind>(kind: K): Promise<void> {
    const handler: JobHandler<JobPayloads[K]> = HANDLERS[kind];
    const free = handler.concurrency - (this.active.get(kind) ?? 0);
    if (free <= 0 || this.stopped) return;
    if (handler.priority === 'background' && this.holdBackground(kind)) return;
    let jobs: QueuedJob<JobPayloads[K]>[];
    try {
      jobs = await this.core.queue.claimMany<JobPayloads[K]>(kind, LEASE_MS, free);
    } catch (error) {
      this.core.log.warn({ queue: kind, err: String(error) }, 'queue unavailable');
      return;
    }
    for (const job of jobs) {
      this.active.set(kind, (this.active.get(kind) ?? 0) + 1);
      const task = this.execute(kind, handler, job).finally(() => {
        this.active.set(kind, (this.active.get(kind) ?? 1) - 1);
        this.running.delete(task);
        if (handler.priority === 'foreground' && !this.foregroundRunning() && !this.activity?.busy()) {
          this.releaseHeld();
        }
        // A slot of this kind is free: more of its jobs may be waiting.
        this.nudge(kind);
      });
      this.running.add(task);
    }
    // More may be due than there were free slots: each slot's end nudges the loop to look again.
  }

  /**
   * Whether a background kind waits: while this process answers HTTP requests or runs foreground jobs (a
   * delivery), for at most `maxHoldMs` from the first wait. Its jobs stay queued meanwhile; the next quiet moment
   * of the requests, or the end of the last foreground job, looks for them again.
   */
  private holdBackground(kind: JobKind): boolean {
    if (!this.activity) return false;
    const requests = this.activity.busy();
    if (!requests && !this.foregroundRunning()) {
      this.heldSince = null;
      return false;
    }
    const now = performance.now();
    this.heldSince ??= now;
    if (now - this.heldSince >= this.maxHoldMs) return false;
    this.heldKinds.add(kind);
    if (requests && !this.quietArmed) {
      this.quietArmed = true;
      this.activity.whenQuiet(() => {
        this.quietArmed = false;
        this.releaseHeld();
      });
    }
    return true;
  }

  /** Whether a foreground job (handlers.ts) runs in this process. */
  private foregroundRunning(): boolean {
    for (const [kind, count] of this.active) if (count > 0 && HANDLERS[kind].priority === 'foreground') return true;
    return false;
  }

  /** The held background kinds are looked at again (they hold once more if there is still work in the way). */
  private releaseHeld(): void {
    for (const kind of this.heldKinds) this.nudge(kind);
    this.heldKinds.clear();
  }

  private async execute<K extends JobKind>(
    kind: K,
    handler: JobHandler<JobPayloads[K]>,
    job: QueuedJob<JobPayloads[K]>,
  ): Promise<void> {
    const { queue, log } = this.core;
    const heartbeat = setInterval(
      () => void queue.extend(kind, job, LEASE_MS).catch(() => {}),
      Math.floor(LEASE_MS / 3),
    );
    let failure: unknown;
    const started = performance.now();
    try {
      await handler.run(this.core, job.payload);
    } catch (error) {
      failure = error;
    } finally {
      clearInterval(heartbeat);
    }
    this.core.metrics.jobRan(kind, failure === undefined, performance.now() - started);
    if (failure === undefined) {
      // A lost ack only means the job runs once more: every handler is idempotent.
      await queue
        .ack(kind, job)
        .catch((error) => log.warn({ queue: kind, job: job.key, err: String(error) }, 'could not acknowledge'));
      if (this.giveUps.mayHave(job.key)) {
        await resolveGiveUps(this.core, job.key).then(
          () => this.giveUps.resolved(job.key),
          (error) => log.warn({ queue: kind, job: job.key, err: String(error) }, 'could not resolve earlier give-ups'),
        );
      }
      return;
    }
    if (failure instanceof HeldElsewhereError) {
      // Not a failure: the account's connection is in another gateway process, whose runner takes the job.
      await this.handOver(kind, job);
      return;
    }
    const reason = failure instanceof Error ? failure.message : String(failure);
    const maxAttempts =
      typeof handler.maxAttempts === 'function' ? handler.maxAttempts(this.core.config) : handler.maxAttempts;
    this.core.metrics.jobFailed(kind, job.attempts >= maxAttempts);
    if (job.attempts < maxAttempts) {
      log.warn({ queue: kind, job: job.key, attempts: job.attempts, err: reason }, 'job failed; will retry');
      await this.retryLater(kind, job, reason);
      return;
    }
    log.error({ queue: kind, job: job.key, attempts: job.attempts, err: reason }, 'job failed for good');
    await handler
      .giveUp?.(this.core, job.payload, reason)
      .catch((error) => log.error({ queue: kind, job: job.key, err: String(error) }, 'give-up handler failed'));
    try {
      await recordGiveUp(this.core, kind, job.key, job.payload, job.attempts, reason);
      this.giveUps.add(job.key);
    } catch (error) {
      // Not recorded, so not acknowledged either: the job comes back and gives up again.
      log.error({ queue: kind, job: job.key, err: String(error) }, 'could not record a give-up; will try again');
      await this.retryLater(kind, job, reason);
      return;
    }
    await queue
      .ack(kind, job)
      .catch((error) => log.warn({ queue: kind, job: job.key, err: String(error) }, 'could not acknowledge'));
  }

  /** Queues the job afresh, its attempts reset, shortly: the process holding the account claims it meanwhile. */
  private async handOver(kind: JobKind, job: QueuedJob): Promise<void> {
    try {
      await this.core.queue.remove(kind, job.key);
      await this.core.queue.enqueue(kind, job.key, job.payload, new Date(Date.now() + HAND_OVER_MS));
    } catch (error) {
      this.core.log.warn(
        { queue: kind, job: job.key, err: String(error) },
        'could not hand the job over; the lease will',
      );
    }
  }

  private async retryLater(kind: JobKind, job: QueuedJob, reason: string): Promise<void> {
    await this.core.queue
      .retry(kind, job, new Date(Date.now() + backoffMs(job.attempts)), reason)
      .catch((error) =>
        this.core.log.warn({ queue: kind, job: job.key, err: String(error) }, 'could not reschedule; the lease will'),
      );
  }

  /** Give-ups recorded by any process (pub/sub reaches this one too) join the set a success consults. */
  private hearGiveUps(): () => void {
    const events = this.core.pubsub.subscribe('giveUpRecorded');
    const iterator = events[Symbol.asyncIterator]();
    void (async () => {
      try {
        for await (const key of events) this.giveUps.add(key);
      } catch (err) {
        this.core.log.warn({ err: String(err) }, 'stopped hearing about give-ups; every success asks the database');
      }
      this.giveUps.forget();
    })();
    return () => void iterator.return?.();
  }

  /** Re-enqueues, for each kind this process runs, the work the database says is unfinished. */
  async reconcile(): Promise<void> {
    await this.giveUps
      .load(this.core)
      .catch((error) => this.core.log.warn({ err: String(error) }, 'could not read open give-ups; will try again'));
    for (const kind of JOB_KINDS) {
      const handler = HANDLERS[kind];
      if (!handler.reconcile || !this.runs(handler.role)) continue;
      try {
        await handler.reconcile(this.core);
      } catch (error) {
        this.core.log.warn({ queue: kind, err: String(error) }, 'reconcile failed; will try again');
      }
    }
    this.nudge();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopHearingGiveUps?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.nudge();
    await Promise.allSettled([...this.running]);
  }
}
