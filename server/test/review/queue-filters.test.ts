import { describe, expect, it } from 'vitest';
import { ReviewQueueDocument, type ReviewQueueQueryVariables } from '../../../client/src/gql/graphql.js';
import type { AnalyticsClient } from '../../src/db.js';
import { FilteredDraftQueuedSubscription } from '../support/documents.js';
import type { Subscription } from '../support/graphql.js';
import { addReviewer, eventually, type Mode, SECOND, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

type Row = {
  name: string;
  customerStatus: 'PROSPECT' | 'CUSTOMER' | 'LEAD_QUALIFIED';
  status: 'PENDING' | 'CLAIMED' | 'FAILED' | 'APPROVED' | 'REJECTED';
  safety: 'approve' | 'review' | 'flag' | null;
  claimedBy?: 'admin' | 'second';
  priority?: number;
};

/** The queue a reviewer sees, one draft per person (inboundText is the person's name). */
const ROWS: Row[] = [
  { name: 'pending-ok-prospect', customerStatus: 'PROSPECT', status: 'PENDING', safety: 'approve' },
  { name: 'pending-flag-customer', customerStatus: 'CUSTOMER', status: 'PENDING', safety: 'flag' },
  {
    name: 'claimed-by-admin-review',
    customerStatus: 'LEAD_QUALIFIED',
    status: 'CLAIMED',
    safety: 'review',
    claimedBy: 'admin',
  },
  {
    name: 'claimed-by-second-flag',
    customerStatus: 'PROSPECT',
    status: 'CLAIMED',
    safety: 'flag',
    claimedBy: 'second',
  },
  { name: 'failed', customerStatus: 'CUSTOMER', status: 'FAILED', safety: null },
  { name: 'undelivered-ok', customerStatus: 'CUSTOMER', status: 'APPROVED', safety: 'approve', priority: 1 },
  { name: 'rejected-flag', customerStatus: 'PROSPECT', status: 'REJECTED', safety: 'flag' },
];

/** Counts the analytics client's reads of Draft rows from now on. */
function countDraftReads(core: { analytics: AnalyticsClient }) {
  const counts = { draftReads: 0 };
  const original = core.analytics;
  core.analytics = original.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        if (model === 'Draft' && /^(find|count)/.test(operation)) counts.draftReads += 1;
        return query(args);
      },
    },
  }) as unknown as AnalyticsClient;
  return { counts, restore: () => (core.analytics = original) };
}

