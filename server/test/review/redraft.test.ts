import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { Reviewer } from '../../src/db.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { approveDraft, claimDraft, redraftDraft } from '../../src/review/review.js';
import { addReviewer, eventually, useApp } from '../support/harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('messages that arrive while a reviewer holds the draft', () => {
  let core: Core;
  let ana: Reviewer;

  const draftsOf = (telegramUserId: string) =>
    core.analytics.draft.findMany({
      where: { contact: { telegramUserId } },
      orderBy: { createdAt: 'asc' },
      include: { messages: { orderBy: { sentAt: 'asc' }, select: { text: true } } },
    });

  async function claimedDraft(telegramUserId: string, text: string) {
    await sandboxSend(core, { telegramUserId, text });
    const draft = await eventually(
      () => core.analytics.draft.findFirst({ where: { contact: { telegramUserId }, status: 'PENDING' } }),
      15_000,
      'a pending draft',
    );
    return claimDraft(core, draft.id, ana);
  }

  // The shortest lease the configuration allows, so an abandoned claim runs out within the test.
  useApp('embedded', { CLAIM_LEASE_SECONDS: '5' }, async (t) => {
    core = t.app.core;
    ana = await addReviewer(t, { email: 'ana@example.com', password: 'long-password', displayName: 'Ana' });
  });

  it('are answered together with the first ones by a redraft that the reviewer keeps, beside their edit', async () => {
    const first = await claimedDraft('5001', 'Do you have the blue one?');
    await sandboxSend(core, { telegramUserId: '5001', text: 'In size M' });
    await sleep(800);
    const next = await redraftDraft(
      core,
      { draftId: first.id, editedBubbles: ['Yes, we have it in blue!', '  '] },
      ana,
    );
    expect(next).toMatchObject({
      inboundText: 'Do you have the blue one?\nIn size M',
      previousEdit: ['Yes, we have it in blue!'],
    });

    const ready = await eventually(
      async () => {
        const d = await core.analytics.draft.findUniqueOrThrow({ where: { id: next.id } });
        return d.status !== 'GENERATING' ? d : null;
      },
      15_000,
      'the redraft to be written',
    );
    // Still the reviewer's: nobody else can take it between the redraft and the editor.
    expect(ready).toMatchObject({ status: 'CLAIMED', claimedById: ana.id });
    expect(ready.bubbles.length).toBeGreaterThan(0);
    const drafts = await draftsOf('5001');
    expect(drafts.map((d) => [d.status, d.messages.map((m) => m.text)])).toEqual([
      ['SUPERSEDED', []],
      ['CLAIMED', ['Do you have the blue one?', 'In size M']],
    ]);
    await approveDraft(core, { draftId: next.id, bubbles: ['Yes, blue in M is in stock.'] }, ana);
  });

  it('supersede the draft once its reviewer’s claim has run out, and the next draft answers everything', async () => {
    const first = await claimedDraft('5002', 'Are you open today?');
    await sandboxSend(core, { telegramUserId: '5002', text: 'Until when?' });
    // Nobody renews the claim: it runs out after 5 s, and the waiting burst goes ahead.
    const next = await eventually(
      () =>
        core.analytics.draft.findFirst({
          where: { contact: { telegramUserId: '5002' }, status: 'PENDING', NOT: { id: first.id } },
        }),
      20_000,
      'a new draft after the claim ran out',
    );
    expect(next.inboundText).toBe('Are you open today?\nUntil when?');
    const old = await core.analytics.draft.findUniqueOrThrow({ where: { id: first.id } });
    expect(old.status).toBe('SUPERSEDED');
  });
});
