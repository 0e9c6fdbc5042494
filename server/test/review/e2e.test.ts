import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import {
  ApproveDraftMutation,
  ClaimDraftMutation,
  ContactQuery,
  DraftQuery,
  DraftQueuedSubscription,
  DraftUpdatedSubscription,
  SandboxChatQuery,
  SandboxMessageSubscription,
} from '../support/documents.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { eventually, type Mode, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('the sandbox path end to end (%s mode)', (mode) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let admin: TestClient;

  beforeAll(async () => {
    const m = await modeEnv(mode);
    cleanup = m.cleanup;
    t = await startApp(m.env);
    admin = t.as(await t.login());
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  it('folds a burst into one draft, and delivers the approved edit with status and LTV', async () => {
    const queued = admin.subscribe(DraftQueuedSubscription);
    const replies = admin.subscribe(SandboxMessageSubscription, { telegramUserId: '5001' });
    await new Promise((r) => setTimeout(r, 200));

    for (const text of ['Hi!', 'Do you ship to Porto?', 'Thanks']) {
      const sent = await admin.execute(SandboxSendDocument, {
        input: { telegramUserId: '5001', text, firstName: 'Rita' },
      });
      expect(sent.data?.sandboxSend.__typename).toBe('SandboxSendSuccess');
    }

    const event = await queued.until((e) => e.draftQueued.contact.telegramUserId === '5001');
    const draft = event.draftQueued;
    expect(draft.status).toBe('PENDING');
    expect(draft.inboundText).toBe('Hi!\nDo you ship to Porto?\nThanks');
    expect(draft.bubbles.length).toBeGreaterThan(0);
    expect(queued.events.filter((e) => e.draftQueued.contact.telegramUserId === '5001')).toHaveLength(1);

    const claimed = await admin.execute(ClaimDraftMutation, { id: draft.id });
    expect(expectTypename(claimed.data?.claimDraft, 'ClaimDraftSuccess').draft.status).toBe('CLAIMED');

    const approved = await admin.execute(ApproveDraftMutation, {
      input: {
        draftId: draft.id,
        bubbles: ['Hello Rita!', 'Yes, we ship to Porto.'],
        editTags: ['tone'],
        qualityScore: 4,
        customerStatus: 'CUSTOMER',
        ltvAmount: '120.5',
      },
    });
    expect(approved.data?.approveDraft).toMatchObject({
      __typename: 'ApproveDraftSuccess',
      previousStatus: 'PROSPECT',
      newStatus: 'CUSTOMER',
      ltvTotal: '120.50',
      ltvAdded: '120.50',
    });

    await replies.until((e) => e.sandboxMessage.text === 'Yes, we ship to Porto.');
    expect(replies.events.map((e) => e.sandboxMessage.text)).toEqual(['Hello Rita!', 'Yes, we ship to Porto.']);

    const chat = await admin.execute(SandboxChatQuery, { telegramUserId: '5001' });
    expect(chat.data?.sandboxChat.map((m) => `${m.direction}:${m.text}`)).toEqual([
      'INBOUND:Hi!',
      'INBOUND:Do you ship to Porto?',
      'INBOUND:Thanks',
      'OUTBOUND:Hello Rita!',
      'OUTBOUND:Yes, we ship to Porto.',
    ]);
    // The live replies are the stored rows, field for field (the event carries the row the delivery wrote).
    const outbound = chat.data?.sandboxChat.filter((m) => m.direction === 'OUTBOUND');
    expect(replies.events.map((e) => e.sandboxMessage)).toEqual(outbound);
    expect(outbound?.every((m) => m.draftId === draft.id && m.telegramMessageId !== null)).toBe(true);
    expect(Math.abs(Date.parse(outbound?.[0]?.sentAt ?? '') - Date.now())).toBeLessThan(60_000);

    const after = await eventually(async () => {
      const d = await admin.execute(DraftQuery, { id: draft.id });
      return d.data?.draft?.deliveries.every((b) => b.status === 'SENT') ? d.data.draft : null;
    });
    expect(after.contact).toMatchObject({ customerStatus: 'CUSTOMER', ltv: '120.50' });

    const contact = await admin.execute(ContactQuery, { id: after.contact.id });
    expect(contact.data?.contact?.statusHistory).toEqual([
      { fromStatus: 'PROSPECT', toStatus: 'CUSTOMER', override: false, reason: null },
    ]);

    // A repeat purchase adds to the total.
    await admin.execute(SandboxSendDocument, { input: { telegramUserId: '5001', text: 'I want another one' } });
    const second = await queued.until((e) => e.draftQueued.inboundText === 'I want another one');
    await admin.execute(ClaimDraftMutation, { id: second.draftQueued.id });
    const repeat = await admin.execute(ApproveDraftMutation, {
      input: {
        draftId: second.draftQueued.id,
        bubbles: ['Great, sent!'],
        customerStatus: 'CUSTOMER',
        ltvAmount: '0.50',
      },
    });
    expect(repeat.data?.approveDraft).toMatchObject({
      previousStatus: 'CUSTOMER',
      newStatus: 'CUSTOMER',
      ltvTotal: '121.00',
    });
  });

  it('supersedes a pending draft when the person writes again, answering everything in the next draft', async () => {
    const queued = admin.subscribe(DraftQueuedSubscription);
    const updated = admin.subscribe(DraftUpdatedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await admin.execute(SandboxSendDocument, { input: { telegramUserId: '5002', text: 'First question' } });
    const first = (await queued.until((e) => e.draftQueued.contact.telegramUserId === '5002')).draftQueued;
    await admin.execute(SandboxSendDocument, { input: { telegramUserId: '5002', text: 'And a second one' } });
    await updated.until((e) => e.draftUpdated.id === first.id && e.draftUpdated.status === 'SUPERSEDED');
    const next = (
      await queued.until((e) => e.draftQueued.contact.telegramUserId === '5002' && e.draftQueued.id !== first.id)
    ).draftQueued;
    expect(next.inboundText).toBe('First question\nAnd a second one');
    const stale = await admin.execute(ApproveDraftMutation, { input: { draftId: first.id, bubbles: ['late'] } });
    expect(stale.data?.approveDraft.__typename).toBe('InvalidStateError');
  });
});