describe.each(modes)('the review queue, filtered (%s mode)', (mode) => {
  const ids = new Map<string, string>();
  const app = useApp(mode, {}, async (t) => {
    const second = await addReviewer(t);
    const admin = await t.app.core.analytics.reviewer.findFirstOrThrow({ where: { role: 'ADMIN' } });
    const expires = new Date(Date.now() + 3_600_000);
    for (const [i, row] of ROWS.entries()) {
      const contact = await t.app.core.analytics.contact.create({
        data: {
          account: 'sandbox',
          telegramUserId: String(8000 + i),
          displayName: row.name,
          customerStatus: row.customerStatus,
        },
      });
      const draft = await t.app.core.analytics.draft.create({
        data: {
          contactId: contact.id,
          status: row.status,
          inboundText: row.name,
          priority: row.priority ?? 0,
          queueAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
          safety: row.safety ? { risk: 0, recommendation: row.safety, findings: [] } : undefined,
          claimedById: row.claimedBy === 'admin' ? admin.id : row.claimedBy === 'second' ? second.id : null,
          claimExpiresAt: row.claimedBy ? expires : null,
        },
      });
      ids.set(row.name, draft.id);
    }
  });
  const nameOf = (id: string) => [...ids].find(([, v]) => v === id)?.[0];

  async function queue(filter: Omit<ReviewQueueQueryVariables, 'first'>, as = app.admin) {
    const result = await as.execute(ReviewQueueDocument, { first: 50, ...filter });
    expect(result.errors).toBeUndefined();
    return result.data!.reviewQueue.edges.map((e) => nameOf(e.node.id)).sort();
  }

  it('keeps the whole queue without filters', async () => {
    expect(await queue({})).toEqual(
      [
        'claimed-by-admin-review',
        'claimed-by-second-flag',
        'failed',
        'pending-flag-customer',
        'pending-ok-prospect',
        'undelivered-ok',
      ].sort(),
    );
  });

  it('filters by draft status, safety recommendation and customer status, each list narrowing', async () => {
    expect(await queue({ status: ['PENDING'] })).toEqual(['pending-flag-customer', 'pending-ok-prospect']);
    expect(await queue({ status: ['FAILED', 'APPROVED'] })).toEqual(['failed', 'undelivered-ok']);
    // A rejected draft is not in the queue, whatever the filter asks for.
    expect(await queue({ status: ['REJECTED'] })).toEqual([]);
    expect(await queue({ safety: ['flag'] })).toEqual(['claimed-by-second-flag', 'pending-flag-customer']);
    expect(await queue({ safety: ['approve', 'review'] })).toEqual([
      'claimed-by-admin-review',
      'pending-ok-prospect',
      'undelivered-ok',
    ]);
    expect(await queue({ customerStatus: ['CUSTOMER'] })).toEqual([
      'failed',
      'pending-flag-customer',
      'undelivered-ok',
    ]);
    expect(await queue({ customerStatus: ['CUSTOMER'], safety: ['flag'], status: ['PENDING'] })).toEqual([
      'pending-flag-customer',
    ]);
  });

  it('"claimed by me" shows the drafts the asking reviewer holds', async () => {
    expect(await queue({ claimedByMe: true })).toEqual(['claimed-by-admin-review']);
    const second = app.t.as(await app.t.login(SECOND.email, SECOND.password));
    expect(await queue({ claimedByMe: true }, second)).toEqual(['claimed-by-second-flag']);
    expect(await queue({ claimedByMe: false }, second)).toHaveLength(6);
  });

  it('refuses a value that is not a filter with a validation error, not a 500', async () => {
    const result = await app.admin.execute(ReviewQueueDocument, {
      first: 5,
      safety: ['dangerous' as 'flag'],
    });
    expect(result.errors?.[0]?.message).toMatch(/SafetyRecommendation/);
  });

  it('sends new drafts live only to the subscribers whose filters they pass, reading each once', async () => {
    const { t } = app;
    const token = await t.login();
    const secondToken = await t.login(SECOND.email, SECOND.password);
    const subscribers: Array<[string, Subscription<{ draftQueued: { id: string } }>]> = [];
    for (let i = 0; i < 3; i++) {
      subscribers.push(['flag', t.as(token).subscribe(FilteredDraftQueuedSubscription, { safety: ['flag'] })]);
      subscribers.push([
        'customers',
        t.as(token).subscribe(FilteredDraftQueuedSubscription, { customerStatus: ['CUSTOMER'] }),
      ]);
      subscribers.push(['mine (admin)', t.as(token).subscribe(FilteredDraftQueuedSubscription, { claimedByMe: true })]);
      subscribers.push([
        'mine (second)',
        t.as(secondToken).subscribe(FilteredDraftQueuedSubscription, { claimedByMe: true }),
      ]);
      subscribers.push(['all', t.as(token).subscribe(FilteredDraftQueuedSubscription)]);
    }
    const publish = (name: string) =>
      t.app.core.pubsub.publish('draftQueued', { draftId: ids.get(name)!, queuedAt: Date.now() });
    // Subscribed once an event has reached every unfiltered subscriber.
    await eventually(
      async () => {
        publish('pending-ok-prospect');
        await new Promise((r) => setTimeout(r, 200));
        return subscribers.every(([kind, s]) => kind !== 'all' || s.events.length > 0);
      },
      15_000,
      'every subscriber',
    );
    await new Promise((r) => setTimeout(r, 300));
    for (const [, s] of subscribers) s.events.length = 0;

    const { counts, restore } = countDraftReads(t.app.core);
    try {
      for (const name of ['pending-flag-customer', 'claimed-by-admin-review', 'claimed-by-second-flag']) publish(name);
      await eventually(
        async () => subscribers.every(([kind, s]) => kind !== 'all' || s.events.length === 3),
        10_000,
        'the events',
      );
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      restore();
    }
    const seen = (kind: string) =>
      subscribers.filter(([k]) => k === kind).map(([, s]) => s.events.map((e) => nameOf(e.draftQueued.id)));
    expect(seen('flag')).toEqual(Array(3).fill(['pending-flag-customer', 'claimed-by-second-flag']));
    expect(seen('customers')).toEqual(Array(3).fill(['pending-flag-customer']));
    expect(seen('mine (admin)')).toEqual(Array(3).fill(['claimed-by-admin-review']));
    expect(seen('mine (second)')).toEqual(Array(3).fill(['claimed-by-second-flag']));
    for (const [, s] of subscribers) expect(s.errors).toEqual([]);
    // Per event: the check that it exists, the row the filters read, the row in each selection. Not per subscriber.
    expect(counts.draftReads).toBeLessThanOrEqual(3 * 3);
    for (const [, s] of subscribers) s.dispose();
  });
});
