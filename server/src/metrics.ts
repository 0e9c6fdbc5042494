import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AnalyticsClient } from './db.js';
import { JOB_KINDS, type JobKind, type Jobs } from './jobs/kinds.js';
import type { Logger } from './logger.js';
import type { LlmUsage, QueueCount } from './ports.js';

/** What the databases say about the whole deployment, read when /metrics is scraped. */
export interface DeploymentState {
  queues: Record<JobKind, QueueCount>;
  draftsWaiting: number;
  /** When the oldest PENDING draft was created; null when none waits. */
  oldestWaitingSince: Date | null;
}

/** Seconds, from a few milliseconds (the live path's targets) to minutes (retries, typing pacing). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const LLM_BUCKETS = [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120];

const seconds = (ms: number) => ms / 1000;

/**
 * The Prometheus metrics of one process: one registry per app (a test process runs several). Observations
 * are in-memory only; the deployment-wide gauges are read from the databases when scraped, at most once per
 * cache period however many scrapes arrive.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];

  private readonly jobDuration = new Histogram({
    name: 'countersign_job_duration_seconds',
    help: 'Time a background job ran, from claim to finish, by job kind and outcome (ok, error).',
    labelNames: ['kind', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: this.registers,
  });
  private readonly jobFailures = new Counter({
    name: 'countersign_job_failures_total',
    help: 'Failed job attempts by job kind: retried later (retry) or out of attempts (gave_up).',
    labelNames: ['kind', 'outcome'] as const,
    registers: this.registers,
  });
  private readonly llmDuration = new Histogram({
    name: 'countersign_llm_request_duration_seconds',
    help: 'Time of one LLM call (with the client library retries), by model, stage (draft, refine) and outcome.',
    labelNames: ['model', 'stage', 'outcome'] as const,
    buckets: LLM_BUCKETS,
    registers: this.registers,
  });
  private readonly llmTokens = new Counter({
    name: 'countersign_llm_tokens_total',
    help: 'LLM tokens by model and kind: input (not from the cache), cached_input, output.',
    labelNames: ['model', 'kind'] as const,
    registers: this.registers,
  });
  private readonly llmCost = new Counter({
    name: 'countersign_llm_cost_usd_total',
    help: 'LLM cost in US dollars by model, from the price table (models missing from it count 0).',
    labelNames: ['model'] as const,
    registers: this.registers,
  });
  private readonly draftToScreen = new Histogram({
    name: 'countersign_draft_to_screen_seconds',
    help: 'From a draft becoming PENDING to its draftQueued event being sent to a subscriber, once per subscriber.',
    buckets: LATENCY_BUCKETS,
    registers: this.registers,
  });
  private readonly approvalToDelivery = new Histogram({
    name: 'countersign_approval_to_delivery_seconds',
    help: 'From a draft being approved to each of its bubbles being sent and recorded (the undo window and typing pacing included).',
    buckets: LATENCY_BUCKETS,
    registers: this.registers,
  });
  private readonly deliveryFailures = new Counter({
    name: 'countersign_delivery_failures_total',
    help: 'Bubbles that could not be sent after every retry and show as failed to reviewers.',
    registers: this.registers,
  });
  private deployment: DeploymentGauges | null = null;

  constructor(options: { processMetrics: boolean }) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    // Every kind's failure series exists from the start, so a rate over it is 0 rather than absent.
    for (const kind of JOB_KINDS) {
      this.jobFailures.labels(kind, 'retry').inc(0);
      this.jobFailures.labels(kind, 'gave_up').inc(0);
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  jobRan(kind: JobKind, ok: boolean, durationMs: number): void {
    this.jobDuration.labels(kind, ok ? 'ok' : 'error').observe(seconds(durationMs));
  }

  jobFailed(kind: JobKind, gaveUp: boolean): void {
    this.jobFailures.labels(kind, gaveUp ? 'gave_up' : 'retry').inc();
  }

  llmCall(usage: LlmUsage): void {
    this.llmDuration.labels(usage.model, usage.stage, usage.error ? 'error' : 'ok').observe(seconds(usage.latencyMs));
    // The provider counts cached tokens inside the input tokens; here each token is counted once.
    this.llmTokens.labels(usage.model, 'input').inc(Math.max(0, usage.inputTokens - usage.cachedTokens));
    this.llmTokens.labels(usage.model, 'cached_input').inc(usage.cachedTokens);
    this.llmTokens.labels(usage.model, 'output').inc(usage.outputTokens);
    this.llmCost.labels(usage.model).inc(usage.costUsd);
  }

  /** A draftQueued event reached a subscriber; `queuedAt` is when the draft became PENDING (epoch ms). */
  draftOnScreen(queuedAt: number): void {
    this.draftToScreen.observe(seconds(Math.max(0, Date.now() - queuedAt)));
  }

  bubbleDelivered(approvedAt: Date): void {
    this.approvalToDelivery.observe(seconds(Math.max(0, Date.now() - approvedAt.getTime())));
  }

  bubblesFailed(count: number): void {
    this.deliveryFailures.inc(count);
  }

  /**
   * Adds the deployment-wide gauges, read by `read` when scraped: at most one read in flight, and its answer
   * (or failure) reused for `cacheMs`, so a storm of scrapes costs the databases one read.
   */
  watchDeployment(read: () => Promise<DeploymentState>, cacheMs: number, log: Logger): void {
    this.deployment = new DeploymentGauges(this.registry, read, cacheMs, log);
  }

  /** The text exposition format of every metric, with the deployment-wide gauges brought up to date. */
  async exposition(): Promise<string> {
    await this.deployment?.refresh();
    return this.registry.metrics();
  }
}

