import { LRUCache } from 'lru-cache';
import type { Cache } from '../../ports.js';

export interface MemoryCacheLimits {
  /** Entries kept at most; the least recently used go first. */
  maxEntries?: number;
  /** Bytes of stored JSON kept at most. */
  maxBytes?: number;
}

/**
 * Embedded mode: one process, so an in-memory LRU is the whole cache. Bounded by entries and bytes,
 * and expired entries are purged on their own, so keys that are never read again do not pile up.
 */
export class MemoryCache implements Cache {
  private readonly entries: LRUCache<string, string>;

  constructor({ maxEntries = 10_000, maxBytes = 64 * 1024 * 1024 }: MemoryCacheLimits = {}) {
    this.entries = new LRUCache<string, string>({
      max: maxEntries,
      maxSize: maxBytes,
      sizeCalculation: (value) => Math.max(1, value.length),
      ttlAutopurge: true,
    });
  }

  /** Entries held right now. */
  get size(): number {
    return this.entries.size;
  }

  async get<T>(key: string): Promise<T | null> {
    const value = this.entries.get(key);
    // Stored as JSON so callers get a copy, exactly as from Redis.
    return value === undefined ? null : (JSON.parse(value) as T);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    this.entries.set(key, JSON.stringify(value), { ttl: Math.max(1, Math.round(ttlMs)) });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
