import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVE,
  CLAIM,
  CONTACT,
  DRAFT,
  DRAFT_QUEUED,
  DRAFT_UPDATED,
  ERASE,
  REJECT,
  SANDBOX_CHAT,
  SANDBOX_MESSAGE,
  SANDBOX_SEND,
} from '../support/documents.js';
import { collect, eventually, type Mode, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('the sandbox path end to end (%s mode)', (mode) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let token: string;

  beforeAll(async () => {
    const m = await modeEnv(mode);
    cleanup = m.cleanup;
    t = await startApp(m.env);
    token = await t.login();
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  it('folds a burst into one draft, and delivers the approved edit with status and LTV', async () => {
    const ws = t.ws(token);
    const queued = collect(ws, DRAFT_QUEUED);
    const replies = collect(ws, SANDBOX_MESSAGE, { telegramUserId: '5001' });
    await new Promise((r) => setTimeout(r, 200));

    for (const text of ['Hi!', 'Do you ship to Porto?', 'Thanks']) {
      const sent = await t.gql(SANDBOX_SEND, { input: { telegramUserId: '5001', text, firstName: 'Rita' } }, token);
      expect(sent.data?.sandboxSend.__typename).toBe('SandboxSendSuccess');
    }

    const event = await queued.until((e) => e.draftQueued.contact.telegramUserId === '5001');
    const draft = event.draftQueued;
    expect(draft.status).toBe('PENDING');
    expect(draft.inboundText).toBe('Hi!\nDo you ship to Porto?\nThanks');
    expect(draft.bubbles.length).toBeGreaterThan(0);
    expect(queued.events.filter((e) => e.draftQueued.contact.telegramUserId === '5001')).toHaveLength(1);

    const claimed = await t.gql(CLAIM, { id: draft.id }, token);
    expect(claimed.data?.claimDraft.draft.status).toBe('CLAIMED');

    const approved = await t.gql(
      APPROVE,
      {
        input: {
          draftId: draft.id,
          bubbles: ['Hello Rita!', 'Yes, we ship to Porto.'],
          editTags: ['tone'],
          qualityScore: 4,
          customerStatus: 'CUSTOMER',
          ltvAmount: '120.5',
        },
      },
      token,
    );
    expect(approved.data?.approveDraft).toMatchObject({
      __typename: 'ApproveDraftSuccess',
      previousStatus: 'PROSPECT',
      newStatus: 'CUSTOMER',
      ltvTotal: '120.50',
      ltvAdded: '120.50',
    });

    await replies.until((e) => e.sandboxMessage.text === 'Yes, we ship to Porto.');
    expect(replies.events.map((e) => e.sandboxMessage.text)).toEqual(['Hello Rita!', 'Yes, we ship to Porto.']);

    const chat = await t.gql(SANDBOX_CHAT, { telegramUserId: '5001' }, token);
    expect(chat.data?.sandboxChat.map((m: any) => `${m.direction}:${m.text}`)).toEqual([
      'INBOUND:Hi!',
      'INBOUND:Do you ship to Porto?',
      'INBOUND:Thanks',
      'OUTBOUND:Hello Rita!',
      'OUTBOUND:Yes, we ship to Porto.',
    ]);

    const after = await eventually(async () => {
      const d = await t.gql(DRAFT, { id: draft.id }, token);
      return d.data?.draft.deliveries.every((b: any) => b.status === 'SENT') ? d.data.draft : null;
    });
    expect(after.contact).toMatchObject({ customerStatus: 'CUSTOMER', ltv: '120.50' });

    const contact = await t.gql(CONTACT, { id: after.contact.id }, token);
    expect(contact.data?.contact.statusHistory).toEqual([
      { fromStatus: 'PROSPECT', toStatus: 'CUSTOMER', override: false, reason: null },
    ]);

    // A repeat purchase adds to the total.
    await t.gql(SANDBOX_SEND, { input: { telegramUserId: '5001', text: 'I want another one' } }, token);
    const second = await queued.until((e) => e.draftQueued.inboundText === 'I want another one');
    const repeat = await t.gql(
      APPROVE,
      {
        input: {
          draftId: second.draftQueued.id,
          bubbles: ['Great, sent!'],
          customerStatus: 'CUSTOMER',
          ltvAmount: '0.50',
        },
      },
      token,
    );
    expect(repeat.data?.approveDraft).toMatchObject({
      previousStatus: 'CUSTOMER',
      newStatus: 'CUSTOMER',
      ltvTotal: '121.00',
    });
  });

  it('supersedes a pending draft when the person writes again, answering everything in the next draft', async () => {
    const ws = t.ws(token);
    const queued = collect(ws, DRAFT_QUEUED);
    const updated = collect(ws, DRAFT_UPDATED);
    await new Promise((r) => setTimeout(r, 200));
    await t.gql(SANDBOX_SEND, { input: { telegramUserId: '5002', text: 'First question' } }, token);
    const first = (await queued.until((e) => e.draftQueued.contact.telegramUserId === '5002')).draftQueued;
    await t.gql(SANDBOX_SEND, { input: { telegramUserId: '5002', text: 'And a second one' } }, token);
    await updated.until((e) => e.draftUpdated.id === first.id && e.draftUpdated.status === 'SUPERSEDED');
    const next = (
      await queued.until((e) => e.draftQueued.contact.telegramUserId === '5002' && e.draftQueued.id !== first.id)
    ).draftQueued;
    expect(next.inboundText).toBe('First question\nAnd a second one');
    const stale = await t.gql(APPROVE, { input: { draftId: first.id, bubbles: ['late'] } }, token);
    expect(stale.data?.approveDraft.__typename).toBe('InvalidStateError');
  });

  it('rejects with a note and sends nothing; erase removes the person everywhere', async () => {
    const ws = t.ws(token);
    const queued = collect(ws, DRAFT_QUEUED);
    await new Promise((r) => setTimeout(r, 200));
    await t.gql(SANDBOX_SEND, { input: { telegramUserId: '5003', text: 'spam spam' } }, token);
    const draft = (await queued.until((e) => e.draftQueued.contact.telegramUserId === '5003')).draftQueued;
    const rejected = await t.gql(REJECT, { input: { draftId: draft.id, notes: 'spam' } }, token);
    expect(rejected.data?.rejectDraft.draft).toMatchObject({ status: 'REJECTED', notes: 'spam' });
    await new Promise((r) => setTimeout(r, 300));
    const chat = await t.gql(SANDBOX_CHAT, { telegramUserId: '5003' }, token);
    expect(chat.data?.sandboxChat.map((m: any) => m.direction)).toEqual(['INBOUND']);

    const full = await t.gql(DRAFT, { id: draft.id }, token);
    const contactId = full.data?.draft.contact.id;
    const erased = await t.gql(ERASE, { id: contactId }, token);
    expect(erased.data?.eraseContact).toMatchObject({
      __typename: 'EraseContactSuccess',
      erasedDrafts: 1,
      erasedMessages: 1,
    });
    expect((await t.gql(CONTACT, { id: contactId }, token)).data?.contact).toBeNull();
    expect((await t.gql(DRAFT, { id: draft.id }, token)).data?.draft).toBeNull();
    expect((await t.gql(SANDBOX_CHAT, { telegramUserId: '5003' }, token)).data?.sandboxChat).toEqual([]);
    expect(await t.app.core.rapport.userProfile.count({ where: { contactId } })).toBe(0);
  });

  it('requires sign-in over HTTP and over the WebSocket', async () => {
    const anonymous = await t.gql(SANDBOX_SEND, { input: { telegramUserId: '1', text: 'x' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).not.toMatch(/at .*\.ts/);
    const bad = t.ws('not-a-token');
    const sub = collect(bad, DRAFT_QUEUED);
    await expect(sub.until(() => true, 3000)).rejects.toThrow(/subscription error/);
    const health = await t.gql('{ health { state mode } }');
    expect(health.data?.health).toEqual({ state: 'ok', mode });
  });
});
