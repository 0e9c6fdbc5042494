import { describe, expect, it } from 'vitest';
import { createMemoryPubSub } from '../../src/adapters/pubsub/memory.js';
import { MAX_BEHIND, sharedEvents } from '../../src/graphql/schema/live.js';
import type { PubSub } from '../../src/pubsub.js';

const updates = (pubsub: PubSub) => sharedEvents(pubsub, 'draftUpdated', () => pubsub.subscribe('draftUpdated'));

describe('a subscriber that stops reading', () => {
  it('never makes publishing throw, and is ended with an error once it falls too far behind', async () => {
    const { pubsub } = createMemoryPubSub();
    const slow = updates(pubsub);
    const reader = slow[Symbol.asyncIterator]();
    // The first read starts the subscription; after it the reader stalls.
    const first = reader.next();
    pubsub.publish('draftUpdated', { draftId: 'event-0' });
    expect((await first).value).toEqual({ draftId: 'event-0' });

    // Without the bound, pub/sub's own buffer threw RepeaterOverflowError from publish at 1,024 waiting events.
    for (let i = 1; i <= 3 * MAX_BEHIND; i++) {
      expect(() => pubsub.publish('draftUpdated', { draftId: `event-${i}` })).not.toThrow();
      if (i % 100 === 0) await new Promise((r) => setImmediate(r));
    }

    const received: string[] = [];
    await expect(
      (async () => {
        for (;;) {
          const next = await reader.next();
          if (next.done) return 'ended';
          received.push(next.value.draftId);
        }
      })(),
    ).rejects.toMatchObject({ extensions: { code: 'SUBSCRIPTION_BEHIND' } });
    // What it had waiting arrives in order before the error (Repeater settles the push made as it stops).
    expect(received.length).toBeGreaterThanOrEqual(MAX_BEHIND - 1);
    expect(received.length).toBeLessThanOrEqual(MAX_BEHIND);
    expect(received).toEqual(received.map((_, i) => `event-${i + 1}`));
  });

  it('passes every event to a subscriber that keeps up', async () => {
    const { pubsub } = createMemoryPubSub();
    const reader = updates(pubsub)[Symbol.asyncIterator]();
    const first = reader.next();
    await new Promise((r) => setImmediate(r));
    const received: string[] = [];
    for (let i = 0; i < 3 * MAX_BEHIND; i++) {
      pubsub.publish('draftUpdated', { draftId: `event-${i}` });
      const next = await (i === 0 ? first : reader.next());
      received.push(next.value.draftId);
    }
    expect(received).toHaveLength(3 * MAX_BEHIND);
    await reader.return?.();
  });

  it('reads the topic once for every subscriber, checks each event once, and lets a fast one past a stalled one', async () => {
    const { pubsub } = createMemoryPubSub();
    let subscriptions = 0;
    const checked: string[] = [];
    const open = () => {
      subscriptions += 1;
      return pubsub.subscribe('draftUpdated');
    };
    // Odd events are dropped by the check (as an erased draft's are).
    const keep = async (e: { draftId: string }) => {
      checked.push(e.draftId);
      return Number(e.draftId.split('-')[1]) % 2 === 0;
    };
    const stalled = sharedEvents(pubsub, 'draftUpdated', open, keep)[Symbol.asyncIterator]();
    const fast = sharedEvents(pubsub, 'draftUpdated', open, keep)[Symbol.asyncIterator]();
    const firstOfStalled = stalled.next();
    const received: string[] = [];
    const reading = (async () => {
      for (;;) {
        const next = await fast.next();
        if (next.done) return;
        received.push(next.value.draftId);
        if (received.length === 50) return;
      }
    })();
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 100; i++) pubsub.publish('draftUpdated', { draftId: `event-${i}` });
    await reading;
    expect(subscriptions).toBe(1);
    expect(checked).toEqual(Array.from({ length: 100 }, (_, i) => `event-${i}`));
    expect(received).toEqual(Array.from({ length: 50 }, (_, i) => `event-${2 * i}`));
    expect((await firstOfStalled).value).toEqual({ draftId: 'event-0' });

    // The last subscriber gone, the topic is closed; the next one opens it again and hears new events only.
    await stalled.return?.();
    await fast.return?.();
    const later = sharedEvents(pubsub, 'draftUpdated', open, keep)[Symbol.asyncIterator]();
    const next = later.next();
    await new Promise((r) => setImmediate(r));
    pubsub.publish('draftUpdated', { draftId: 'event-200' });
    expect((await next).value).toEqual({ draftId: 'event-200' });
    expect(subscriptions).toBe(2);
    await later.return?.();
  });
});