/** Queue depth and waiting drafts: one answer for the whole deployment, from the databases. */
class DeploymentGauges {
  private readonly queueJobs: Gauge<'kind'>;
  private readonly queueDue: Gauge<'kind'>;
  private readonly draftsWaiting: Gauge;
  private readonly oldestWaiting: Gauge;
  private last: { startedAt: number; settled: boolean; state: Promise<DeploymentState | null> } | null = null;

  constructor(
    registry: Registry,
    private readonly read: () => Promise<DeploymentState>,
    private readonly cacheMs: number,
    private readonly log: Logger,
  ) {
    const registers = [registry];
    this.queueJobs = new Gauge({
      name: 'countersign_queue_jobs',
      help: 'Jobs queued, scheduled or running, by job kind (whole deployment).',
      labelNames: ['kind'] as const,
      registers,
    });
    this.queueDue = new Gauge({
      name: 'countersign_queue_due_jobs',
      help: 'Jobs due that no worker has claimed yet, by job kind: the backlog (whole deployment).',
      labelNames: ['kind'] as const,
      registers,
    });
    this.draftsWaiting = new Gauge({
      name: 'countersign_drafts_waiting',
      help: 'Drafts PENDING in the review queue (whole deployment).',
      registers,
    });
    this.oldestWaiting = new Gauge({
      name: 'countersign_oldest_waiting_draft_age_seconds',
      help: 'Age of the oldest PENDING draft since it was created, 0 when none waits (whole deployment).',
      registers,
    });
  }

  async refresh(): Promise<void> {
    this.report(await this.current());
  }

  private current(): Promise<DeploymentState | null> {
    const now = Date.now();
    const last = this.last;
    if (last && (!last.settled || now - last.startedAt < this.cacheMs)) return last.state;
    const entry = {
      startedAt: now,
      settled: false,
      state: this.read().then(
        (state) => state,
        (error: unknown) => {
          this.log.warn({ err: String(error) }, 'metrics: could not read the queue and review state');
          return null;
        },
      ),
    };
    void entry.state.then(() => {
      entry.settled = true;
    });
    this.last = entry;
    return entry.state;
  }

  /** Unknown (NaN) when the databases could not be read: a stale or zero value would look real. */
  private report(state: DeploymentState | null): void {
    for (const kind of JOB_KINDS) {
      this.queueJobs.labels(kind).set(state ? state.queues[kind].total : Number.NaN);
      this.queueDue.labels(kind).set(state ? state.queues[kind].due : Number.NaN);
    }
    this.draftsWaiting.set(state ? state.draftsWaiting : Number.NaN);
    const oldest = state?.oldestWaitingSince;
    this.oldestWaiting.set(!state ? Number.NaN : oldest ? seconds(Math.max(0, Date.now() - oldest.getTime())) : 0);
  }
}

/** The deployment-wide state in two reads: the queue (one round trip for every kind) and one aggregate of drafts. */
export function readDeployment(source: { analytics: AnalyticsClient; jobs: Jobs }): () => Promise<DeploymentState> {
  return async () => {
    const [queues, waiting] = await Promise.all([
      source.jobs.counts(),
      source.analytics.draft.aggregate({
        where: { status: 'PENDING' },
        _count: { _all: true },
        _min: { createdAt: true },
      }),
    ]);
    return { queues, draftsWaiting: waiting._count._all, oldestWaitingSince: waiting._min.createdAt };
  };
}
