/** The small interfaces domain code depends on; adapters under src/adapters implement them. */

import type { Prisma } from './db.js';

/**
 * Runs one analytics statement on its own (autocommit), straight on the driver: for the hot paths, whose
 * statements are written in SQL anyway, this skips the ORM's work around each one (about 0.12 ms of CPU per
 * statement, docs/decisions.md). Rows come back as `$queryRaw` returns them for text, uuid, boolean, integer,
 * array, json and timestamp columns; cast numeric and bigint columns `::text`.
 */
export type SqlRunner = <T>(statement: Prisma.Sql) => Promise<T[]>;

/** Runs `work`'s statements in one transaction: committed when it resolves, rolled back when it throws. */
export type SqlTransaction = <T>(work: (sql: SqlRunner) => Promise<T>) => Promise<T>;

export interface QueuedJob<P = unknown> {
  key: string;
  payload: P;
  /** Changes whenever the job is rescheduled; ack only succeeds for the version that was claimed. */
  version: number;
  attempts: number;
}

/** A job to add or move, as `JobQueue.schedule` takes it. */
export interface ScheduledJob {
  key: string;
  payload: unknown;
  runAt: Date;
}

export interface QueueCount {
  total: number;
  due: number;
}

export interface JobQueue {
  /** Adds a job unless one with the same key is already queued (idempotency). */
  enqueue(queue: string, key: string, payload: unknown, runAt?: Date): Promise<boolean>;
  /** Adds the job or moves an existing one to a new time (debounce). */
  schedule(queue: string, key: string, payload: unknown, runAt: Date): Promise<void>;
  /** `schedule` for each job, in one round trip; of two jobs with one key, the later in the list stands. */
  scheduleMany(queue: string, jobs: readonly ScheduledJob[]): Promise<void>;
  /** Takes the next due job and hides it for `leaseMs`; a worker that dies lets it reappear. */
  claim<P = unknown>(queue: string, leaseMs: number): Promise<QueuedJob<P> | null>;
  /** Takes up to `max` due jobs, oldest first, in one round trip, each hidden for `leaseMs` as `claim` does. */
  claimMany<P = unknown>(queue: string, leaseMs: number, max: number): Promise<QueuedJob<P>[]>;
  /** Keeps a running job hidden for another `leaseMs` (a heartbeat); false once the job is gone. */
  extend(queue: string, job: QueuedJob, leaseMs: number): Promise<boolean>;
  /** Removes a finished job, unless it was rescheduled while running. */
  ack(queue: string, job: QueuedJob): Promise<void>;
  /** Puts a failed job back for another attempt at `runAt`. */
  retry(queue: string, job: QueuedJob, runAt: Date, error: string): Promise<void>;
  remove(queue: string, key: string): Promise<void>;
  /** Number of jobs waiting or running in a queue. */
  size(queue: string): Promise<number>;
  /** For each queue, in one round trip: its jobs (as `size`), and those due by `now` that nobody runs yet. */
  counts(queues: readonly string[], now: Date): Promise<QueueCount[]>;
  close(): Promise<void>;
}

/**
 * The default sandbox account: the sandbox channel plays Telegram inside Countersign. Every account's key (the
 * `account` of contacts and messages) is its TelegramAccount id; sandbox accounts added later are `sandbox:<uuid>`.
 */
export const SANDBOX_ACCOUNT = 'sandbox';

/** Whether an account key names a sandbox account (served by the sandbox channel, never Telegram). */
export const isSandboxAccount = (account: string) => account === SANDBOX_ACCOUNT || account.startsWith('sandbox:');

/** A message as it arrives from Telegram (or the sandbox), before it is stored. */
export interface InboundMessage {
  account: string;
  chatId: string;
  telegramUserId: string;
  telegramMessageId: string;
  text: string;
  displayName: string;
  username?: string | null;
  accessHash?: string | null;
  sentAt?: Date;
}

/** An inbound message waiting in the spool, under the id that removes it. */
export interface SpooledMessage {
  id: string;
  message: InboundMessage;
}

/**
 * A durable first-in first-out buffer of inbound messages the analytics database could not store
 * yet. Entries are read, stored, and only then removed: a crash in between repeats a store (which
 * is idempotent) and never loses a message.
 */
