import type { Cache } from '../../ports.js';

/** Embedded mode: one process, so a Map with expiry times is the whole cache. */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, { value: string; expires: number }>();

  async get<T>(key: string): Promise<T | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    // Stored as JSON so callers get a copy, exactly as from Redis.
    return JSON.parse(entry.value) as T;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    this.entries.set(key, { value: JSON.stringify(value), expires: Date.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
