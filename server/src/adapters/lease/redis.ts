import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Lease } from '../../ports.js';

const HOLD = `
local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
elseif holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** A Redis key with a TTL, owned by a random token; a holder that stops renewing loses it. */
export class RedisLease implements Lease {
  private readonly token = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  async hold(ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(HOLD, 1, this.key, this.token, ttlMs)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }
}
