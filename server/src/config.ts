import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), `must be a ${protocols.join(' or ')} URL`)
      .optional(),
  );
const number = (def: number, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().min(min).max(max).default(def));
const int = (def: number, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(def));
const bool = (def: boolean) =>
  z.preprocess(
    (v) => blankToUndefined(typeof v === 'string' ? v.trim().toLowerCase() : v),
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
      .default(def ? 'true' : 'false')
      .transform((v) => ['true', '1', 'yes', 'on'].includes(v)),
  );

const envSchema = z.object({
  NODE_ENV: z.preprocess(blankToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: int(4000, 0, 65535),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('.data')),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  RAPPORT_DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  REDIS_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[\w:-]{1,50}$/, 'letters, digits, _ : - only')
      .default('cs'),
  ),
  TELEGRAM_API_ID: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  TELEGRAM_API_HASH: optionalString,
  TELEGRAM_SESSION: optionalString,
  TELEGRAM_BOT_TOKEN: optionalString,
  // Base64 of 32 random bytes: encrypts account secrets (session strings, bot tokens) at rest.
  ACCOUNT_SECRETS_KEY: optionalString,
  // Comma-separated earlier keys, still accepted for reading while `pnpm accounts:rotate-key` re-encrypts.
  ACCOUNT_SECRETS_KEY_PREVIOUS: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl(['http', 'https']),
  LLM_DRAFT_MODEL: z.preprocess(blankToUndefined, z.string().default('gpt-4o-mini')),
  LLM_REFINE_MODEL: z.preprocess(blankToUndefined, z.string().default('gpt-4o-mini')),
  LLM_FALLBACK_MODEL: optionalString,
  LLM_EXTRACT_MODEL: z.preprocess(blankToUndefined, z.string().default('gpt-4o-mini')),
  LLM_TIMEOUT_SECONDS: number(30, 1, 600),
  // Token budget of every LLM call: the model's context size (per model where they differ), the part of it kept
  // for the reply, and a ceiling on any draft prompt so a long history does not make every draft expensive.
  LLM_CONTEXT_TOKENS: int(128_000, 512, 10_000_000),
  LLM_CONTEXT_TOKENS_BY_MODEL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\s*[^=,\s]+\s*=\s*\d+(\s*,\s*[^=,\s]+\s*=\s*\d+)*\s*$/, 'must be model=tokens pairs, comma-separated')
      .optional()
      .transform((v) =>
        Object.fromEntries(
          (v ? v.split(',') : []).map((pair) => {
            const [model, tokens] = pair.split('=').map((x) => x.trim());
            return [String(model), Number(tokens)];
          }),
        ),
      ),
  ),
  LLM_REPLY_RESERVE_TOKENS: int(1024, 16, 1_000_000),
  LLM_MAX_PROMPT_TOKENS: int(16_000, 256, 10_000_000),
  TYPING_DEBOUNCE_DELAY: number(5, 0, 300),
  DEBOUNCE_MAX_WAIT: number(30, 0, 3600),
  DEBOUNCE_MAX_BATCH: int(10, 1, 1000),
  ENABLE_TYPING_PACING: bool(true),
  MEMORY_MAX_HISTORY: int(50, 1, 10_000),
  MEMORY_MAX_CONTEXT_KB: int(100, 1, 100_000),
  MEMORY_WRITE_ATTEMPTS: int(70, 1, 10_000),
  ADMIN_TELEGRAM_IDS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be comma-separated numeric Telegram ids')
      .optional()
      .transform((v) => (v ? v.split(',').map((id) => id.trim()) : [])),
  ),
  ADMIN_EMAIL: z.preprocess(blankToUndefined, z.email().optional()),
  ADMIN_PASSWORD: z.preprocess(blankToUndefined, z.string().min(8, 'must be at least 8 characters').optional()),
  RECOVERY_MAX_AGE_HOURS: number(12, 0, 24 * 30),
  CLAIM_LEASE_SECONDS: int(300, 5, 86_400),
  // How long an approval can be taken back; delivery waits for it to end. 0: no undo, delivery at once.
  APPROVAL_UNDO_SECONDS: int(5, 0, 60),
  // A reviewer shown on a draft (presence) without a heartbeat for this long is gone.
  PRESENCE_TTL_SECONDS: number(30, 1, 600),
  GATEWAY_LEASE_SECONDS: number(15, 1, 600),
  // GraphQL limits (graphql/limits.ts): a document over any of them is refused before it runs.
  GRAPHQL_MAX_DEPTH: int(20, 1, 1000),
  GRAPHQL_MAX_ALIASES: int(15, 0, 10_000),
  GRAPHQL_MAX_DIRECTIVES: int(30, 0, 10_000),
  GRAPHQL_MAX_TOKENS: int(1000, 10, 1_000_000),
  GRAPHQL_MAX_COST: int(50_000, 1, 100_000_000),
  // Authorisation: how often an open WebSocket re-checks its session (sign-out, expiry) and closes without one.
  // Trusted documents: web sessions (and anonymous callers) may run only the web app's persisted documents;
  // API keys may send any document. Off only for development and the server tests' ad-hoc documents.
  PERSISTED_DOCUMENTS_ONLY: bool(true),
  WS_SESSION_CHECK_SECONDS: int(15, 1, 3600),
  SESSION_CACHE_SECONDS: int(10, 0, 300),
  // Sign-in and sessions: failed sign-ins per account and per client address within a sliding window,
  // the proxies whose X-Forwarded-For is believed, and how long an idle or old session stays valid.
  SIGNIN_MAX_PER_ACCOUNT: int(5, 1, 10_000),
  SIGNIN_MAX_PER_ADDRESS: int(20, 1, 100_000),
  SIGNIN_WINDOW_MINUTES: number(15, 0.01, 24 * 60),
  TRUST_PROXY: int(0, 0, 10),
  SESSION_IDLE_HOURS: number(12, 0.001, 24 * 365),
  SESSION_MAX_DAYS: number(14, 0.001, 365),
  // HTTP layer: request limits and the origins allowed to call /graphql from a browser.
  HTTP_MAX_BODY_BYTES: int(1_048_576, 1024, 100 * 1_048_576),
  HTTP_HEADERS_TIMEOUT_SECONDS: number(10, 1, 600),
  HTTP_REQUEST_TIMEOUT_SECONDS: number(30, 1, 3600),
  CORS_ORIGINS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((o) => o.trim().replace(/\/$/, '')) : []))
      .pipe(
        z.array(z.string().regex(/^https?:\/\/[^/\s,]+$/, 'must be origins: scheme://host[:port], comma-separated')),
      ),
  ),
  // Training export: the secret behind the pseudonyms of people (generated and kept in the database when unset).
  EXPORT_PSEUDONYM_SALT: z.preprocess(
    blankToUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  // Prometheus /metrics: off (404) without a token; with one, only `Authorization: Bearer <token>` may scrape.
  METRICS_TOKEN: z.preprocess(blankToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  METRICS_CACHE_SECONDS: number(5, 0, 300),
  // Webhooks: private, loopback and link-local addresses are refused unless listed here (hosts, addresses or CIDR
  // ranges, comma-separated); how long a receiver may take; the delays between attempts (seconds, about a day
  // in all); consecutive deliveries failing for good before a webhook is turned off; days the log is kept.
  WEBHOOK_ALLOWED_HOSTS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((h) => h.trim().toLowerCase()) : []))
      .pipe(
        z.array(
          z
            .string()
            .refine(
              (h) =>
                ipaddr.isValid(h) ||
                ipaddr.isValidCIDR(h) ||
                /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(h),
              'must be host names, IP addresses or CIDR ranges, comma-separated',
            ),
        ),
      ),
  ),
  WEBHOOK_TIMEOUT_SECONDS: number(10, 0.05, 120),
  WEBHOOK_RETRY_SECONDS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, 'must be seconds, comma-separated')
      .default('5,300,1800,7200,18000,36000,36000')
      .transform((v) => v.split(',').map((s) => Number(s.trim()))),
  ),
  WEBHOOK_DISABLE_AFTER: int(5, 1, 10_000),
  WEBHOOK_LOG_DAYS: number(30, 0.001, 3650),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  ROLES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\s*(api|worker|gateway)(\s*,\s*(api|worker|gateway))*\s*$/, 'must list api, worker and/or gateway')
      .default('api,worker,gateway')
      .transform((v) => v.split(',').map((r) => r.trim()) as Array<'api' | 'worker' | 'gateway'>),
  ),
});

