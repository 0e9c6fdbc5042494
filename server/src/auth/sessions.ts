import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.js';
import type { AnalyticsClient, Reviewer, Role, Session } from '../db.js';
import type { Logger } from '../logger.js';
import type { PubSub, SessionsEnded } from '../pubsub.js';

/**
 * Only this hash is stored: a copy of the Session table holds no token that signs anyone in. Hashed on every
 * request, so with the one-shot `hash` (a third of createHash's cost here).
 */
export const tokenHash = (token: string) => hash('sha256', token, 'hex');

/** How long sessions last: idle since the last request, and in all since sign-in. */
export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export const sessionPolicy = (config: Config): SessionPolicy => ({
  idleMs: config.SESSION_IDLE_HOURS * 3_600_000,
  maxMs: config.SESSION_MAX_DAYS * 86_400_000,
});

/** Activity is written at most this often per session, not on every request. */
export const touchEveryMs = (policy: SessionPolicy) => Math.min(60_000, policy.idleMs / 4);

/** Past its absolute expiry, its idle limit or its maximum age. */
export function sessionEnded(session: Session, now: number, policy: SessionPolicy): boolean {
  if (session.expiresAt.getTime() <= now) return true;
  return session.lastSeenAt.getTime() + policy.idleMs <= now || session.createdAt.getTime() + policy.maxMs <= now;
}

type SessionWithReviewer = Session & { reviewer: Reviewer };

/** Every API key's secret starts with this, so a token says which table to look in (and scanners find leaks). */
export const API_KEY_PREFIX = 'cs_live_';
export const isApiKey = (token: string) => token.startsWith(API_KEY_PREFIX);

/** An API key as the cache holds it: the key and the admin who created it. */
export interface CachedApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: Reviewer;
}

/** What a token speaks for: a reviewer's session, or an API key. */
export interface Principal {
  /** For a key: the admin who created it, acting with the key's role (never more than their own). */
  reviewer: Reviewer;
  apiKey: { id: string; name: string; prefix: string } | null;
}

/** A key's last use is written at most this often. */
export const KEY_TOUCH_EVERY_MS = 60_000;

const RANK: Record<Role, number> = { VIEWER: 1, REVIEWER: 2, ADMIN: 3 };

type Entry = { session: SessionWithReviewer; reviewerId: string } | { key: CachedApiKey; reviewerId: string };

/** Sessions held at most in one process's cache; beyond it the least recently used are read again. */
const MAX_CACHED = 10_000;

/**
 * Who a session token or an API key belongs to. Every request and every socket needs it, and a database read each
 * time was most of what a small request cost, so a session is cached per token for
 * SESSION_CACHE_SECONDS. Its limits are still checked on every use, against the clock.
 *
 * Ending sessions here (sign-out, a password change or reset, a deactivation, a key's revocation) evicts them in this process
 * and, through pub/sub, in every other one, so they are refused at once everywhere; `onEnded` listeners
 * (open WebSockets) hear of it too. A deactivated reviewer's session is refused even if still cached. Anything that changes a
 * session or its reviewer behind this class's back is seen within SESSION_CACHE_SECONDS.
 */
export class Sessions {
  /** Null when SESSION_CACHE_SECONDS is 0: every use reads the database. */
  private readonly cache: LRUCache<string, Entry, boolean> | null = null;
  private readonly policy: SessionPolicy;
  private readonly listening: AsyncIterator<unknown> | null = null;
  private readonly listeners = new Set<(ended: SessionsEnded) => void>();

  constructor(
    private readonly db: AnalyticsClient,
    config: Config,
    private readonly pubsub: PubSub,
    log: Logger,
  ) {
    this.policy = sessionPolicy(config);
    if (config.SESSION_CACHE_SECONDS > 0) {
      this.cache = new LRUCache<string, Entry, boolean>({
        max: MAX_CACHED,
        ttl: config.SESSION_CACHE_SECONDS * 1000,
        // Concurrent requests with one token share one read; a missing session is not cached.
        fetchMethod: (hash, _stale, { context: key }) => this.load(hash, key),
      });
    }
    // Heard even without a cache: open WebSockets re-check their session when it may have ended.
    const events = pubsub.subscribe('sessionsEnded');
    this.listening = events[Symbol.asyncIterator]();
    void (async () => {
      try {
        for await (const ended of events) this.evict(ended);
      } catch (err) {
        log.warn({ err: String(err) }, 'stopped hearing about ended sessions; the cache expires on its own');
      }
    })();
  }

