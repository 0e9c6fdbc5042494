import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { eventually, type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('a burst racing its own drafting (%s mode)', (mode) => {
  // A 50 ms window makes flushes overlap with new messages as often as possible.
  const app = useApp(mode, { TYPING_DEBOUNCE_DELAY: '0.05', DEBOUNCE_MAX_WAIT: '30', DEBOUNCE_MAX_BATCH: '100' });

  it('ends with one live draft that answers every message', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `message ${i}`);
    for (let i = 0; i < texts.length; i += 4) {
      const results = await Promise.all(
        texts
          .slice(i, i + 4)
          .map((text) => app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '7701', text } })),
      );
      // Every send is acknowledged, including four first messages from a new person at once.
      expect(results.map((r) => r.data?.sandboxSend.__typename)).toEqual(
        Array(results.length).fill('SandboxSendSuccess'),
      );
      await new Promise((r) => setTimeout(r, 40));
    }
    const db = app.t.app.core.analytics;
    const live = await eventually(
      async () => {
        const drafts = await db.draft.findMany({
          where: { contact: { telegramUserId: '7701' }, status: { in: ['GENERATING', 'PENDING'] } },
        });
        const buffered = await db.message.count({ where: { contact: { telegramUserId: '7701' }, draftId: null } });
        return drafts.length >= 1 && drafts.every((d) => d.status === 'PENDING') && buffered === 0 ? drafts : null;
      },
      15_000,
      'the burst to settle',
    );
    await new Promise((r) => setTimeout(r, 500));
    const settled = await db.draft.findMany({
      where: { contact: { telegramUserId: '7701' }, status: { in: ['GENERATING', 'PENDING'] } },
    });
    expect(settled).toHaveLength(1);
    expect(live).toHaveLength(1);
    expect(settled[0]!.inboundText.split('\n').sort()).toEqual([...texts].sort());
    const answered = await db.message.count({ where: { draftId: settled[0]!.id } });
    expect(answered).toBe(20);
  });
});
