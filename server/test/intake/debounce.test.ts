import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { flushDeadline } from '../../src/intake/debounce.js';
import { DraftQueuedSubscription } from '../support/documents.js';
import { useApp } from '../support/harness.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const opts = { delayS: 5, maxWaitS: 30, maxBatch: 10 };

describe('debounce deadline', () => {
  it('restarts the window on every message', () => {
    expect(flushDeadline({ count: 2, firstAt: at(0), lastAt: at(3) }, at(3), opts)).toEqual(at(8));
  });
  it('never waits past DEBOUNCE_MAX_WAIT from the first message', () => {
    expect(flushDeadline({ count: 9, firstAt: at(0), lastAt: at(28) }, at(28), opts)).toEqual(at(30));
  });
  it('flushes at once at DEBOUNCE_MAX_BATCH messages', () => {
    expect(flushDeadline({ count: 10, firstAt: at(0), lastAt: at(1) }, at(1), opts)).toEqual(at(1));
  });
});

describe('debounce cap: DEBOUNCE_MAX_WAIT', () => {
  const app = useApp('embedded', { TYPING_DEBOUNCE_DELAY: '1', DEBOUNCE_MAX_WAIT: '2', DEBOUNCE_MAX_BATCH: '50' });

  it('answers a person who never stops typing within DEBOUNCE_MAX_WAIT', async () => {
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    let draftAt = 0;
    void queued
      .until((e) => e.draftQueued.contact.telegramUserId === '6001', 10_000)
      .then(() => (draftAt = Date.now()));
    // One message every 0.6 s: the 1 s quiet window never closes on its own.
    let sent = 0;
    for (; sent < 14 && draftAt === 0; sent++) {
      await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '6001', text: `part ${sent}` } });
      await new Promise((r) => setTimeout(r, 600));
    }
    // Answered while the person was still typing (the loop stopped early), about DEBOUNCE_MAX_WAIT (2 s) after the first message.
    expect(draftAt).toBeGreaterThan(0);
    expect(sent).toBeLessThan(14);
    expect(draftAt - started).toBeGreaterThanOrEqual(2000);
    expect(draftAt - started).toBeLessThan(4000);
  });
});

describe('debounce cap: DEBOUNCE_MAX_BATCH', () => {
  const app = useApp('embedded', { TYPING_DEBOUNCE_DELAY: '1', DEBOUNCE_MAX_WAIT: '2', DEBOUNCE_MAX_BATCH: '3' });

  it('never puts more than DEBOUNCE_MAX_BATCH messages in one turn', async () => {
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    for (const text of ['a', 'b', 'c', 'd'])
      await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '6002', text } });
    await new Promise((r) => setTimeout(r, 2500));
    const pending = await app.t.app.core.analytics.draft.findMany({
      where: { contact: { telegramUserId: '6002' }, status: 'PENDING' },
      orderBy: { createdAt: 'asc' },
    });
    expect(pending.map((d) => d.inboundText)).toEqual(['a\nb\nc', 'd']);
    expect(queued.events.length).toBeGreaterThan(0);
  });
});
