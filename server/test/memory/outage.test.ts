import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import {
  ApproveDraftMutation,
  ComponentHealthQuery,
  DraftQueuedSubscription,
  SandboxChatQuery,
} from '../support/documents.js';
import { eventually, useOutageApp } from '../support/harness.js';
import { servicesAvailable, setReachable } from '../support/services.js';

describe.skipIf(!servicesAvailable)('a rapport outage delays memory but loses nothing (services mode)', () => {
  const app = useOutageApp('RAPPORT_DATABASE_URL');

  it('keeps reviewing and delivering while rapport is down, and writes the memory when it returns', async () => {
    const { t } = app;
    const admin = t.as(await t.login());
    const queued = admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));

    await setReachable(app.storage.database, false);
    const health = await eventually(
      async () => {
        const h = await t.anonymous.execute(ComponentHealthQuery);
        return h.data!.health.components.find((c) => c.name === 'rapport')!.state === 'down' ? h.data!.health : null;
      },
      10_000,
      'rapport to show as down',
    );
    expect(health.state).toBe('degraded');

    await admin.execute(SandboxSendDocument, { input: { telegramUserId: '1201', text: 'Still there?' } });
    const draft = (await queued.until(() => true, 15_000)).draftQueued;
    await admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Yes, still here.'], claim: true },
    });
    await eventually(
      async () => {
        const chat = await admin.execute(SandboxChatQuery, { telegramUserId: '1201' });
        return chat.data!.sandboxChat.some((m) => m.text === 'Yes, still here.');
      },
      10_000,
      'the delivery during the outage',
    );

    await new Promise((r) => setTimeout(r, 1500));
    await setReachable(app.storage.database, true);
    const turns = await eventually(
      async () => {
        const rows = await t.app.core.rapport.memoryTurn.findMany({ orderBy: { createdAt: 'asc' } }).catch(() => []);
        return rows.length === 2 ? rows : null;
      },
      30_000,
      'the memory write after rapport returned',
    );
    expect(turns.map((x) => `${x.role}:${x.text}`)).toEqual(['user:Still there?', 'assistant:Yes, still here.']);
    expect((await t.anonymous.execute(ComponentHealthQuery)).data!.health.state).toBe('ok');
  }, 60_000);
});
