import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Probe } from '../health.js';
import type { Logger } from '../logger.js';
import type {
  AttemptLimiter,
  Cache,
  Drafter,
  InboundSpool,
  JobQueue,
  Lease,
  LlmUsage,
  PresenceStore,
  ProfileExtractor,
  TelegramConnector,
  TelegramSignIn,
} from '../ports.js';
import type { PubSub } from '../pubsub.js';
import { MemoryAttemptLimiter } from './attempts/memory.js';
import { RedisAttemptLimiter } from './attempts/redis.js';
import { MemoryCache } from './cache/memory.js';
import { RedisCache } from './cache/redis.js';
import { type Databases, embeddedTargets, openDatabases } from './db/clients.js';
import { LocalLease } from './lease/local.js';
import { RedisLease } from './lease/redis.js';
import { OfflineDrafter } from './llm/offline.js';
import { estimatedBudget, promptLimit } from './llm/tokens.js';
import { MemoryPresence } from './presence/memory.js';
import { RedisPresence } from './presence/redis.js';
import { createMemoryPubSub } from './pubsub/memory.js';
import { createRedisPubSub } from './pubsub/redis.js';
import { DatabaseJobQueue } from './queue/database.js';
import { RedisJobQueue } from './queue/redis.js';
import { FileSpool } from './spool/file.js';
import { RedisSpool } from './spool/redis.js';
import type { GramjsTelegram } from './telegram/gramjs.js';
import { ChannelRouter } from './telegram/router.js';
import { SandboxChannel } from './telegram/sandbox.js';
import type { ClientFactory } from './telegram/sign-in.js';

/** The adapters of the running mode, behind the ports domain code depends on. */
export interface Adapters {
  databases: Databases;
  queue: JobQueue;
  cache: Cache;
  /** Sliding windows of failed sign-ins. */
  attempts: AttemptLimiter;
  /** Who has which draft open. */
  presence: PresenceStore;
  /** Elects the one active gateway of this deployment's Telegram account. */
  gatewayLease: Lease;
  /** The lease of one account added in the app: its holder holds the account's connection. */
  accountLease(accountId: string): Lease;
  pubsub: PubSub;
  /** Received Telegram messages waiting for the analytics database. */
  inboundSpool: InboundSpool;
  /** This process's Telegram connection, when it runs the gateway role for a configured account. */
  telegram: GramjsTelegram | null;
  /** Sandbox chats go to the sandbox, accounts held here to their connections, the rest to `telegram`. */
  channel: ChannelRouter;
  /** Tells the channel router where the accounts added in the app are connected. */
  locateAccounts(fn: (account: string) => 'elsewhere' | 'down' | null): void;
  /** Telegram's sign-in calls, when TELEGRAM_API_ID and TELEGRAM_API_HASH are set (gramjs loaded on first use). */
  telegramSignIn: TelegramSignIn | null;
  /** Connections for the accounts added in the app, in a gateway process with the API id and hash. */
  connector: TelegramConnector | null;
  drafter: Drafter;
  /** Reads profiles with the LLM; null offline (the deterministic extractor of src/profile runs instead). */
  extractor: ProfileExtractor | null;
  /** Health probes of the storage and LLM adapters. */
  probes: Record<string, Probe>;
  close(): Promise<void>;
}

export interface AdapterOptions {
  /** A Telegram port built elsewhere (tests feed it gramjs updates). */
  telegram?: GramjsTelegram;
  /** gramjs clients for sign-ins (tests put a fake Telegram under them). */
  signInClients?: ClientFactory;
  /** Connections for accounts added in the app (tests connect them to a fake Telegram). */
  connector?: TelegramConnector;
  /** Told of every LLM call, failed ones too (metrics). */
  onLlmCall?: (usage: LlmUsage) => void;
}

/** Names the Telegram account a gateway serves, without exposing its secrets. */
function gatewayIdentity(config: Config): string {
  if (config.telegram === 'bot') return `bot-${config.TELEGRAM_BOT_TOKEN?.split(':')[0]}`;
  if (config.telegram === 'user') {
    return `user-${createHash('sha256').update(String(config.TELEGRAM_SESSION)).digest('hex').slice(0, 16)}`;
  }
  return 'sandbox';
}

