import type { AttemptLimiter, AttemptReservation, AttemptWindow } from '../../ports.js';

/** Every this many reservations, keys whose attempts have all left the window are dropped. */
const SWEEP_EVERY = 1000;

/**
 * Embedded mode: the windows of this one process, pruned as they are read, and swept now and then, so keys
 * tried once (a flood of made-up emails) do not stay for the life of the process.
 */
export class MemoryAttemptLimiter implements AttemptLimiter {
  /** Per key, the attempts still in the window: id and time, oldest first. */
  private readonly attempts = new Map<string, Array<{ id: string; at: number }>>();
  private reservations = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** How many keys are held (for tests). */
  get size(): number {
    return this.attempts.size;
  }

  async reserve(id: string, windows: AttemptWindow[], windowMs: number): Promise<AttemptReservation> {
    const now = this.now();
    if (++this.reservations % SWEEP_EVERY === 0) this.sweep(now - windowMs);
    let retryAfterMs = 0;
    const lists = windows.map(({ key, limit }) => {
      const list = (this.attempts.get(key) ?? []).filter((a) => a.at > now - windowMs);
      if (list.length >= limit) {
        // A slot frees when enough of the oldest attempts leave the window.
        retryAfterMs = Math.max(retryAfterMs, list[list.length - limit]!.at + windowMs - now);
      }
      return list;
    });
    if (retryAfterMs > 0) return { reserved: false, retryAfterMs };
    windows.forEach(({ key }, i) => {
      lists[i]!.push({ id, at: now });
      this.attempts.set(key, lists[i]!);
    });
    return { reserved: true, remaining: windows.map(({ limit }, i) => limit - lists[i]!.length) };
  }

  async release(id: string, keys: string[]): Promise<void> {
    for (const key of keys) {
      const list = this.attempts.get(key)?.filter((a) => a.id !== id);
      if (list?.length) this.attempts.set(key, list);
      else this.attempts.delete(key);
    }
  }

  async clear(key: string): Promise<void> {
    this.attempts.delete(key);
  }

  private sweep(before: number): void {
    for (const [key, list] of this.attempts) {
      if ((list.at(-1)?.at ?? 0) <= before) this.attempts.delete(key);
    }
  }
}
