import type { AccountDirectory } from './accounts/directory.js';
import type { SecretBox } from './accounts/secrets.js';
import type { Sessions } from './auth/sessions.js';
import type { Config } from './config.js';
import type { AnalyticsClient, RapportClient } from './db.js';
import type { Jobs } from './jobs/kinds.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type {
  AttemptLimiter,
  Cache,
  Channel,
  Drafter,
  JobQueue,
  PresenceStore,
  ProfileExtractor,
  SqlRunner,
  SqlTransaction,
  TelegramSignIn,
} from './ports.js';
import type { PubSub } from './pubsub.js';
import type { WebhookSubscribers } from './webhooks/subscribers.js';

/** Everything domain code needs, wired by app.ts to the adapters of the running mode. */
export interface Core {
  config: Config;
  log: Logger;
  /** This process's Prometheus metrics: domain code observes, /metrics reports. */
  metrics: Metrics;
  analytics: AnalyticsClient;
  /** One analytics statement on its own, straight on the driver: for hot paths' SQL (adapters/db/clients.ts). */
  sql: SqlRunner;
  /** A transaction of raw analytics statements, straight on the driver (the memory write holds the person's lock). */
  sqlTransaction: SqlTransaction;
  rapport: RapportClient;
  /** A transaction of raw statements on the rapport database, straight on the driver (the memory write). */
  rapportTransaction: SqlTransaction;
  /** The queue port itself, for the job runner; domain code enqueues through `jobs`. */
  queue: JobQueue;
  jobs: Jobs;
  cache: Cache;
  /** Failed sign-ins per account and client address, shared by the processes of the deployment. */
  attempts: AttemptLimiter;
  pubsub: PubSub;
  /** Who has which draft open (presence), shared by the API processes. */
  presence: PresenceStore;
  /** Session tokens to reviewers, cached briefly per token. */
  sessions: Sessions;
  /** The enabled webhooks and their events, cached per process for raising events on hot paths. */
  webhooks: WebhookSubscribers;
  channel: Channel;
  /** The Telegram accounts, kept in memory and updated from pub/sub (no query per use). */
  accounts: AccountDirectory;
  /** Seals and opens account secrets (session strings, bot tokens). */
  secrets: SecretBox;
  /** Telegram's sign-in calls for connecting accounts from the app; null without TELEGRAM_API_ID and _HASH. */
  telegramSignIn: TelegramSignIn | null;
  drafter: Drafter;
  /** The LLM profile extractor; null offline, where src/profile's deterministic extractor runs. */
  extractor: ProfileExtractor | null;
}
