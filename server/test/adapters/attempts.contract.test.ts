import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryAttemptLimiter } from '../../src/adapters/attempts/memory.js';
import { RedisAttemptLimiter } from '../../src/adapters/attempts/redis.js';
import type { AttemptLimiter } from '../../src/ports.js';
import { flushRedisPrefix, REDIS_URL, servicesAvailable, uniqueName } from '../support/services.js';

/** Each adapter opens limiters that share one store: each limiter stands for one process. */
interface Adapter {
  name: string;
  open(): { limiter(): AttemptLimiter; close(): Promise<void> };
}

const adapters: Adapter[] = [
  {
    name: 'in-process',
    open() {
      const limiter = new MemoryAttemptLimiter();
      return { limiter: () => limiter, close: async () => {} };
    },
  },
];
if (servicesAvailable) {
  adapters.push({
    name: 'Redis',
    open() {
      const prefix = uniqueName('csattempts');
      const connections: Redis[] = [];
      return {
        limiter() {
          const redis = new Redis(REDIS_URL);
          connections.push(redis);
          return new RedisAttemptLimiter(redis, prefix);
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

describe.each(adapters)('AttemptLimiter contract: $name', (adapter) => {
  const opened: Array<{ close(): Promise<void> }> = [];
  const open = () => {
    const store = adapter.open();
    opened.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of opened) await store.close();
  });

  it('reserves up to the limit, then refuses and says for how long', async () => {
    const limiter = open().limiter();
    const windows = [{ key: 'account:a', limit: 3 }];
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await limiter.reserve(randomUUID(), windows, 60_000));
    expect(answers.slice(0, 3)).toEqual([
      { reserved: true, remaining: [2] },
      { reserved: true, remaining: [1] },
      { reserved: true, remaining: [0] },
    ]);
    const refused = answers[3]!;
    expect(refused.reserved).toBe(false);
    if (!refused.reserved) expect(refused.retryAfterMs).toBeGreaterThan(55_000);
  });

  it('counts parallel attempts from several processes exactly once each', async () => {
    const store = open();
    const limiters = [store.limiter(), store.limiter(), store.limiter()];
    const windows = [{ key: 'account:b', limit: 5 }];
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => limiters[i % 3]!.reserve(randomUUID(), windows, 60_000)),
    );
    expect(answers.filter((a) => a.reserved)).toHaveLength(5);
  });

  it('reserves under every window or none: a full address window holds the account back too', async () => {
    const limiter = open().limiter();
    await limiter.reserve(randomUUID(), [{ key: 'address:1', limit: 1 }], 60_000);
    const refused = await limiter.reserve(
      randomUUID(),
      [
        { key: 'account:c', limit: 5 },
        { key: 'address:1', limit: 1 },
      ],
      60_000,
    );
    expect(refused.reserved).toBe(false);
    const account = await limiter.reserve(randomUUID(), [{ key: 'account:c', limit: 5 }], 60_000);
    expect(account).toEqual({ reserved: true, remaining: [4] });
  });

  it('slides: attempts leave the window as it passes', async () => {
    const limiter = open().limiter();
    const windows = [{ key: 'account:d', limit: 2 }];
    await limiter.reserve(randomUUID(), windows, 400);
    await sleep(200);
    await limiter.reserve(randomUUID(), windows, 400);
    const refused = await limiter.reserve(randomUUID(), windows, 400);
    expect(refused.reserved).toBe(false);
    if (!refused.reserved) expect(refused.retryAfterMs).toBeLessThanOrEqual(250);
    await sleep(250);
    expect((await limiter.reserve(randomUUID(), windows, 400)).reserved).toBe(true);
  });

  it('release takes one attempt back; clear forgets a key', async () => {
    const limiter = open().limiter();
    const windows = [
      { key: 'account:e', limit: 2 },
      { key: 'address:2', limit: 2 },
    ];
    const id = randomUUID();
    await limiter.reserve(id, windows, 60_000);
    await limiter.reserve(randomUUID(), windows, 60_000);
    await limiter.release(id, ['account:e', 'address:2']);
    expect(await limiter.reserve(randomUUID(), windows, 60_000)).toEqual({ reserved: true, remaining: [0, 0] });
    await limiter.clear('account:e');
    expect(await limiter.reserve(randomUUID(), [{ key: 'account:e', limit: 2 }], 60_000)).toEqual({
      reserved: true,
      remaining: [1],
    });
  });
});

describe('the embedded attempt limiter under a flood of made-up emails', () => {
  it('forgets keys whose attempts have left the window', async () => {
    let now = 1_000_000;
    const limiter = new MemoryAttemptLimiter(() => now);
    const windowMs = 15 * 60_000;
    for (let i = 0; i < 20_000; i++) {
      await limiter.reserve(`a${i}`, [{ key: `account:nobody-${i}@example.com`, limit: 5 }], windowMs);
      now += 1000;
    }
    // 20,000 keys were tried over 20,000 s; at most the last window's 900 (plus one sweep period) remain.
    expect(limiter.size).toBeLessThanOrEqual(900 + 1000);
    expect(limiter.size).toBeGreaterThan(0);
  });
});
