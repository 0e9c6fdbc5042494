import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.js';
import type { AnalyticsClient, Reviewer, Session } from '../db.js';
import type { Logger } from '../logger.js';
import type { PubSub, SessionsEnded } from '../pubsub.js';

/** Only this hash is stored: a copy of the Session table holds no token that signs anyone in. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

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

/** Sessions held at most in one process's cache; beyond it the least recently used are read again. */
const MAX_CACHED = 10_000;

/**
 * Who a session token belongs to. Every request and every socket needs it, and a database read each
 * time was most of what a small request cost, so a session is cached per token for
 * SESSION_CACHE_SECONDS. Its limits are still checked on every use, against the clock.
 *
 * Ending sessions here (sign-out, a password change or reset, a deactivation) evicts them in this process
 * and, through pub/sub, in every other one, so they are refused at once everywhere; `onEnded` listeners
 * (open WebSockets) hear of it too. A deactivated reviewer's session is refused even if still cached. Anything that changes a
 * session or its reviewer behind this class's back is seen within SESSION_CACHE_SECONDS.
 */
export class Sessions {
  /** Null when SESSION_CACHE_SECONDS is 0: every use reads the database. */
  private readonly cache: LRUCache<string, SessionWithReviewer> | null = null;
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
      this.cache = new LRUCache<string, SessionWithReviewer>({
        max: MAX_CACHED,
        ttl: config.SESSION_CACHE_SECONDS * 1000,
        // Concurrent requests with one token share one read; a missing session is not cached.
        fetchMethod: (hash) => this.load(hash),
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

  /**
   * The reviewer of a session token, or null. A session past its idle or absolute limit is deleted on
   * the spot. With `touch: false` the look is not counted as activity (an open socket re-checking its
   * session is not the reviewer at work).
   */
  async reviewerFor(token: string | null | undefined, { touch = true } = {}): Promise<Reviewer | null> {
    if (!token) return null;
    const hash = tokenHash(token);
    const session = await this.read(hash);
    if (!session) return null;
    const now = Date.now();
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
    return session.reviewer;
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

  private async read(hash: string): Promise<SessionWithReviewer | undefined> {
    if (!this.cache) return this.load(hash);
    try {
      return await this.cache.fetch(hash);
    } catch {
      // Evicted while it was being read (the session just ended somewhere): read it afresh.
      return this.load(hash);
    }
  }

  private async load(hash: string): Promise<SessionWithReviewer | undefined> {
    return (await this.db.session.findUnique({ where: { tokenHash: hash }, include: { reviewer: true } })) ?? undefined;
  }

  private async end(which: { tokenHash: string }): Promise<void> {
    await this.db.session.deleteMany({ where: which });
    this.forget(which);
  }

  private evict(ended: SessionsEnded): void {
    if (this.cache) {
      if (ended.tokenHash) this.cache.delete(ended.tokenHash);
      if (ended.reviewerId) {
        for (const [hash, session] of this.cache.entries()) {
          if (session.reviewerId === ended.reviewerId) this.cache.delete(hash);
        }
      }
    }
    for (const listener of this.listeners) listener(ended);
  }
}
