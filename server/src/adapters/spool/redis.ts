import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { InboundMessage, InboundSpool, SpooledMessage } from '../../ports.js';
import { parseEntry } from './revive.js';

// Pops the head only if it is still the entry that was stored: never pop before processing.
const REMOVE_HEAD = `
local head = redis.call('LINDEX', KEYS[1], 0)
if head and cjson.decode(head).id == ARGV[1] then redis.call('LPOP', KEYS[1]) return 1 end
return 0`;

/** The spool as a Redis list (services mode): shared by the gateways of a deployment, as durable as Redis is. */
export class RedisSpool implements InboundSpool {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  async append(message: InboundMessage): Promise<void> {
    await this.redis.rpush(this.key, JSON.stringify({ id: randomUUID(), message }));
  }

  async peek(limit: number): Promise<SpooledMessage[]> {
    return (await this.redis.lrange(this.key, 0, limit - 1)).map(parseEntry);
  }

  async removeHead(id: string): Promise<void> {
    await this.redis.eval(REMOVE_HEAD, 1, this.key, id);
  }

  size(): Promise<number> {
    return this.redis.llen(this.key);
  }

  async close(): Promise<void> {}
}