  /**
   * Calls `listener` whenever sessions end or change here or in another process (sign-out, a password
   * change or reset, a deactivation, a role change); returns the unsubscribe function.
   */
  onEnded(listener: (ended: SessionsEnded) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The reviewer a token speaks for (see principalFor), or null. */
  async reviewerFor(token: string | null | undefined, options: { touch?: boolean } = {}): Promise<Reviewer | null> {
    return (await this.principalFor(token, options))?.reviewer ?? null;
  }

  /**
   * Who a session token or an API key speaks for, or null. A session past its idle or absolute limit is
   * deleted on the spot; a key past its expiry or revoked is refused (and kept, for the list). With
   * `touch: false` the look is not counted as activity (an open socket re-checking its session is not the
   * reviewer at work).
   */
  async principalFor(token: string | null | undefined, { touch = true } = {}): Promise<Principal | null> {
    if (!token) return null;
    const hash = tokenHash(token);
    const entry = await this.read(hash, isApiKey(token));
    if (!entry) return null;
    const now = Date.now();
    if ('key' in entry) return this.keyPrincipal(entry.key, now, touch);
    const { session } = entry;
    // A deactivation deletes the sessions too; this also covers a copy cached before it.
    if (session.reviewer.deactivatedAt) return null;
    if (sessionEnded(session, now, this.policy)) {
      await this.end({ tokenHash: hash });
      return null;
    }
    if (touch && now - session.lastSeenAt.getTime() >= touchEveryMs(this.policy)) {
      const seenAt = session.lastSeenAt;
      // Recorded here first, so requests that follow do not write it again.
      session.lastSeenAt = new Date(now);
      // Conditional on the value read, so parallel requests and processes write it once.
      await this.db.session.updateMany({
        where: { tokenHash: hash, lastSeenAt: seenAt },
        data: { lastSeenAt: session.lastSeenAt },
      });
    }
    return { reviewer: session.reviewer, apiKey: null };
  }

  private async keyPrincipal(key: CachedApiKey, now: number, touch: boolean): Promise<Principal | null> {
    const creator = key.createdBy;
    if (key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= now) || creator.deactivatedAt) return null;
    if (touch && (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= KEY_TOUCH_EVERY_MS)) {
      const usedAt = key.lastUsedAt;
      key.lastUsedAt = new Date(now);
      await this.db.apiKey.updateMany({
        where: { id: key.id, lastUsedAt: usedAt },
        data: { lastUsedAt: key.lastUsedAt },
      });
    }
    // A demoted creator's keys are demoted with them.
    const role = RANK[key.role] <= RANK[creator.role] ? key.role : creator.role;
    return {
      reviewer: { ...creator, role },
      apiKey: { id: key.id, name: key.name, prefix: key.prefix },
    };
  }

  /** Ends the session of this token (sign-out); other sessions of the reviewer stay valid. */
  async signOut(token: string): Promise<void> {
    await this.end({ tokenHash: tokenHash(token) });
  }

  /**
   * Drops cached sessions that were ended or changed in the database: here at once, and in every
   * other process when pub/sub delivers.
   */
  forget(ended: SessionsEnded): void {
    this.evict(ended);
    this.pubsub.publish('sessionsEnded', ended);
  }

  close(): void {
    void this.listening?.return?.();
  }

  private async read(hash: string, key: boolean): Promise<Entry | undefined> {
    if (!this.cache) return this.load(hash, key);
    // A cached entry straight away: `fetch` costs several times a `get` on every request, and is only needed to
    // share one read among concurrent requests (a read in flight is not returned by `get`).
    const cached = this.cache.get(hash);
    if (cached !== undefined) return cached;
    try {
      return await this.cache.fetch(hash, { context: key });
    } catch {
      // Evicted while it was being read (the session just ended somewhere): read it afresh.
      return this.load(hash, key);
    }
  }

  private async load(hash: string, key: boolean): Promise<Entry | undefined> {
    if (key) {
      const row = await this.db.apiKey.findUnique({
        where: { secretHash: hash },
        select: {
          id: true,
          name: true,
          prefix: true,
          role: true,
          expiresAt: true,
          lastUsedAt: true,
          revokedAt: true,
          createdBy: true,
        },
      });
      return row ? { key: row, reviewerId: row.createdBy.id } : undefined;
    }
    const session = await this.db.session.findUnique({ where: { tokenHash: hash }, include: { reviewer: true } });
    return session ? { session, reviewerId: session.reviewerId } : undefined;
  }

  private async end(which: { tokenHash: string }): Promise<void> {
    await this.db.session.deleteMany({ where: which });
    this.forget(which);
  }

  private evict(ended: SessionsEnded): void {
    if (this.cache) {
      if (ended.tokenHash) this.cache.delete(ended.tokenHash);
      if (ended.reviewerId) {
        for (const [hash, entry] of this.cache.entries()) {
          if (entry.reviewerId === ended.reviewerId) this.cache.delete(hash);
        }
      }
    }
    for (const listener of this.listeners) listener(ended);
  }
}
