import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { Reviewer } from '../../src/db.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { approveDraft, claimDraft } from '../../src/review/review.js';
import { addReviewer, eventually, type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The person's drafts, oldest first. */
function draftsOf(core: Core, telegramUserId: string) {
  return core.analytics.draft.findMany({
    where: { contact: { telegramUserId } },
    orderBy: { createdAt: 'asc' },
    include: { messages: { orderBy: { sentAt: 'asc' }, select: { text: true } } },
  });
}

function livePending(core: Core, telegramUserId: string, containing: string) {
  return eventually(
    async () => {
      const drafts = await draftsOf(core, telegramUserId);
      return drafts.find((d) => d.status === 'PENDING' && d.inboundText.includes(containing)) ?? null;
    },
    20_000,
    `a pending draft answering "${containing}"`,
  );
}

for (const mode of ['embedded', 'services'] as Mode[]) {
  describe.skipIf(mode === 'services' && !servicesAvailable)(`bursts around a supersede (${mode})`, () => {
    let core: Core;
    let ana: Reviewer;

    // A window long enough to tell "one burst" from "one draft per message" under load.
    useApp(mode, { TYPING_DEBOUNCE_DELAY: '3', DEBOUNCE_MAX_WAIT: '4' }, async (t) => {
      core = t.app.core;
      ana = await addReviewer(t, { email: 'ana@example.com', password: 'ana-password', displayName: 'Ana' });
    });

    it('answers a burst that follows a supersede with one draft, its window starting at its own first message', async () => {
      await sandboxSend(core, { telegramUserId: '3001', text: 'hi' });
      await livePending(core, '3001', 'hi');
      // Longer than DEBOUNCE_MAX_WAIT since "hi": the old message must not drag the new burst's cap into the past.
      await sleep(4500);
      for (const text of ['one', 'two', 'three']) {
        await sandboxSend(core, { telegramUserId: '3001', text });
        await sleep(1000);
      }
      const live = await livePending(core, '3001', 'three');
      expect(live.inboundText).toBe('hi\none\ntwo\nthree');
      const drafts = await draftsOf(core, '3001');
      expect(drafts.map((d) => d.status)).toEqual(['SUPERSEDED', 'PENDING']);
    });

    it('never supersedes a draft under a reviewer: new messages wait, and what the approval did not answer is the next burst', async () => {
      await sandboxSend(core, { telegramUserId: '3002', text: 'Do you ship to Porto?' });
      const first = await livePending(core, '3002', 'Porto');
      await claimDraft(core, first.id, ana);

      await sandboxSend(core, { telegramUserId: '3002', text: 'And to Lisbon?' });
      // Past the whole debounce window: the claimed draft is still the reviewer's, and nothing new was drafted.
      await sleep(4500);
      let drafts = await draftsOf(core, '3002');
      expect(drafts.map((d) => d.status)).toEqual(['CLAIMED']);
      expect(drafts[0]?.messages.map((m) => m.text)).toEqual(['Do you ship to Porto?']);

      await approveDraft(core, { draftId: first.id, bubbles: ['Yes, we ship to Porto.'] }, ana);
      const next = await livePending(core, '3002', 'Lisbon');
      expect(next.inboundText).toBe('And to Lisbon?');
      drafts = await draftsOf(core, '3002');
      expect(drafts.map((d) => [d.status, d.messages.map((m) => m.text)])).toEqual([
        ['APPROVED', ['Do you ship to Porto?']],
        ['PENDING', ['And to Lisbon?']],
      ]);
    });
  });
}