/**
 * gramjs and the OpenAI SDK are imported only when configured: loaded for nothing they would cost the
 * sandbox-only, offline process about 25 MiB (see docs/decisions.md, "Memory").
 */
async function openTelegram(config: Config): Promise<GramjsTelegram | null> {
  if (!config.ROLES.includes('gateway') || config.telegram === 'sandbox') return null;
  const { createTelegramClient, GramjsTelegram } = await import('./telegram/gramjs.js');
  const client = createTelegramClient({
    kind: config.telegram,
    apiId: Number(config.TELEGRAM_API_ID),
    apiHash: String(config.TELEGRAM_API_HASH),
    session: config.TELEGRAM_SESSION,
    botToken: config.TELEGRAM_BOT_TOKEN,
  });
  return new GramjsTelegram(client, { kind: config.telegram, botToken: config.TELEGRAM_BOT_TOKEN });
}

/** Telegram's sign-in calls over gramjs, imported on the first sign-in (see openTelegram on memory). */
class LazySignIn implements TelegramSignIn {
  private loaded: Promise<TelegramSignIn> | null = null;

  constructor(private readonly load: () => Promise<TelegramSignIn>) {}

  private get(): Promise<TelegramSignIn> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  async signInBot(token: string) {
    return (await this.get()).signInBot(token);
  }

  async sendCode(phone: string) {
    return (await this.get()).sendCode(phone);
  }

  async signIn(pending: Parameters<TelegramSignIn['signIn']>[0], code: string) {
    return (await this.get()).signIn(pending, code);
  }

  async checkPassword(session: string, password: string) {
    return (await this.get()).checkPassword(session, password);
  }
}

function openSignIn(config: Config, clients?: ClientFactory): TelegramSignIn | null {
  if (!config.TELEGRAM_API_ID || !config.TELEGRAM_API_HASH) return null;
  const credentials = { apiId: config.TELEGRAM_API_ID, apiHash: config.TELEGRAM_API_HASH };
  return new LazySignIn(async () => {
    const { GramjsSignIn, signInClients } = await import('./telegram/sign-in.js');
    return new GramjsSignIn(credentials, clients ?? signInClients(credentials));
  });
}

/** gramjs connections for the accounts added in the app, imported when the first one connects. */
function openConnector(config: Config): TelegramConnector | null {
  if (!config.ROLES.includes('gateway') || !config.TELEGRAM_API_ID || !config.TELEGRAM_API_HASH) return null;
  const credentials = { apiId: config.TELEGRAM_API_ID, apiHash: config.TELEGRAM_API_HASH };
  let revokedBy: ((error: unknown) => string | null) | null = null;
  return {
    async open(account) {
      const gramjs = await import('./telegram/gramjs.js');
      revokedBy = gramjs.revokedBy;
      return new gramjs.GramjsConnector(credentials).open(account);
    },
    revoked: (error) => revokedBy?.(error) ?? null,
  };
}

async function openDrafter(config: Config, onCall?: (usage: LlmUsage) => void): Promise<Drafter> {
  if (config.llm === 'offline') return new OfflineDrafter(estimatedBudget(config));
  const { OpenAiDrafter } = await import('./llm/openai.js');
  const fallback = config.LLM_FALLBACK_MODEL ? [config.LLM_FALLBACK_MODEL] : [];
  return new OpenAiDrafter({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    draftModel: config.LLM_DRAFT_MODEL,
    refineModel: config.LLM_REFINE_MODEL,
    fallbackModel: config.LLM_FALLBACK_MODEL,
    draftPromptTokens: promptLimit(config, [config.LLM_DRAFT_MODEL, ...fallback]),
    refinePromptTokens: promptLimit(config, [config.LLM_REFINE_MODEL, ...fallback]),
    timeoutMs: config.LLM_TIMEOUT_SECONDS * 1000,
    onCall,
  });
}

async function openExtractor(config: Config, onCall?: (usage: LlmUsage) => void): Promise<ProfileExtractor | null> {
  if (config.llm === 'offline') return null;
  const { OpenAiExtractor } = await import('./llm/openai-extract.js');
  return new OpenAiExtractor({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.LLM_EXTRACT_MODEL,
    promptTokens: promptLimit(config, [config.LLM_EXTRACT_MODEL]),
    timeoutMs: config.LLM_TIMEOUT_SECONDS * 1000,
    onCall,
  });
}

