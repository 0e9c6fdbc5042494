import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLease } from '../../src/adapters/lease/local.js';
import { RedisLease } from '../../src/adapters/lease/redis.js';
import type { Lease } from '../../src/ports.js';
import { eventually } from '../support/harness.js';
import { flushRedisPrefix, REDIS_URL, servicesAvailable, uniqueName } from '../support/services.js';

/** Each adapter opens contenders for one lease: each contender stands for one process. */
interface Adapter {
  name: string;
  open(): Promise<{ contender(): Lease; close(): Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'in-process',
    async open() {
      const lease = new LocalLease();
      return {
        contender: () => lease.contender(),
        close: async () => {},
      };
    },
  },
];
if (servicesAvailable) {
  adapters.push({
    name: 'Redis',
    async open() {
      const prefix = uniqueName('cslease');
      const connections: Redis[] = [];
      return {
        contender() {
          const redis = new Redis(REDIS_URL);
          connections.push(redis);
          return new RedisLease(redis, `${prefix}:lease:gateway:test`);
        },
        async close() {
          for (const redis of connections) redis.disconnect();
          await flushRedisPrefix(prefix);
        },
      };
    },
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(adapters)('Lease contract: $name', (adapter) => {
  let contender: () => Lease;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ contender, close } = await adapter.open());
  });
  afterAll(async () => close?.());

  it('has one holder at a time; release by the holder lets another take it', async () => {
    const [a, b, c] = [contender(), contender(), contender()];
    expect(await a.hold(60_000)).toBe(true);
    expect(await b.hold(60_000)).toBe(false);
    expect(await c.hold(60_000)).toBe(false);
    // Only the holder can release it.
    await b.release();
    expect(await c.hold(60_000)).toBe(false);
    await a.release();
    expect(await b.hold(60_000)).toBe(true);
    expect(await a.hold(60_000)).toBe(false);
    await b.release();
  });

  it('is renewed by its holder, and passes to another once the holder stops renewing', async () => {
    const [a, b] = [contender(), contender()];
    expect(await a.hold(1500)).toBe(true);
    await sleep(1000);
    expect(await a.hold(1500)).toBe(true);
    await sleep(1000);
    // Past the first period: the renewal still stands.
    expect(await b.hold(1500)).toBe(false);
    await eventually(() => b.hold(60_000), 10_000, 'the lease to expire');
    expect(await a.hold(60_000)).toBe(false);
    await b.release();
  });

  it('lets many contenders racing for a free lease produce exactly one holder, 100 times over', async () => {
    const racers = Array.from({ length: 8 }, () => contender());
    const holders: number[] = [];
    for (let round = 0; round < 100; round++) {
      const won = await Promise.all(racers.map((r) => r.hold(60_000)));
      holders.push(won.filter(Boolean).length);
      await racers[won.indexOf(true)]?.release();
    }
    expect(holders.filter((n) => n !== 1)).toEqual([]);
  });
});
