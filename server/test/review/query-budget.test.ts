import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { Reviewer } from '../../src/db.js';
import { deliverDraft } from '../../src/delivery/deliver.js';
import { generateDraft } from '../../src/drafting/generate.js';
import { flushBuffer } from '../../src/intake/flush.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { extractTurn } from '../../src/profile/extract.js';
import { approveDraft, claimDraft } from '../../src/review/review.js';
import { addReviewer, useApp } from '../support/harness.js';
import { type IoTally as Tally, useIoTally } from '../support/io-tally.js';
import { servicesAvailable } from '../support/services.js';

const TX_CONTROL = /^(BEGIN|COMMIT|ROLLBACK)\b/i;

/** The statements besides BEGIN / COMMIT, shortened for a readable failure. */
const work = (t: Tally) =>
  t.statements.filter((s) => !TX_CONTROL.test(s.text)).map((s) => s.text.replace(/\s+/g, ' ').slice(0, 90));

/** What a stage sent: statements besides BEGIN / COMMIT, and transactions. */
const shape = (t: Tally) => ({ statements: work(t).length, transactions: t.transactions });

describe.skipIf(!servicesAvailable)('round trips of the review hot path (services mode)', () => {
  let core: Core;
  let reviewer: Reviewer;
  // No worker or gateway role: nothing runs in the background, so the test runs each stage itself.
  const app = useApp('services', { ROLES: 'api' }, async (t) => {
    core = t.app.core;
    reviewer = await addReviewer(t, { email: 'budget@example.com', password: 'long-password', displayName: 'Budget' });
  });

  const tally = useIoTally();

  it('stores a message, folds its burst, drafts and reads the profile within a fixed number of statements', async () => {
    // The first person warms the pools and Prisma's query plans; the second is the one pinned.
    let stages: Record<'intake' | 'flush' | 'draft' | 'extract', Tally> | null = null;
    for (const id of ['92001', '92002']) {
      let contactId = '';
      const intake = await tally(async () => {
        contactId = (await sandboxSend(core, { telegramUserId: id, text: `I love hiking, from ${id}` })).contactId;
      });
      let draftId: string | null = null;
      const flush = await tally(async () => {
        draftId = await flushBuffer(core, contactId);
      });
      expect(draftId).not.toBeNull();
      const draft = await tally(() => generateDraft(core, draftId!));
      const extract = await tally(() => extractTurn(core, draftId!));
      stages = { intake, flush, draft, extract };
    }
    const { intake, flush, draft, extract } = stages!;
    const report = JSON.stringify(
      { intake: work(intake), flush: work(flush), draft: work(draft), extract: work(extract) },
      null,
      1,
    );
    // A lone message is a group of one, in one transaction of two statements: the person (created, read and
    // locked), then the message with the supersede, the live claim and the burst's window.
    expect(shape(intake), report).toEqual({ statements: 2, transactions: 1 });
    // The debounce job, under the person's lock: the claim, the burst's start and the person's status in one
    // read, the supersede, the buffer, the new draft and its messages.
    expect(shape(flush), report).toEqual({ statements: 6, transactions: 1 });
    // Drafting: the draft with its person, the persona, memory and profile (rapport), then one statement that
    // queues the draft with its context snapshot and the model's usage.
    expect(shape(draft), report).toEqual({ statements: 9, transactions: 0 });
    // Extraction reads the stored profile before the extractor runs and again under the person's lock, where it
    // writes (an analytics and a rapport transaction).
    expect(shape(extract), report).toEqual({ statements: 18, transactions: 2 });
  });

  it('claims in one statement, approves in one without a transaction, delivers a bubble in one statement', async () => {
    const drafts: Array<{ id: string }> = [];
    for (const id of ['91001', '91002', '91003', '91004']) {
      const { contactId } = await sandboxSend(core, { telegramUserId: id, text: `hello from ${id}` });
      const draftId = await flushBuffer(core, contactId);
      await generateDraft(core, draftId!);
      drafts.push({ id: draftId! });
    }
    // The first pass warms the pools and Prisma's query plans; the second is the one pinned.
    const measured: Array<Record<'claim' | 'approve' | 'deliver', Tally>> = [];
    for (const { id } of drafts.slice(0, 2)) {
      const claim = await tally(() => claimDraft(core, id, reviewer));
      const approve = await tally(() => approveDraft(core, { draftId: id, bubbles: ['One', 'Two'] }, reviewer));
      const deliver = await tally(() => deliverDraft(core, id));
      measured.push({ claim, approve, deliver });
    }
    const { claim, approve, deliver } = measured.at(-1)!;
    const sent = await core.analytics.outboxBubble.findMany({ where: { draftId: drafts[1]!.id } });
    expect(sent.map((b) => b.status)).toEqual(['SENT', 'SENT']);

    const report = JSON.stringify({ claim: work(claim), approve: work(approve), deliver: work(deliver) }, null, 1);
    // claimDraft: one statement takes the lease and audits it, and reads the suggestion for the approval.
    expect({ statements: claim.statements.length, transactions: claim.transactions }, report).toEqual({
      statements: 1,
      transactions: 0,
    });
    // approveDraft with no funnel change asked, after a claim in this process: one statement decides, queues the
    // bubbles and audits, its edit scored against the suggestion the claim read; no transaction. Its events and
    // its delivery job leave for Redis in one write.
    expect({ statements: approve.statements.length, transactions: approve.transactions }, report).toEqual({
      statements: 1,
      transactions: 0,
    });
    // To Redis (this process runs no jobs, so work it queues is also announced to the workers): the claim's
    // events in one write; the approval's events with its delivery job in one, the word to the gateway in another.
    expect({ claim: claim.redisWrites, approve: approve.redisWrites }).toEqual({ claim: 1, approve: 2 });
    // deliverDraft of two bubbles: the draft read with the delivery start, then one statement per bubble.
    expect({ statements: deliver.statements.length, transactions: deliver.transactions }, report).toEqual({
      statements: 3,
      transactions: 0,
    });
    // Its Redis writes: each bubble's events, the last one's with the draft's event and the memory job (events and
    // jobs share the command connection), then the word to the workers.
    expect(deliver.redisWrites).toBe(3);

    // Claimed in another process (here, straight in the database): the suggestion is read first, a statement more.
    const elsewhere = drafts[2]!.id;
    await core.analytics.draft.update({
      where: { id: elsewhere },
      data: {
        status: 'CLAIMED',
        claimedById: reviewer.id,
        claimedAt: new Date(),
        claimExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    const unseen = await tally(() => approveDraft(core, { draftId: elsewhere, bubbles: ['One', 'Two'] }, reviewer));
    expect(
      { statements: unseen.statements.length, transactions: unseen.transactions },
      JSON.stringify(work(unseen)),
    ).toEqual({
      statements: 2,
      transactions: 0,
    });
    const scored = await core.analytics.draft.findUniqueOrThrow({ where: { id: elsewhere } });
    expect(scored.status).toBe('APPROVED');
    expect(scored.editDistance).toBeGreaterThan(0);
  });

  it('scores the edit against the suggestion as it stands when it changed after the claim read it', async () => {
    const { contactId } = await sandboxSend(core, { telegramUserId: '91010', text: 'hello from 91010' });
    const draftId = (await flushBuffer(core, contactId))!;
    await generateDraft(core, draftId);
    await claimDraft(core, draftId, reviewer);
    // The suggestion changes under the claim: the one the claim read is stale.
    await core.analytics.draft.update({ where: { id: draftId }, data: { bubbles: ['Exactly this reply'] } });
    await approveDraft(core, { draftId, bubbles: ['Exactly this reply'] }, reviewer);
    const decided = await core.analytics.draft.findUniqueOrThrow({ where: { id: draftId } });
    expect(decided.status).toBe('APPROVED');
    expect(decided.finalBubbles).toEqual(['Exactly this reply']);
    // Scored against the suggestion it was approved from: unchanged, so no distance.
    expect(decided.editDistance).toBe(0);
  });

  it('answers a mutation asking only the id of the row it wrote without reading the row back', async () => {
    const token = await app.t.login();
    const send = async (selection: string, telegramUserId: string) => {
      const response = await app.t.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation Send($input: SandboxSendInput!) {
            sandboxSend(input: $input) { ... on SandboxSendSuccess { sent { ${selection} } } } }`,
          variables: { input: { telegramUserId, text: `hello from ${telegramUserId}` } },
        }),
      });
      return ((await response.json()) as { data: { sandboxSend: { sent: { id: string; text?: string } } } }).data
        .sandboxSend.sent;
    };
    await send('id', '93000');
    let onlyId: { id: string; text?: string } | null = null;
    let withText: { id: string; text?: string } | null = null;
    const idTally = await tally(async () => {
      onlyId = await send('id __typename', '93001');
    });
    const textTally = await tally(async () => {
      withText = await send('id text', '93002');
    });
    const stored = await core.analytics.message.findMany({
      where: { chatId: { in: ['93001', '93002'] } },
      orderBy: { chatId: 'asc' },
    });
    expect(onlyId).toEqual({ id: stored[0]?.id, __typename: 'Message' });
    expect(withText).toEqual({ id: stored[1]?.id, text: 'hello from 93002' });
    const readsMessage = (t: Tally) => work(t).filter((q) => /^SELECT "public"\."Message"\./.test(q));
    const report = JSON.stringify({ onlyId: work(idTally), withText: work(textTally) }, null, 1);
    expect(readsMessage(idTally), report).toEqual([]);
    expect(readsMessage(textTally), report).toHaveLength(1);
    expect(work(textTally).length - work(idTally).length, report).toBe(1);
  });
});