/** Picks and opens the adapters for the configured mode: PGlite and in-process, or PostgreSQL and Redis. */
export async function openAdapters(config: Config, log: Logger, options: AdapterOptions = {}): Promise<Adapters> {
  const closers: Array<() => Promise<void>> = [];
  const databases = await openDatabases(
    config.mode === 'services'
      ? {
          analytics: { kind: 'postgres', url: String(config.DATABASE_URL) },
          rapport: { kind: 'postgres', url: String(config.RAPPORT_DATABASE_URL) },
        }
      : embeddedTargets(config.DATA_DIR),
    (line) => log.info(line),
  );
  closers.push(() => databases.close());
  const probes: Record<string, Probe> = {
    analytics: async () => {
      await databases.ping.analytics();
      return 'reachable';
    },
    rapport: async () => {
      await databases.ping.rapport().catch((error: unknown) => {
        const reason = error instanceof Error ? error.message.split('\n')[0] : 'no answer';
        throw new Error(`unreachable (${reason}): drafts are written without profiles, from the analytics history`);
      });
      return 'reachable';
    },
  };

  let shared: Pick<
    Adapters,
    'queue' | 'cache' | 'attempts' | 'presence' | 'gatewayLease' | 'accountLease' | 'pubsub' | 'inboundSpool'
  >;
  if (config.mode === 'services') {
    const url = String(config.REDIS_URL);
    // Commands issued in one tick go out in one write: a syscall here costs about as much as a small request's own work.
    const redis = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false, enableAutoPipelining: true });
    redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
    // Events publish on the command connection: an approval's events and its delivery job leave in one write.
    const pubsub = createRedisPubSub(url, config.REDIS_PREFIX, redis);
    closers.unshift(async () => void redis.disconnect(), pubsub.close);
    shared = {
      queue: new RedisJobQueue(redis, config.REDIS_PREFIX),
      cache: new RedisCache(redis, config.REDIS_PREFIX),
      attempts: new RedisAttemptLimiter(redis, config.REDIS_PREFIX),
      presence: new RedisPresence(redis, config.REDIS_PREFIX),
      gatewayLease: new RedisLease(redis, `${config.REDIS_PREFIX}:lease:gateway:${gatewayIdentity(config)}`),
      accountLease: (id) => new RedisLease(redis, `${config.REDIS_PREFIX}:lease:account:${id}`),
      pubsub: pubsub.pubsub,
      inboundSpool: new RedisSpool(redis, `${config.REDIS_PREFIX}:spool:inbound`),
    };
    probes.redis = async () => `${await redis.ping()}`;
  } else {
    const pubsub = createMemoryPubSub();
    const inboundSpool = await FileSpool.open(join(config.DATA_DIR, 'spool'));
    closers.unshift(pubsub.close, () => inboundSpool.close());
    shared = {
      queue: new DatabaseJobQueue(databases.analytics),
      cache: new MemoryCache(),
      attempts: new MemoryAttemptLimiter(),
      presence: new MemoryPresence(),
      gatewayLease: new LocalLease(),
      accountLease: () => new LocalLease(),
      pubsub: pubsub.pubsub,
      inboundSpool,
    };
  }

  const telegram = options.telegram ?? (await openTelegram(config));
  let locate: (account: string) => 'elsewhere' | 'down' | null = () => null;
  if (telegram) closers.unshift(() => telegram.disconnect());
  const drafter = await openDrafter(config, options.onLlmCall);
  const extractor = await openExtractor(config, options.onLlmCall);
  probes.llm = async () =>
    config.llm === 'openai'
      ? `${config.LLM_DRAFT_MODEL} → ${config.LLM_REFINE_MODEL}`
      : 'offline drafter (no LLM configured)';

  return {
    databases,
    ...shared,
    telegram,
    channel: new ChannelRouter(new SandboxChannel(), telegram, (account) => locate(account)),
    telegramSignIn: openSignIn(config, options.signInClients),
    connector: options.connector ?? openConnector(config),
    locateAccounts(fn) {
      locate = fn;
    },
    drafter,
    extractor,
    probes,
    async close() {
      for (const close of closers) await close().catch((err) => log.warn({ err: String(err) }, 'close failed'));
    },
  };
}
