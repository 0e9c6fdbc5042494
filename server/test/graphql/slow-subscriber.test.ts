import { describe, expect, it } from 'vitest';
import { createMemoryPubSub } from '../../src/adapters/pubsub/memory.js';
import { bounded, MAX_BEHIND } from '../../src/graphql/schema/live.js';

describe('a subscriber that stops reading', () => {
  it('never makes publishing throw, and is ended with an error once it falls too far behind', async () => {
    const { pubsub } = createMemoryPubSub();
    const slow = bounded(pubsub.subscribe('draftUpdated'));
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
    const reader = bounded(pubsub.subscribe('draftUpdated'))[Symbol.asyncIterator]();
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
});
