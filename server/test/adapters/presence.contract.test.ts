import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryPresence } from '../../src/adapters/presence/memory.js';
import { RedisPresence } from '../../src/adapters/presence/redis.js';
import type { PresenceStore } from '../../src/ports.js';
import { flushRedisPrefix, REDIS_URL, servicesAvailable, uniqueName } from '../support/services.js';

/** Each adapter opens stores that share one state: each store stands for one API process. */
interface Adapter {
  name: string;
  open(): { store(): PresenceStore; close(): Promise<void> };
}

const adapters: Adapter[] = [
  {
    name: 'in-process',
    open() {
      const store = new MemoryPresence();
      return { store: () => store, close: async () => {} };
    },
  },
];
if (servicesAvailable) {
  adapters.push({
    name: 'Redis',
    open() {
      const prefix = uniqueName('cspresence');
      const connections: Redis[] = [];
      return {
        store() {
          const redis = new Redis(REDIS_URL);
          connections.push(redis);
          return new RedisPresence(redis, prefix);
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
const ana = { reviewerId: randomUUID(), displayName: 'Ana', editing: true };
const ben = { reviewerId: randomUUID(), displayName: 'Ben', editing: false };
const names = (viewers: Array<{ displayName: string }> | null) => viewers?.map((v) => v.displayName).sort() ?? null;

describe.each(adapters)('presence store contract ($name)', (adapter) => {
  const opened = adapter.open();
  afterAll(() => opened.close());
  const one = opened.store();
  const other = opened.store();

  it('answers a touch with the viewers only when it changes what is shown', async () => {
    const draftId = randomUUID();
    expect(names(await one.touch(draftId, ana, 5000))).toEqual(['Ana']);
    expect(await one.touch(draftId, ana, 5000)).toBeNull();
    expect(names(await other.touch(draftId, ben, 5000))).toEqual(['Ana', 'Ben']);
    expect(await other.touch(draftId, { ...ana, editing: false }, 5000)).toEqual(
      expect.arrayContaining([{ ...ana, editing: false }]),
    );
    const listed = (await one.list()).find((d) => d.draftId === draftId);
    expect(names(listed?.viewers ?? null)).toEqual(['Ana', 'Ben']);
  });

  it('answers a leave with the viewers left, once', async () => {
    const draftId = randomUUID();
    await one.touch(draftId, ana, 5000);
    await one.touch(draftId, ben, 5000);
    expect(names(await other.leave(draftId, ben.reviewerId))).toEqual(['Ana']);
    expect(await one.leave(draftId, ben.reviewerId)).toBeNull();
    expect(await one.leave(draftId, ana.reviewerId)).toEqual([]);
    expect((await one.list()).find((d) => d.draftId === draftId)).toBeUndefined();
  });

  it('expires an entry without heartbeats, reported by exactly one of the sweeping stores', async () => {
    const draftId = randomUUID();
    await one.touch(draftId, ana, 300);
    await one.touch(draftId, ben, 60_000);
    await sleep(150);
    expect(await one.sweep()).toEqual([]);
    await sleep(250);
    // Seen as gone at once, even before a sweep.
    expect(names((await other.list()).find((d) => d.draftId === draftId)?.viewers ?? null)).toEqual(['Ben']);
    const swept = await Promise.all([one.sweep(), other.sweep(), one.sweep()]);
    const reports = swept.flat().filter((d) => d.draftId === draftId);
    expect(reports).toEqual([{ draftId, viewers: [ben] }]);
    // A heartbeat after expiry shows the viewer again.
    expect(names(await other.touch(draftId, ana, 5000))).toEqual(['Ana', 'Ben']);
  });
});
