import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import type { AnalyticsClient } from '../../src/db.js';
import { DraftQueuedSubscription, DraftUpdatedSubscription, QueueRowSubscription } from '../support/documents.js';
import { expectTypename, type Subscription } from '../support/graphql.js';
import { eventually, type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];
const SUBSCRIBERS = 30;

// The web app's queue asks for a draft with its contact and deliveries: relations must not be read per subscriber.
/** Counts the analytics client's operations on Draft rows (and every operation) from now on. */
function countReads(core: { analytics: AnalyticsClient }) {
  const counts = { draftReads: 0, all: 0 };
  const original = core.analytics;
  core.analytics = original.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        counts.all += 1;
        if (model === 'Draft' && /^(find|count)/.test(operation)) counts.draftReads += 1;
        return query(args);
      },
    },
  }) as unknown as AnalyticsClient;
  return { counts, restore: () => (core.analytics = original) };
}

describe.each(modes)('a draft event reaching many subscribers (%s mode)', (mode) => {
  const app = useApp(mode);

  it(`is read from the database once per event, not once per subscriber (${SUBSCRIBERS} subscribers)`, async () => {
    const { t, admin } = app;
    const token = await t.login();
    const queued = admin.subscribe(DraftQueuedSubscription);
    const sent = await admin.execute(SandboxSendDocument, { input: { telegramUserId: '7100', text: 'Hello there' } });
    expectTypename(sent.data?.sandboxSend, 'SandboxSendSuccess');
    const draftId = (await queued.until((e) => e.draftQueued.contact.telegramUserId === '7100', 40_000)).draftQueued.id;

    const subscribers: Array<Subscription<unknown>> = [];
    for (let i = 0; i < SUBSCRIBERS; i++) {
      subscribers.push(t.as(token).subscribe(i % 2 ? DraftUpdatedSubscription : QueueRowSubscription));
    }
    // Every socket is connected and subscribed once a published event has reached all of them.
    await eventually(
      async () => {
        t.app.core.pubsub.publish('draftUpdated', { draftId });
        await new Promise((r) => setTimeout(r, 200));
        return subscribers.every((s) => s.events.length >= 1);
      },
      15_000,
      'every subscriber',
    );
    await new Promise((r) => setTimeout(r, 300));
    const before = subscribers.map((s) => s.events.length);

    const { counts, restore } = countReads(t.app.core);
    try {
      t.app.core.pubsub.publish('draftUpdated', { draftId });
      await eventually(async () => subscribers.every((s, i) => s.events.length > before[i]!), 10_000, 'the event');
    } finally {
      restore();
    }
    for (const [i, s] of subscribers.entries()) {
      expect(s.errors).toEqual([]);
      expect(s.events).toHaveLength(before[i]! + 1);
      expect((s.events.at(-1) as { draftUpdated: { id: string } }).draftUpdated.id).toBe(draftId);
    }
    // Two selections (the queue row and the bare one) and one check that the draft still exists.
    expect(counts.draftReads).toBeLessThanOrEqual(3);
    expect(counts.all).toBeLessThanOrEqual(6);
    for (const s of subscribers) s.dispose();
  });

  it('reads a topic once for all its sockets, and lets it go when the last one closes', async () => {
    const { t } = app;
    const token = await t.login();
    const { pubsub } = t.app.core;
    const subscribe = pubsub.subscribe.bind(pubsub);
    let opened = 0;
    pubsub.subscribe = ((...args: Parameters<typeof subscribe>) => {
      if (args[0] === 'draftUpdated') opened += 1;
      return subscribe(...args);
    }) as typeof subscribe;
    try {
      const sockets = Array.from({ length: 10 }, () => t.as(token).subscribe(DraftUpdatedSubscription));
      await new Promise((r) => setTimeout(r, 500));
      expect(opened).toBe(1);
      for (const s of sockets) s.dispose();
      await new Promise((r) => setTimeout(r, 300));
      // The next socket opens the topic afresh: nothing of the ten is left listening.
      const next = t.as(token).subscribe(DraftUpdatedSubscription);
      await eventually(async () => opened === 2, 5000, 'the topic to be opened again');
      next.dispose();
    } finally {
      pubsub.subscribe = subscribe;
    }
  });

  it('drops an event for a draft erased meanwhile, without an error frame', async () => {
    const { t, admin } = app;
    const updates = admin.subscribe(DraftUpdatedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    t.app.core.pubsub.publish('draftUpdated', { draftId: '00000000-0000-4000-8000-000000000000' });
    const sent = await admin.execute(SandboxSendDocument, { input: { telegramUserId: '7101', text: 'Hi' } });
    expectTypename(sent.data?.sandboxSend, 'SandboxSendSuccess');
    await updates.until((e) => e.draftUpdated.status === 'PENDING');
    expect(updates.errors).toEqual([]);
    expect(updates.events.map((e) => e.draftUpdated.id)).not.toContain('00000000-0000-4000-8000-000000000000');
    updates.dispose();
  });
});
