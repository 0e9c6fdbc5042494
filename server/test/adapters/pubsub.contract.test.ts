import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryPubSub } from '../../src/adapters/pubsub/memory.js';
import { createRedisPubSub } from '../../src/adapters/pubsub/redis.js';
import type { PubSub } from '../../src/pubsub.js';
import { REDIS_URL, servicesAvailable } from '../support/services.js';

interface Pair {
  name: string;
  /** A publisher and a subscriber: the same instance in-process, two connections for Redis. */
  open(): { publisher: PubSub; subscriber: PubSub; close(): Promise<void> };
}

const pairs: Pair[] = [
  {
    name: 'in-process',
    open() {
      const { pubsub, close } = createMemoryPubSub();
      return { publisher: pubsub, subscriber: pubsub, close };
    },
  },
];
if (servicesAvailable) {
  pairs.push({
    name: 'Redis across two processes’ connections',
    open() {
      const a = createRedisPubSub(REDIS_URL);
      const b = createRedisPubSub(REDIS_URL);
      const close = async () => {
        await a.close();
        await b.close();
      };
      return { publisher: a.pubsub, subscriber: b.pubsub, close };
    },
  });
  pairs.push({
    name: 'Redis, publishing on a command connection (as the server does)',
    open() {
      const commands = new Redis(REDIS_URL, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
      const a = createRedisPubSub(REDIS_URL, 'cs', commands);
      const b = createRedisPubSub(REDIS_URL);
      const close = async () => {
        await a.close();
        await b.close();
        commands.disconnect();
      };
      return { publisher: a.pubsub, subscriber: b.pubsub, close };
    },
  });
}

async function take<T>(iterator: AsyncIterator<T>, count: number, timeoutMs = 3000): Promise<T[]> {
  const out: T[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    const next = await Promise.race([
      iterator.next(),
      new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, deadline - Date.now()))),
    ]);
    if (!next || next.done) break;
    out.push(next.value);
  }
  return out;
}

describe.each(pairs)('PubSub contract: $name', (pair) => {
  const { publisher, subscriber, close } = pair.open();
  afterAll(close);

  it('delivers draft events in order, carrying ids (and the time a draft was queued) only', async () => {
    const iterator = subscriber.subscribe('draftQueued')[Symbol.asyncIterator]();
    const pending = take(iterator, 3);
    await new Promise((r) => setTimeout(r, 150));
    const queuedAt = Date.now();
    for (const draftId of ['d1', 'd2', 'd3']) publisher.publish('draftQueued', { draftId, queuedAt });
    expect(await pending).toEqual([
      { draftId: 'd1', queuedAt },
      { draftId: 'd2', queuedAt },
      { draftId: 'd3', queuedAt },
    ]);
    await iterator.return?.();
  });

  it('scopes sandbox events to one Telegram user', async () => {
    const mine = subscriber.subscribe('sandboxMessage', '42')[Symbol.asyncIterator]();
    const pending = take(mine, 2, 1500);
    await new Promise((r) => setTimeout(r, 150));
    publisher.publish('sandboxMessage', '43', { messageId: 'other' });
    publisher.publish('sandboxMessage', '42', { messageId: 'm1' });
    publisher.publish('sandboxMessage', '42', { messageId: 'm2' });
    expect(await pending).toEqual([{ messageId: 'm1' }, { messageId: 'm2' }]);
    await mine.return?.();
  });
});

describe.skipIf(!servicesAvailable)('Redis pub/sub isolation', () => {
  it('keeps deployments with different REDIS_PREFIX apart on one Redis', async () => {
    const a = createRedisPubSub(REDIS_URL, 'deployment-a');
    const a2 = createRedisPubSub(REDIS_URL, 'deployment-a');
    const b = createRedisPubSub(REDIS_URL, 'deployment-b');
    try {
      const heardByB = b.pubsub.subscribe('draftQueued')[Symbol.asyncIterator]();
      const heardByA2 = a2.pubsub.subscribe('draftQueued')[Symbol.asyncIterator]();
      const pendingB = take(heardByB, 1, 1000);
      const pendingA2 = take(heardByA2, 1, 3000);
      await new Promise((r) => setTimeout(r, 150));
      a.pubsub.publish('draftQueued', { draftId: 'only-for-a', queuedAt: 1 });
      expect(await pendingA2).toEqual([{ draftId: 'only-for-a', queuedAt: 1 }]);
      expect(await pendingB).toEqual([]);
      await heardByB.return?.();
      await heardByA2.return?.();
    } finally {
      await Promise.all([a.close(), a2.close(), b.close()]);
    }
  });
});

describe('Redis pub/sub while Redis cannot be reached', () => {
  // Port 1 refuses every connection: each command fails once its retries (one here) are spent.
  const UNREACHABLE = 'redis://127.0.0.1:1';

  it.each([
    ['a connection of its own', () => createRedisPubSub(UNREACHABLE, 'cs')],
    [
      'the command connection',
      () => createRedisPubSub(UNREACHABLE, 'cs', new Redis(UNREACHABLE, { maxRetriesPerRequest: 1 })),
    ],
  ])(
    'publishing on %s, drops the event and keeps the subscription waiting, with no failure left unhandled',
    async (_name, open) => {
      const unhandled: unknown[] = [];
      const listener = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', listener);
      const { pubsub, close } = open();
      try {
        // A subscription begun meanwhile (SUBSCRIBE, then UNSUBSCRIBE when it ends), and an event published.
        const listening = pubsub.subscribe('draftUpdated')[Symbol.asyncIterator]();
        const next = listening.next();
        expect(() => pubsub.publish('draftQueued', { draftId: 'lost', queuedAt: 1 })).not.toThrow();
        // Long enough for the retries to be spent and a command to fail (a few hundred milliseconds).
        await new Promise((r) => setTimeout(r, 1500));
        await listening.return?.();
        await next;
        await close();
        await new Promise((r) => setTimeout(r, 100));
        expect(unhandled.map(String)).toEqual([]);
      } finally {
        process.off('unhandledRejection', listener);
        await close();
      }
    },
  );
});
