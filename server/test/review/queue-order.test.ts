import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { CustomerStatus } from '../../src/db.js';
import { failDelivery } from '../../src/delivery/deliver.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { queueAt } from '../../src/review/order.js';
import { ApproveDraftMutation, QueueOrderQuery } from '../support/documents.js';
import type { TestClient } from '../support/graphql.js';
import { eventually, useApp } from '../support/harness.js';

describe('the review queue order', () => {
  let core: Core;
  let admin: TestClient;

  /** A person of the given status writes; resolves once their draft waits in the queue. */
  async function drafted(telegramUserId: string, customerStatus: CustomerStatus) {
    await core.analytics.contact.create({
      data: { account: 'sandbox', telegramUserId, displayName: `Person ${telegramUserId}`, customerStatus },
    });
    await sandboxSend(core, { telegramUserId, text: `Hello from ${telegramUserId}` });
    return eventually(
      () => core.analytics.draft.findFirst({ where: { contact: { telegramUserId }, status: 'PENDING' } }),
      15_000,
      `a pending draft for ${telegramUserId}`,
    );
  }

  useApp('embedded', {}, async (t) => {
    core = t.app.core;
    admin = t.as(await t.login());
  });

  it('puts undeliverable replies first, then raises customers and qualified leads ahead of older prospects', async () => {
    const undeliverable = await drafted('6000', 'PROSPECT');
    await drafted('6001', 'PROSPECT');
    await drafted('6002', 'LEAD_QUALIFIED');
    await drafted('6003', 'CUSTOMER');
    await drafted('6004', 'PROSPECT');
    const approved = await admin.execute(ApproveDraftMutation, {
      input: { draftId: undeliverable.id, bubbles: ['Hi!'], claim: true },
    });
    expect(approved.data?.approveDraft.__typename).toBe('ApproveDraftSuccess');
    await eventually(
      async () =>
        (await core.analytics.outboxBubble.count({ where: { draftId: undeliverable.id, status: 'SENT' } })) > 0,
      15_000,
      'the reply to be sent',
    );
    // Telegram refuses a later resend: the approved reply needs a person again.
    await core.analytics.outboxBubble.updateMany({ where: { draftId: undeliverable.id }, data: { status: 'QUEUED' } });
    await failDelivery(core, undeliverable.id, 'Telegram refused the message');

    const queue = await admin.execute(QueueOrderQuery);
    expect(queue.data?.reviewQueue.edges.map((e) => [e.node.contact.telegramUserId, e.node.status])).toEqual([
      ['6000', 'APPROVED'],
      ['6003', 'PENDING'],
      ['6002', 'PENDING'],
      ['6001', 'PENDING'],
      ['6004', 'PENDING'],
    ]);
  });

  it('lets waiting time overtake the head start, so no draft starves', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const prospect31MinutesAgo = queueAt(new Date(now.getTime() - 31 * 60_000), 'PROSPECT');
    const prospect29MinutesAgo = queueAt(new Date(now.getTime() - 29 * 60_000), 'PROSPECT');
    const customerNow = queueAt(now, 'CUSTOMER');
    expect(prospect31MinutesAgo < customerNow).toBe(true);
    expect(prospect29MinutesAgo > customerNow).toBe(true);
    expect(queueAt(new Date(now.getTime() - 16 * 60_000), 'PROSPECT') < queueAt(now, 'LEAD_QUALIFIED')).toBe(true);
  });
});
