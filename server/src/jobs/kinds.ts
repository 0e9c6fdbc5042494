import type { JobQueue, QueueCount } from '../ports.js';

/** Every kind of background job and its payload; the kind is also the queue's name. */
export interface JobPayloads {
  /** Folds a person's buffered messages into one draft when their debounce window closes. */
  debounce: { contactId: string };
  /** Generates the suggested bubbles of a GENERATING draft. */
  draft: { draftId: string };
  /** Sends an approved draft's queued bubbles (the gateway role). */
  deliver: { draftId: string };
  /** Writes a delivered exchange to the person's memory in rapport. */
  remember: {
    draftId: string;
    /** The draft's person, when the delivery knew it (saves a read; older jobs lack it). */
    contactId?: string;
  };
  /** Folds a draft's inbound messages into the person's profile (preferences, mood, summary, style). */
  extract: { draftId: string };
  /** Sends one event to one webhook (one attempt; it reschedules itself for the next). */
  webhook: { deliveryId: string };
}

export type JobKind = keyof JobPayloads;

export const JOB_KINDS = [
  'debounce',
  'draft',
  'deliver',
  'remember',
  'extract',
  'webhook',
] as const satisfies readonly JobKind[];

const SUBJECT: { [K in JobKind]: (payload: JobPayloads[K]) => string } = {
  debounce: (p) => p.contactId,
  draft: (p) => p.draftId,
  deliver: (p) => p.draftId,
  remember: (p) => p.draftId,
  extract: (p) => p.draftId,
  webhook: (p) => p.deliveryId,
};

/** The id a job is about: a draft id, a contact id for debounce, a webhook delivery's id. */
export function jobSubject<K extends JobKind>(kind: K, payload: JobPayloads[K]): string {
  return SUBJECT[kind](payload);
}

/** A job's idempotency key: one job per kind and subject, so enqueueing twice adds one job. */
export function jobKey<K extends JobKind>(kind: K, payload: JobPayloads[K]): string {
  return `${kind}:${jobSubject(kind, payload)}`;
}

/** Domain code's typed view of the queue port: kinds, payloads and keys cannot drift apart. */
export class Jobs {
  constructor(private readonly queue: JobQueue) {}

  /** Adds the job unless it is already queued. */
  enqueue<K extends JobKind>(kind: K, payload: JobPayloads[K], runAt?: Date): Promise<boolean> {
    return this.queue.enqueue(kind, jobKey(kind, payload), payload, runAt);
  }

  /** Adds the job or moves the queued one to `runAt`. */
  schedule<K extends JobKind>(kind: K, payload: JobPayloads[K], runAt: Date): Promise<void> {
    return this.queue.schedule(kind, jobKey(kind, payload), payload, runAt);
  }

  /** `schedule` for each job, in one round trip. */
  scheduleMany<K extends JobKind>(
    kind: K,
    jobs: ReadonlyArray<{ payload: JobPayloads[K]; runAt: Date }>,
  ): Promise<void> {
    return this.queue.scheduleMany(
      kind,
      jobs.map(({ payload, runAt }) => ({ key: jobKey(kind, payload), payload, runAt })),
    );
  }

  remove<K extends JobKind>(kind: K, payload: JobPayloads[K]): Promise<void> {
    return this.queue.remove(kind, jobKey(kind, payload));
  }

  /** Queues the job afresh, with its attempts reset (a reviewer's retry). */
  async restart<K extends JobKind>(kind: K, payload: JobPayloads[K]): Promise<void> {
    await this.remove(kind, payload);
    await this.enqueue(kind, payload);
  }

  size(kind: JobKind): Promise<number> {
    return this.queue.size(kind);
  }

  /** Every kind's jobs, and those due that nobody runs yet, in one round trip. */
  async counts(now = new Date()): Promise<Record<JobKind, QueueCount>> {
    const counts = await this.queue.counts(JOB_KINDS, now);
    return Object.fromEntries(JOB_KINDS.map((kind, i) => [kind, counts[i]!])) as Record<JobKind, QueueCount>;
  }
}