export interface InboundSpool {
  /** Returns once the message is durable. */
  append(message: InboundMessage): Promise<void>;
  /** The oldest entries, without removing them. */
  peek(limit: number): Promise<SpooledMessage[]>;
  /** Removes the oldest entry if it is `id`; otherwise (another drainer removed it) does nothing. */
  removeHead(id: string): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface ChatTarget {
  account: string;
  chatId: string;
  /** Telegram's access hash for a user chat, when known. */
  accessHash?: string | null;
}

export interface SendResult {
  /** The channel's id of the delivered message; null when it is known to be delivered but its id is not. */
  telegramMessageId: string | null;
  /** The channel had already taken this dedupe key: an earlier attempt got through. */
  alreadySent?: boolean;
}

export interface Channel {
  readonly name: string;
  /** Sends one bubble; `dedupeKey` lets the channel drop a resend of a bubble it already delivered. */
  send(target: ChatTarget, text: string, dedupeKey: string): Promise<SendResult>;
  typing(target: ChatTarget, durationMs: number): Promise<void>;
  /** Throws when this process cannot send for the account (HeldElsewhereError: another gateway holds it). */
  route?(account: string): void;
}

export interface DraftTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface DraftRequest {
  draftId: string;
  /** The operator's persona prompt; it opens the system prompt unchanged, so prompt caching applies. */
  persona: string;
  contactName: string;
  customerStatus: string;
  profileSummary: string;
  history: DraftTurn[];
  inbound: string;
}

export interface LlmUsage {
  stage: string;
  model: string;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  error?: string;
}

export interface DraftResult {
  bubbles: string[];
  drafter: string;
  usage: LlmUsage[];
}

/** How many prompt tokens an LLM call may use, and how they are counted. */
export interface TokenBudget {
  /**
   * Prompt tokens allowed: the smallest context of the models the call may go to (fallback included) less
   * LLM_REPLY_RESERVE_TOKENS, and at most LLM_MAX_PROMPT_TOKENS.
   */
  limit: number;
  /** What counts: a tokenizer's encoding, or `estimate` (UTF-8 bytes / 3, never fewer than a tokenizer). */
  counter: string;
  count(text: string): number;
}

/** Turns that left a person's history, to be summarised in a line or two. */
export interface SummaryRequest {
  contactName: string;
  turns: DraftTurn[];
}

export interface SummaryResult {
  /** Null when the model could not be reached; its failed calls are still in `usage`. */
  text: string | null;
  usage: LlmUsage[];
}

export interface Drafter {
  readonly name: string;
  /** The draft stage's budget (a tokenizer is loaded on the first call, not at start). */
  budget(): Promise<TokenBudget>;
  draft(request: DraftRequest): Promise<DraftResult>;
  /** Writes the summary of turns leaving the history; absent offline, where a line per turn is kept instead. */
  summarise?(request: SummaryRequest): Promise<SummaryResult>;
}

export interface ProfileRequest {
  contactName: string;
  /** The profile summary so far, if any. */
  summary: string | null;
  /** What is already known, so the model can confirm or contradict it. */
  preferences: Array<{ topic: string; stance: 'LIKES' | 'DISLIKES' }>;
  /** The person's new messages, oldest first. */
  messages: string[];
}

/** What a model read from a person's new messages. */
export interface ProfileUpdate {
  preferences: Array<{ topic: string; stance: 'LIKES' | 'DISLIKES'; confidence: number }>;
  mood: { label: string; valence: number; intensity: number } | null;
  /** The whole summary rewritten with what is new; null when nothing changes. */
  summary: string | null;
}

export interface ProfileExtraction {
  /** Null when the model failed or answered outside the schema: the caller falls back to the offline extractor. */
  update: ProfileUpdate | null;
  /** The model that answered. */
  extractor: string;
  usage: LlmUsage[];
}

/** Reads preferences, mood and a summary update from a person's messages with an LLM (one structured call). */
export interface ProfileExtractor {
  extract(request: ProfileRequest): Promise<ProfileExtraction>;
}

/** One holder at a time across processes (the active gateway of a Telegram account). */
export interface Lease {
  /** Takes the lease if it is free, or renews it if we hold it; false while someone else holds it. */
  hold(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
}

/** A small TTL cache shared by the processes of one deployment. */
export interface Cache {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Where an account's stream of Telegram updates stands (updates.getState). */
export interface UpdateState {
  pts: number;
  qts: number;
  date: number;
  seq: number;
}

export interface Difference {
  /** Private incoming messages since the state asked from, oldest first. */
  messages: InboundMessage[];
  /** Where the next catch-up starts. */
  state: UpdateState;
  /** Telegram could not list everything since the state (differenceTooLong), and nothing made up for it. */
  gap: boolean;
}

/** A Telegram connection: a channel that also receives, and recovers what it missed. */
export interface TelegramPort extends Channel {
  readonly account: string;
  connect(): Promise<void>;
  listen(handlers: {
    message(m: InboundMessage): Promise<unknown>;
    typing(userId: string): Promise<unknown>;
    /** The connection came back after a drop: updates may have been missed meanwhile. */
    reconnected?(): void;
  }): void;
  updateState(): Promise<UpdateState>;
  /** Everything since `state` (every slice of updates.getDifference); messages older than `oldest` may be left out. */
  difference(state: UpdateState, oldest: Date): Promise<Difference>;
  /** Per-chat history since each high-water mark: recovery for an account with no saved update state yet. */
  missedMessages(
    chats: Array<{ chatId: string; accessHash: string | null; highWater: number }>,
    maxAgeHours: number,
  ): Promise<InboundMessage[]>;
  /** Drops the connection but keeps the handlers, for a gateway that lost its lease. */
  pause(): Promise<void>;
  disconnect(): Promise<void>;
}

/** One sliding window to count attempts under: `key` names an account or a client address. */
export interface AttemptWindow {
  key: string;
  /** Attempts allowed within the window. */
  limit: number;
}

/** What a reservation answers: reserved (with the slots left under each window), or refused for a while. */
export type AttemptReservation = { reserved: true; remaining: number[] } | { reserved: false; retryAfterMs: number };

/**
 * Counts sign-in attempts in sliding windows shared by the processes of one deployment. An attempt is
 * reserved under all its windows at once, before the password is checked, so parallel requests cannot
 * overtake the count; a full window refuses the attempt without counting it.
 */
export interface AttemptLimiter {
  /** Reserves attempt `id` under every window, or none of them when any window is full. */
  reserve(id: string, windows: AttemptWindow[], windowMs: number): Promise<AttemptReservation>;
  /** Takes reservation `id` back from these keys (a success does not count). */
  release(id: string, keys: string[]): Promise<void>;
  /** Forgets every attempt under `key` (an account's failures after its successful sign-in). */
  clear(key: string): Promise<void>;
}

/** A reviewer who has a draft open: shown on its queue card and in its editor. */
export interface Viewer {
  reviewerId: string;
  displayName: string;
  /** Holds the claim and is editing; otherwise only looking. */
  editing: boolean;
}

/** A draft and who has it open now. */
export interface DraftViewers {
  draftId: string;
  viewers: Viewer[];
}

/**
 * Who has which draft open, shared by the processes of one deployment. An entry lasts `ttlMs` after its last
 * touch. Each change is answered to the one call that made it (touch, leave or sweep), which announces it:
 * an expiry is reported once however many processes sweep.
 */
export interface PresenceStore {
  /** Adds or refreshes an entry; the draft's viewers when that changed what is shown (someone new, or editing), else null. */
  touch(draftId: string, viewer: Viewer, ttlMs: number): Promise<Viewer[] | null>;
  /** Removes an entry; the draft's viewers when it was there, else null. */
  leave(draftId: string, reviewerId: string): Promise<Viewer[] | null>;
  /** Removes the entries whose time ran out; each draft that lost someone, with its viewers now. */
  sweep(): Promise<DraftViewers[]>;
  /** Every draft someone has open. */
  list(): Promise<DraftViewers[]>;
}

/** Who a Telegram sign-in turned out to be. */
export interface TelegramIdentity {
  /** Telegram's numeric id of the account, as a string. */
  telegramId: string;
  username: string | null;
  /** First and last name (a bot's name). */
  name: string;
}

/** A finished sign-in: the identity and the gramjs session string (a secret: encrypt before storing). */
export interface SignedIn extends TelegramIdentity {
  session: string;
}

/** A code was sent; `session` holds the auth key the code is bound to (a secret). */
export interface CodeSent {
  phoneCodeHash: string;
  session: string;
  /** Where Telegram sent the code: the Telegram app of another device, or a text message. */
  via: 'APP' | 'SMS' | 'OTHER';
}

export type CodeAnswer = { signedIn: SignedIn } | { passwordNeeded: { session: string; hint: string | null } };

/**
 * Telegram's own sign-in calls, for connecting accounts from the web app: a bot by its token, a user by
 * phone, code and 2FA password. Telegram's refusals are raised as `TelegramRefusedError` (errors.ts).
 */
export interface TelegramSignIn {
  signInBot(token: string): Promise<SignedIn>;
  sendCode(phone: string): Promise<CodeSent>;
  signIn(pending: { session: string; phone: string; phoneCodeHash: string }, code: string): Promise<CodeAnswer>;
  checkPassword(session: string, password: string): Promise<SignedIn>;
}

/** An account of this deployment as a gateway connects it: its secret opened (a session string or a bot token). */
export interface AccountSecret {
  id: string;
  kind: 'USER' | 'BOT';
  secret: string;
}

/** Opens Telegram connections for the accounts a gateway process holds. */
export interface TelegramConnector {
  open(account: AccountSecret): Promise<TelegramPort>;
  /** Telegram's error name when `error` means the session is gone for good (AUTH_KEY_UNREGISTERED…); else null. */
  revoked(error: unknown): string | null;
}

/** The account's connection is held by another gateway process: the job belongs there. */
export class HeldElsewhereError extends Error {
  constructor(readonly account: string) {
    super(`account ${account} is connected by another gateway process`);
    this.name = 'HeldElsewhereError';
  }
}