type Env = z.infer<typeof envSchema>;

export type Mode = 'embedded' | 'services';

export interface Config extends Env {
  mode: Mode;
  telegram: 'sandbox' | 'user' | 'bot';
  llm: 'offline' | 'openai';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `.env` (if present) beneath the real environment; the real environment wins. */
export function readEnvFile(path = '.env'): Record<string, string> {
  return existsSync(path) ? parseDotenv(readFileSync(path)) : {};
}

export function loadConfig(env: Record<string, string | undefined> = { ...readEnvFile(), ...process.env }): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.success ? parsed.data : undefined;
  if (e) {
    const services = [e.DATABASE_URL, e.RAPPORT_DATABASE_URL, e.REDIS_URL];
    const given = services.filter(Boolean).length;
    if (given > 0 && given < 3) {
      for (const [name, value] of [
        ['DATABASE_URL', e.DATABASE_URL],
        ['RAPPORT_DATABASE_URL', e.RAPPORT_DATABASE_URL],
        ['REDIS_URL', e.REDIS_URL],
      ] as const) {
        if (!value)
          problems.push(
            `${name}: required in services mode (DATABASE_URL, RAPPORT_DATABASE_URL and REDIS_URL go together)`,
          );
      }
    }
    if (e.DATABASE_URL && e.DATABASE_URL === e.RAPPORT_DATABASE_URL) {
      problems.push('RAPPORT_DATABASE_URL: must name a different database than DATABASE_URL');
    }
    // The API id and hash alone let admins connect accounts from the web app; a session adds the user account.
    if (!e.TELEGRAM_API_ID !== !e.TELEGRAM_API_HASH || (e.TELEGRAM_SESSION && !e.TELEGRAM_API_ID)) {
      problems.push(
        'TELEGRAM_API_ID, TELEGRAM_API_HASH, TELEGRAM_SESSION: the id and hash go together, and a session needs both',
      );
    }
    if (e.TELEGRAM_BOT_TOKEN && !/^\d+:[\w-]{20,}$/.test(e.TELEGRAM_BOT_TOKEN)) {
      problems.push('TELEGRAM_BOT_TOKEN: does not look like a bot token (digits:secret)');
    }
    if (e.TELEGRAM_BOT_TOKEN && (!e.TELEGRAM_API_ID || !e.TELEGRAM_API_HASH)) {
      problems.push('TELEGRAM_API_ID, TELEGRAM_API_HASH: bot mode connects over MTProto too and needs both');
    }
    if (e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_SESSION) {
      problems.push('TELEGRAM_BOT_TOKEN, TELEGRAM_SESSION: choose a bot or a user account, not both');
    }
    for (const [name, value] of [
      ['ACCOUNT_SECRETS_KEY', e.ACCOUNT_SECRETS_KEY],
      ['ACCOUNT_SECRETS_KEY_PREVIOUS', e.ACCOUNT_SECRETS_KEY_PREVIOUS],
    ] as const) {
      for (const key of (value ?? '').split(',').filter((k) => k.trim())) {
        if (!isSecretKey(key.trim()))
          problems.push(`${name}: must be base64 of 32 bytes (openssl rand -base64 32), comma-separated if several`);
      }
    }
    if (e.HTTP_HEADERS_TIMEOUT_SECONDS > e.HTTP_REQUEST_TIMEOUT_SECONDS) {
      problems.push('HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed HTTP_REQUEST_TIMEOUT_SECONDS');
    }
    for (const [model, tokens] of Object.entries(e.LLM_CONTEXT_TOKENS_BY_MODEL)) {
      if (tokens <= e.LLM_REPLY_RESERVE_TOKENS)
        problems.push(
          `LLM_CONTEXT_TOKENS_BY_MODEL: ${model} leaves no room for a prompt beside LLM_REPLY_RESERVE_TOKENS`,
        );
    }
    if (e.LLM_CONTEXT_TOKENS <= e.LLM_REPLY_RESERVE_TOKENS) {
      problems.push('LLM_CONTEXT_TOKENS: must exceed LLM_REPLY_RESERVE_TOKENS');
    }
    if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
      problems.push('ADMIN_EMAIL, ADMIN_PASSWORD: set both or neither');
    }
  }
  if (problems.length > 0 || !e) throw new ConfigError(problems);
  const mode: Mode = e.DATABASE_URL ? 'services' : 'embedded';
  return {
    ...e,
    mode,
    telegram: e.TELEGRAM_BOT_TOKEN ? 'bot' : e.TELEGRAM_SESSION ? 'user' : 'sandbox',
    llm: e.OPENAI_BASE_URL || e.OPENAI_API_KEY ? 'openai' : 'offline',
  };
}

/** Base64 (standard or URL-safe) of exactly 32 bytes: an AES-256 key. */
export function isSecretKey(text: string): boolean {
  return /^[A-Za-z0-9+/_-]{43}=?$/.test(text) && Buffer.from(text, 'base64').length === 32;
}

/** Tokens a model's context holds: its LLM_CONTEXT_TOKENS_BY_MODEL entry, else LLM_CONTEXT_TOKENS. */
export function contextTokensOf(config: Config, model: string): number {
  return config.LLM_CONTEXT_TOKENS_BY_MODEL[model] ?? config.LLM_CONTEXT_TOKENS;
}

/** The configuration with secrets masked, for logs and diagnostics. */
export function describeConfig(config: Config): Record<string, unknown> {
  // `_TOKENS` names counts (LLM_CONTEXT_TOKENS), not secrets.
  const secret = /PASSWORD|SECRET|TOKEN(?!S)|KEY|SESSION|HASH|SALT/;
  const url = /_URL$/;
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [
      k,
      v === undefined
        ? v
        : secret.test(k)
          ? '***'
          : url.test(k) && typeof v === 'string'
            ? v.replace(/\/\/[^@/]*@/, '//***@')
            : v,
    ]),
  );
}
