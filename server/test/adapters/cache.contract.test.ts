import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/adapters/cache/memory.js';
import { RedisCache } from '../../src/adapters/cache/redis.js';
import type { Cache } from '../../src/ports.js';
import { flushRedisPrefix, REDIS_URL, servicesAvailable, uniqueName } from '../support/services.js';

const adapters: Array<{ name: string; open(): { cache: Cache; close(): Promise<void> } }> = [
  { name: 'in-process', open: () => ({ cache: new MemoryCache(), close: async () => {} }) },
];
if (servicesAvailable) {
  adapters.push({
    name: 'Redis',
    open() {
      const redis = new Redis(REDIS_URL);
      const prefix = uniqueName('cscache');
      return {
        cache: new RedisCache(redis, prefix),
        close: async () => {
          redis.disconnect();
          await flushRedisPrefix(prefix);
        },
      };
    },
  });
}

describe.each(adapters)('Cache contract: $name', ({ open }) => {
  const { cache, close } = open();
  afterAll(close);

  it('returns a copy of what was set until it expires or is deleted', async () => {
    const value = { turns: [{ role: 'user', text: 'hi' }] };
    await cache.set('a', value, 60_000);
    value.turns.push({ role: 'user', text: 'changed after set' });
    expect(await cache.get('a')).toEqual({ turns: [{ role: 'user', text: 'hi' }] });
    await cache.delete('a');
    expect(await cache.get('a')).toBeNull();
    await cache.set('b', 1, 100);
    await new Promise((r) => setTimeout(r, 200));
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('never-set')).toBeNull();
  });
});
