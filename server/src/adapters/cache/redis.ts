import type { Redis } from 'ioredis';
import type { Cache } from '../../ports.js';

/** Services mode: shared by every process, so a write anywhere invalidates it everywhere. */
export class RedisCache implements Cache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get<T>(key: string): Promise<T | null> {
    const raw = await this.redis.get(`${this.prefix}:cache:${key}`);
    return raw === null ? null : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.prefix}:cache:${key}`, JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}:cache:${key}`);
  }
}
