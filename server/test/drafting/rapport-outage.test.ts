import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import type { DraftContext } from '../../src/drafting/prompt.js';
import {
  ApproveDraftMutation,
  DraftContextQuery,
  DraftQueuedSubscription,
  HealthDetailQuery,
  SandboxChatQuery,
} from '../support/documents.js';
import { eventually, useOutageApp } from '../support/harness.js';
import { servicesAvailable, setReachable } from '../support/services.js';

describe.skipIf(!servicesAvailable)('rapport down, drafting goes on (services mode)', () => {
  const app = useOutageApp('RAPPORT_DATABASE_URL');

  it('drafts from the analytics history, marks the draft "drafted without profile", and health shows rapport down', async () => {
    const { t } = app;
    const admin = t.as(await t.login());
    const queued = admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));

    await admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '1301', text: 'Do you repair bikes?', firstName: 'Rui' },
    });
    const first = (await queued.until(() => true, 15_000)).draftQueued;
    expect(first.bubbles[0]).toBe('Hi Rui, thanks for your message!');
    await admin.execute(ApproveDraftMutation, {
      input: { draftId: first.id, bubbles: ['Yes, bring it in any weekday.'], claim: true },
    });
    const rememberedTurns = () => t.app.core.rapport.memoryTurn.count().catch(() => -1);
    await eventually(async () => (await rememberedTurns()) === 2, 15_000, 'the first exchange in rapport');

    await setReachable(app.storage.database, false);
    await admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '1301', text: 'Great, how much is a tune-up?', firstName: 'Rui' },
    });
    const second = (await queued.until((e) => e.draftQueued.id !== first.id, 20_000)).draftQueued;
    // The history came from analytics: Rui is greeted as someone who wrote before.
    expect(second.bubbles[0]).toBe('Hi Rui, good to hear from you again.');
    const flags = (await admin.execute(DraftContextQuery, { id: second.id })).data!.draft!;
    expect(flags).toMatchObject({ draftedWithoutProfile: true, contextTrimmed: false });
    const context = await t.app.core.analytics.draftContext.findUniqueOrThrow({ where: { draftId: second.id } });
    expect((context.snapshot as unknown as DraftContext).history).toEqual([
      { role: 'user', text: 'Do you repair bikes?' },
      { role: 'assistant', text: 'Yes, bring it in any weekday.' },
    ]);

    const health = (await admin.execute(HealthDetailQuery)).data!.health;
    expect(health.state).toBe('degraded');
    expect(health.components.find((c) => c.name === 'rapport')).toMatchObject({
      state: 'down',
      detail: expect.stringMatching(
        /^unreachable \(.+\): drafts are written without profiles, from the analytics history$/,
      ),
    });

    // Back up: the next draft reads rapport again and is not marked.
    await admin.execute(ApproveDraftMutation, {
      input: { draftId: second.id, bubbles: ['A tune-up is 40 euros.'], claim: true },
    });
    await eventually(
      async () =>
        (await admin.execute(SandboxChatQuery, { telegramUserId: '1301' })).data!.sandboxChat.some(
          (m) => m.text === 'A tune-up is 40 euros.',
        ),
      15_000,
      'the delivery during the outage',
    );
    await setReachable(app.storage.database, true);
    await eventually(async () => (await rememberedTurns()) === 4, 30_000, 'the memory write after rapport returned');
    await admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '1301', text: 'Booked, thanks!', firstName: 'Rui' },
    });
    const third = (await queued.until((e) => e.draftQueued.id !== second.id, 20_000)).draftQueued;
    const after = (await admin.execute(DraftContextQuery, { id: third.id })).data!.draft!;
    expect(after.draftedWithoutProfile).toBe(false);
  }, 90_000);
});
