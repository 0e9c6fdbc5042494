import type { Redis } from 'ioredis';
import type { AttemptLimiter, AttemptReservation, AttemptWindow } from '../../ports.js';

/**
 * Checks every window and, only when none is full, adds the attempt to all of them, in one step.
 * KEYS: one sorted set per window (member: attempt id, score: milliseconds). ARGV: window length,
 * attempt id, then the limit of each key. Redis's own clock dates the attempts, so processes agree.
 * Returns {0, retryAfterMs} when refused, or {1, remaining...} when reserved.
 */
const RESERVE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
local wait = 0
local counts = {}
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  local limit = tonumber(ARGV[i + 2])
  counts[i] = count
  if count >= limit then
    local freeing = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local at = tonumber(freeing[2]) + window - now
    if at > wait then wait = at end
  end
end
if wait > 0 then return {0, wait} end
local answer = {1}
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, window)
  answer[i + 1] = tonumber(ARGV[i + 2]) - counts[i] - 1
end
return answer`;

/** Services mode: a sorted set per account and per address, shared by every process of the deployment. */
export class RedisAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(key: string): string {
    return `${this.prefix}:attempts:${key}`;
  }

  async reserve(id: string, windows: AttemptWindow[], windowMs: number): Promise<AttemptReservation> {
    const keys = windows.map((w) => this.key(w.key));
    const limits = windows.map((w) => w.limit);
    const [reserved, ...rest] = (await this.redis.eval(
      RESERVE,
      keys.length,
      ...keys,
      Math.ceil(windowMs),
      id,
      ...limits,
    )) as number[];
    return reserved === 1 ? { reserved: true, remaining: rest } : { reserved: false, retryAfterMs: rest[0]! };
  }

  async release(id: string, keys: string[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.zrem(this.key(key), id);
    await pipeline.exec();
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }
}
