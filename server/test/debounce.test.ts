import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_QUEUED, SANDBOX_SEND } from './documents.js';
import { collect, modeEnv, startApp, type TestApp } from './harness.js';

describe('debounce caps', () => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let token: string;
  beforeAll(async () => {
    const m = await modeEnv('embedded');
    cleanup = m.cleanup;
    t = await startApp({ ...m.env, TYPING_DEBOUNCE_DELAY: '1', DEBOUNCE_MAX_WAIT: '2', DEBOUNCE_MAX_BATCH: '3' });
    token = await t.login();
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  it('answers a person who never stops typing within DEBOUNCE_MAX_WAIT', async () => {
    const queued = collect(t.ws(token), DRAFT_QUEUED);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    let draftAt = 0;
    void queued.until((e) => e.draftQueued.contact.telegramUserId === '6001', 10_000).then(() => (draftAt = Date.now()));
    // One message every 0.6 s for 4 s: the 1 s quiet window never closes on its own.
    let lastSentAt = 0;
    for (let i = 0; i < 7; i++) {
      await t.gql(SANDBOX_SEND, { input: { telegramUserId: '6001', text: `part ${i}` } }, token);
      lastSentAt = Date.now();
      await new Promise((r) => setTimeout(r, 600));
    }
    expect(draftAt).toBeGreaterThan(0);
    expect(draftAt).toBeLessThan(lastSentAt);
    expect(draftAt - started).toBeLessThan(3000);
  });

  it('never puts more than DEBOUNCE_MAX_BATCH messages in one turn', async () => {
    const queued = collect(t.ws(token), DRAFT_QUEUED);
    await new Promise((r) => setTimeout(r, 200));
    for (const text of ['a', 'b', 'c', 'd']) await t.gql(SANDBOX_SEND, { input: { telegramUserId: '6002', text } }, token);
    await new Promise((r) => setTimeout(r, 2500));
    const pending = await t.app.core.analytics.draft.findMany({
      where: { contact: { telegramUserId: '6002' }, status: 'PENDING' },
      orderBy: { createdAt: 'asc' },
    });
    expect(pending.map((d) => d.inboundText)).toEqual(['a\nb\nc', 'd']);
    expect(queued.events.length).toBeGreaterThan(0);
  });
});
