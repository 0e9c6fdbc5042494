import type { AttemptLimiter, AttemptReservation, AttemptWindow } from '../../ports.js';

/** Embedded mode: the windows of this one process, pruned as they are read. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  /** Per key, the attempts still in the window: id and time, oldest first. */
  private readonly attempts = new Map<string, Array<{ id: string; at: number }>>();

  constructor(private readonly now: () => number = Date.now) {}

  async reserve(id: string, windows: AttemptWindow[], windowMs: number): Promise<AttemptReservation> {
    const now = this.now();
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
}
