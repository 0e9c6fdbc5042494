import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { Reviewer } from '../../src/db.js';
import { deliverDraft } from '../../src/delivery/deliver.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { approveDraft, claimDraft } from '../../src/review/review.js';
import { addReviewer, eventually, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

/** The SQL statements (and transactions) one operation sends to PostgreSQL, over every pool of the process. */
interface Tally {
  statements: string[];
  transactions: number;
}

const scope = new AsyncLocalStorage<Tally>();
const original = pg.Client.prototype.query;

/** Every statement a pg client sends while `work` runs is counted in its tally: a round trip each. */
async function tally(work: () => Promise<unknown>): Promise<Tally> {
  const counted: Tally = { statements: [], transactions: 0 };
  await scope.run(counted, work);
  return counted;
}

const TX_CONTROL = /^(BEGIN|COMMIT|ROLLBACK)\b/i;

/** The statements besides BEGIN / COMMIT, shortened for a readable failure. */
const work = (t: Tally) =>
  t.statements.filter((s) => !TX_CONTROL.test(s)).map((s) => s.replace(/\s+/g, ' ').slice(0, 90));

describe.skipIf(!servicesAvailable)('round trips of the review hot path (services mode)', () => {
  let core: Core;
  let reviewer: Reviewer;
  // No gateway role: nothing delivers in the background, so the test runs the delivery itself.
  useApp('services', { ROLES: 'api,worker' }, async (t) => {
    core = t.app.core;
    reviewer = await addReviewer(t, { email: 'budget@example.com', password: 'long-password', displayName: 'Budget' });
  });

  beforeAll(() => {
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const counted = scope.getStore();
      if (counted) {
        const first = args[0] as string | { text?: string };
        const text = typeof first === 'string' ? first : (first?.text ?? '');
        counted.statements.push(text);
        if (/^BEGIN\b/i.test(text)) counted.transactions += 1;
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });
  afterAll(() => {
    pg.Client.prototype.query = original;
  });

  it('claims in one statement, approves in one transaction, delivers a bubble in one statement', async () => {
    const people = ['91001', '91002'];
    for (const id of people) await sandboxSend(core, { telegramUserId: id, text: `hello from ${id}` });
    const drafts = await eventually(
      async () => {
        const pending = await core.analytics.draft.findMany({ where: { status: 'PENDING' }, select: { id: true } });
        return pending.length === people.length ? pending : null;
      },
      30_000,
      'the pending drafts',
    );
    // The first pass warms the pools and Prisma's query plans; the second is the one pinned.
    const measured: Array<Record<'claim' | 'approve' | 'deliver', Tally>> = [];
    for (const { id } of drafts) {
      const claim = await tally(() => claimDraft(core, id, reviewer));
      const approve = await tally(() => approveDraft(core, { draftId: id, bubbles: ['One', 'Two'] }, reviewer));
      const deliver = await tally(() => deliverDraft(core, id));
      measured.push({ claim, approve, deliver });
    }
    const { claim, approve, deliver } = measured.at(-1)!;
    const sent = await core.analytics.outboxBubble.findMany({ where: { draftId: drafts.at(-1)!.id } });
    expect(sent.map((b) => b.status)).toEqual(['SENT', 'SENT']);

    const report = JSON.stringify({ claim: work(claim), approve: work(approve), deliver: work(deliver) }, null, 1);
    // claimDraft: one statement takes the lease and audits it; no transaction around it.
    expect({ statements: claim.statements.length, transactions: claim.transactions }, report).toEqual({
      statements: 1,
      transactions: 0,
    });
    // approveDraft: one transaction (BEGIN, the decision, the outbox with its audit, COMMIT); no funnel change asked.
    expect({ statements: approve.statements.length, transactions: approve.transactions }, report).toEqual({
      statements: 4,
      transactions: 1,
    });
    // deliverDraft of two bubbles: the draft read with the delivery start, then one statement per bubble.
    expect({ statements: deliver.statements.length, transactions: deliver.transactions }, report).toEqual({
      statements: 3,
      transactions: 0,
    });
  });
});
