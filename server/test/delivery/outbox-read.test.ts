import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { Reviewer } from '../../src/db.js';
import { deliverDraft } from '../../src/delivery/deliver.js';
import { generateDraft } from '../../src/drafting/generate.js';
import { flushBuffer } from '../../src/intake/flush.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { approveDraft, claimDraft } from '../../src/review/review.js';
import { addReviewer, useApp } from '../support/harness.js';
import { useIoTally } from '../support/io-tally.js';
import { servicesAvailable } from '../support/services.js';

/** Bubbles sent long ago (what the statistics know: nearly nothing is ever queued for long). */
const SENT_BEFORE = 20_000;
/** Other drafts' bubbles waiting their turn meanwhile (a burst of approvals, typing pacing, a Telegram outage). */
const QUEUED_ELSEWHERE = 500;

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** The OutboxBubble rows the plan's scans of that table looked at: those returned and those filtered out. */
function bubblesRead(node: PlanNode): number {
  const own =
    node['Relation Name'] === 'OutboxBubble'
      ? ((node['Actual Rows'] ?? 0) +
          (node['Rows Removed by Filter'] ?? 0) +
          (node['Rows Removed by Index Recheck'] ?? 0)) *
        (node['Actual Loops'] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + bubblesRead(child), 0);
}

describe.skipIf(!servicesAvailable)('the delivery read of a draft’s queued bubbles (services mode)', () => {
  let core: Core;
  let reviewer: Reviewer;
  // No worker or gateway role: the test runs the delivery itself.
  useApp('services', { ROLES: 'api' }, async (t) => {
    core = t.app.core;
    reviewer = await addReviewer(t, { email: 'outbox@example.com', password: 'long-password', displayName: 'Outbox' });
  });

  const tally = useIoTally();

  it('reads the draft’s own bubbles, not every bubble waiting to be sent', async () => {
    // A history of sent bubbles, analysed; then other drafts' bubbles queue up before the statistics are
    // taken again (autovacuum is off for the table here, so they stay as they are).
    await core.analytics.$executeRawUnsafe(`ALTER TABLE "OutboxBubble" SET (autovacuum_enabled = false)`);
    const { contactId } = await sandboxSend(core, { telegramUserId: '94000', text: 'an earlier conversation' });
    const earlier = (await flushBuffer(core, contactId))!;
    await core.analytics.$executeRawUnsafe(`
      INSERT INTO "OutboxBubble" ("id", "draftId", "index", "text", "status", "sentAt")
      SELECT gen_random_uuid(), '${earlier}'::uuid, n, 'bubble ' || n, 'SENT', now()
      FROM generate_series(0, ${SENT_BEFORE - 1}) n`);
    await core.analytics.$executeRawUnsafe(`ANALYZE "OutboxBubble"`);
    await core.analytics.$executeRawUnsafe(`
      INSERT INTO "OutboxBubble" ("id", "draftId", "index", "text")
      SELECT gen_random_uuid(), '${earlier}'::uuid, n, 'waiting ' || n
      FROM generate_series(${SENT_BEFORE}, ${SENT_BEFORE + QUEUED_ELSEWHERE - 1}) n`);

    const person = await sandboxSend(core, { telegramUserId: '94001', text: 'hello, is this open?' });
    const draftId = (await flushBuffer(core, person.contactId))!;
    await generateDraft(core, draftId);
    await claimDraft(core, draftId, reviewer);
    await approveDraft(core, { draftId, bubbles: ['Yes', 'Open until six'] }, reviewer);
    const { statements: sent } = await tally(() => deliverDraft(core, draftId));
    const bubbles = await core.analytics.outboxBubble.findMany({ where: { draftId }, orderBy: { index: 'asc' } });
    expect(bubbles.map((b) => b.status)).toEqual(['SENT', 'SENT']);

    // The delivery's first statement read the queued bubbles: planned and run again here, in a transaction
    // undone after, with the values it was sent with (it finds the delivery begun and the bubbles sent).
    const read = sent.find((s) => s.text.includes(`FROM "OutboxBubble" b WHERE b."draftId"`));
    expect(read, sent.map((s) => s.text.slice(0, 80)).join('\n')).toBeDefined();
    const client = new pg.Client({ connectionString: core.config.DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      const explained = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${read!.text}`, read!.values);
      await client.query('ROLLBACK');
      const plan = (explained.rows[0] as { 'QUERY PLAN': Array<{ Plan: PlanNode }> })['QUERY PLAN'][0]!.Plan;
      // Two bubbles of its own; the 500 other queued ones are not looked at.
      expect(bubblesRead(plan), JSON.stringify(plan)).toBeLessThanOrEqual(2);
    } finally {
      await client.end();
    }
  });
});
