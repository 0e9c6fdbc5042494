import type { JobQueue, QueueCount, QueuedJob, ScheduledJob } from '../../ports.js';

/**
 * Wraps a queue so that work added in this process for now wakes the local runner for that queue, instead of
 * waiting for its poll. Work for later (a debounce window) wakes nobody: the poll finds it when it is due.
 */
export class WakingQueue implements JobQueue {
  constructor(
    private readonly inner: JobQueue,
    private readonly wake: (queue: string) => void,
  ) {}

  async enqueue(queue: string, key: string, payload: unknown, runAt?: Date): Promise<boolean> {
    const added = await this.inner.enqueue(queue, key, payload, runAt);
    this.wakeIfDue(queue, runAt);
    return added;
  }

  schedule(queue: string, key: string, payload: unknown, runAt: Date): Promise<void> {
    return this.scheduleMany(queue, [{ key, payload, runAt }]);
  }

  async scheduleMany(queue: string, jobs: readonly ScheduledJob[]): Promise<void> {
    await this.inner.scheduleMany(queue, jobs);
    if (jobs.length > 0) this.wakeIfDue(queue, new Date(Math.min(...jobs.map((j) => j.runAt.getTime()))));
  }

  private wakeIfDue(queue: string, runAt: Date | undefined): void {
    if (!runAt || runAt.getTime() <= Date.now()) this.wake(queue);
  }

  claim<P = unknown>(queue: string, leaseMs: number): Promise<QueuedJob<P> | null> {
    return this.inner.claim<P>(queue, leaseMs);
  }

  claimMany<P = unknown>(queue: string, leaseMs: number, max: number): Promise<QueuedJob<P>[]> {
    return this.inner.claimMany<P>(queue, leaseMs, max);
  }

  extend(queue: string, job: QueuedJob, leaseMs: number): Promise<boolean> {
    return this.inner.extend(queue, job, leaseMs);
  }

  ack(queue: string, job: QueuedJob): Promise<void> {
    return this.inner.ack(queue, job);
  }

  retry(queue: string, job: QueuedJob, runAt: Date, error: string): Promise<void> {
    return this.inner.retry(queue, job, runAt, error);
  }

  remove(queue: string, key: string): Promise<void> {
    return this.inner.remove(queue, key);
  }

  size(queue: string): Promise<number> {
    return this.inner.size(queue);
  }

  counts(queues: readonly string[], now: Date): Promise<QueueCount[]> {
    return this.inner.counts(queues, now);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
