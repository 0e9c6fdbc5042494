import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChannelRouter } from '../../src/adapters/telegram/router.js';
import type { SandboxChannel } from '../../src/adapters/telegram/sandbox.js';
import { receiveMessage } from '../../src/intake/intake.js';
import { graphql } from '../gql/index.js';
import { ApproveDraftMutation, ClaimDraftMutation } from '../support/documents.js';
import { expectTypename } from '../support/graphql.js';
import { addReviewer, eventually, type Mode, SECOND, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

const AccountsQuery = graphql(`
  query TestTelegramAccounts {
    telegramAccounts {
      id
      kind
      label
      state
      stateDetail
      disabled
      adminTelegramIds
      persona {
        name
      }
    }
  }
`);

const AddSandboxAccount = graphql(`
  mutation TestAddSandboxAccount($label: String!) {
    addSandboxAccount(label: $label) {
      __typename
      ... on AddSandboxAccountSuccess {
        account {
          id
          kind
          label
          state
        }
      }
      ... on ValidationError {
        field
        message
      }
    }
  }
`);

const UpdateAccount = graphql(`
  mutation TestUpdateTelegramAccount(
    $id: ID!
    $label: String
    $personaId: ID
    $disabled: Boolean
    $adminTelegramIds: [String!]
  ) {
    updateTelegramAccount(
      id: $id
      label: $label
      personaId: $personaId
      disabled: $disabled
      adminTelegramIds: $adminTelegramIds
    ) {
      __typename
      ... on UpdateTelegramAccountSuccess {
        account {
          id
          label
          state
          disabled
          persona {
            name
          }
        }
      }
      ... on ValidationError {
        field
        message
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

const RemoveAccount = graphql(`
  mutation TestRemoveTelegramAccount($id: ID!, $eraseHistory: Boolean!) {
    removeTelegramAccount(id: $id, eraseHistory: $eraseHistory) {
      __typename
      ... on RemoveTelegramAccountSuccess {
        erasedContacts
        account {
          id
          removed
          state
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const SendTo = graphql(`
  mutation TestSandboxSendTo($input: SandboxSendInput!) {
    sandboxSend(input: $input) {
      __typename
      ... on SandboxSendSuccess {
        sent {
          id
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
    }
  }
`);

const LabelledQueued = graphql(`
  subscription TestLabelledDraftQueued($accountId: ID) {
    draftQueued(accountId: $accountId) {
      id
      inboundText
      account {
        id
        label
        kind
      }
      contact {
        id
        telegramUserId
        account {
          id
        }
      }
    }
  }
`);

const QueueByAccount = graphql(`
  query TestQueueByAccount($accountId: ID) {
    reviewQueue(first: 100, accountId: $accountId) {
      edges {
        node {
          id
          inboundText
          account {
            label
          }
        }
      }
    }
  }
`);

const ContactsByAccount = graphql(`
  query TestContactsByAccount($accountId: ID, $search: String) {
    contacts(first: 100, accountId: $accountId, search: $search) {
      edges {
        node {
          id
          telegramUserId
          account {
            label
          }
        }
      }
    }
  }
`);

const ChatOf = graphql(`
  query TestSandboxChatOf($telegramUserId: String!, $accountId: ID) {
    sandboxChat(telegramUserId: $telegramUserId, accountId: $accountId) {
      direction
      text
    }
  }
`);

const AccountUpdates = graphql(`
  subscription TestTelegramAccountUpdated {
    telegramAccountUpdated {
      id
      label
      state
      stateDetail
    }
  }
`);

describe.each(modes)('several Telegram accounts (%s mode)', (mode) => {
  const app = useApp(mode);
  const accounts: Record<'a' | 'b', string> = { a: '', b: '' };
  const drafts: Record<'a' | 'b', string> = { a: '', b: '' };
  const sandboxOf = () => (app.t.app.core.channel as ChannelRouter).sandbox as SandboxChannel;

  it('adds sandbox accounts in one step (admins only), with a typed error for a blank label', async () => {
    for (const key of ['a', 'b'] as const) {
      const added = await app.admin.execute(AddSandboxAccount, { label: key === 'a' ? 'Brand A' : 'Brand B' });
      const account = expectTypename(added.data?.addSandboxAccount, 'AddSandboxAccountSuccess').account;
      expect(account).toMatchObject({ kind: 'SANDBOX', state: 'CONNECTED' });
      accounts[key] = account.id;
    }
    const blank = await app.admin.execute(AddSandboxAccount, { label: '   ' });
    expect(blank.data?.addSandboxAccount).toMatchObject({ __typename: 'ValidationError', field: 'label' });

    await addReviewer(app.t);
    const reviewer = app.t.as(await app.t.login(SECOND.email, SECOND.password));
    const refused = await reviewer.execute(AddSandboxAccount, { label: 'Not mine' });
    expect(refused.errors?.[0]?.message).toBe('Your role does not allow this');

    const list = await reviewer.execute(AccountsQuery);
    expect(list.data?.telegramAccounts.map((a) => a.label)).toEqual(['Sandbox', 'Brand A', 'Brand B']);
  });

  it('takes messages to each account as separate conversations and labels their drafts', async () => {
    const all = app.admin.subscribe(LabelledQueued, {});
    const onlyB = app.admin.subscribe(LabelledQueued, { accountId: accounts.b });
    await new Promise((r) => setTimeout(r, 300));
    // The same Telegram user writes to both accounts: two people, two drafts.
    for (const key of ['a', 'b'] as const) {
      const sent = await app.admin.execute(SendTo, {
        input: { telegramUserId: '7001', text: `Hello ${key}`, firstName: 'Ines', accountId: accounts[key] },
      });
      expect(sent.data?.sandboxSend.__typename).toBe('SandboxSendSuccess');
    }
    for (const key of ['a', 'b'] as const) {
      const event = await all.until((e) => e.draftQueued.inboundText === `Hello ${key}`, 15_000);
      expect(event.draftQueued.account).toEqual({
        id: accounts[key],
        label: key === 'a' ? 'Brand A' : 'Brand B',
        kind: 'SANDBOX',
      });
      expect(event.draftQueued.contact.account?.id).toBe(accounts[key]);
      drafts[key] = event.draftQueued.id;
    }
    const a = all.events.find((e) => e.draftQueued.id === drafts.a)!.draftQueued.contact;
    const b = all.events.find((e) => e.draftQueued.id === drafts.b)!.draftQueued.contact;
    expect(a.telegramUserId).toBe(b.telegramUserId);
    expect(a.id).not.toBe(b.id);

    await onlyB.until((e) => e.draftQueued.id === drafts.b);
    await new Promise((r) => setTimeout(r, 300));
    expect(onlyB.events.map((e) => e.draftQueued.id)).toEqual([drafts.b]);
    all.dispose();
    onlyB.dispose();
  });

  it('filters the queue and the contacts by account', async () => {
    const queue = async (accountId?: string) =>
      (await app.admin.execute(QueueByAccount, { accountId })).data!.reviewQueue.edges.map(
        (e) => `${e.node.account?.label}:${e.node.inboundText}`,
      );
    expect(await queue(accounts.a)).toEqual(['Brand A:Hello a']);
    expect(await queue(accounts.b)).toEqual(['Brand B:Hello b']);
    expect((await queue()).sort()).toEqual(['Brand A:Hello a', 'Brand B:Hello b']);

    const contacts = async (accountId?: string, search?: string) =>
      (await app.admin.execute(ContactsByAccount, { accountId, search })).data!.contacts.edges.map(
        (e) => `${e.node.account?.label}:${e.node.telegramUserId}`,
      );
    expect(await contacts(accounts.b)).toEqual(['Brand B:7001']);
    expect(await contacts(accounts.a, '7001')).toEqual(['Brand A:7001']);
    expect((await contacts(undefined, '7001')).sort()).toEqual(['Brand A:7001', 'Brand B:7001']);
  });

  it('sends each reply from the account that received the message', async () => {
    for (const key of ['b', 'a'] as const) {
      const claimed = await app.admin.execute(ClaimDraftMutation, { id: drafts[key] });
      expectTypename(claimed.data?.claimDraft, 'ClaimDraftSuccess');
      const approved = await app.admin.execute(ApproveDraftMutation, {
        input: { draftId: drafts[key], bubbles: [`Reply from ${key}`] },
      });
      expect(approved.data?.approveDraft.__typename).toBe('ApproveDraftSuccess');
    }
    const chat = async (key: 'a' | 'b') =>
      (await app.admin.execute(ChatOf, { telegramUserId: '7001', accountId: accounts[key] })).data!.sandboxChat.map(
        (m) => `${m.direction}:${m.text}`,
      );
    await eventually(async () => (await chat('a')).length === 2 && (await chat('b')).length === 2, 15_000, 'replies');
    expect(await chat('a')).toEqual(['INBOUND:Hello a', 'OUTBOUND:Reply from a']);
    expect(await chat('b')).toEqual(['INBOUND:Hello b', 'OUTBOUND:Reply from b']);
    // The default sandbox account's chat of the same user is empty.
    expect((await app.admin.execute(ChatOf, { telegramUserId: '7001' })).data!.sandboxChat).toEqual([]);
    // What the channel was asked to send, and from which account.
    expect(
      sandboxOf()
        .sent.filter((s) => s.chatId === '7001')
        .map((s) => `${s.account}:${s.text}`)
        .sort(),
    ).toEqual([`${accounts.a}:Reply from a`, `${accounts.b}:Reply from b`].sort());
  });

  it("drafts with the account's persona and answers its own admin ids", async () => {
    const core = app.t.app.core;
    const persona = await core.analytics.persona.create({ data: { name: 'Brand A voice', prompt: 'Speak as A.' } });
    const set = await app.admin.execute(UpdateAccount, {
      id: accounts.a,
      personaId: persona.id,
      adminTelegramIds: ['4242'],
    });
    expect(expectTypename(set.data?.updateTelegramAccount, 'UpdateTelegramAccountSuccess').account.persona).toEqual({
      name: 'Brand A voice',
    });
    const bad = await app.admin.execute(UpdateAccount, { id: accounts.a, personaId: randomUUID() });
    expect(bad.data?.updateTelegramAccount).toMatchObject({ __typename: 'ValidationError', field: 'personaId' });

    await app.admin.execute(SendTo, { input: { telegramUserId: '7002', text: 'Persona?', accountId: accounts.a } });
    const draft = await eventually(
      () =>
        core.analytics.draft.findFirst({
          where: { inboundText: 'Persona?', status: 'PENDING' },
          include: { context: true },
        }),
      15_000,
      'the draft of account A',
    );
    expect((draft.context!.snapshot as { persona: { name: string } }).persona.name).toBe('Brand A voice');

    // /status from 4242: answered on account A (its admin), an ordinary message on account B.
    const status = (account: string, id: string) =>
      receiveMessage(core, {
        account,
        chatId: '4242',
        telegramUserId: '4242',
        telegramMessageId: id,
        text: '/status',
        displayName: 'Boss',
      });
    expect((await status(accounts.a, 'cmd-1')).adminCommand).toBe(true);
    expect(sandboxOf().sent.at(-1)).toMatchObject({ account: accounts.a, chatId: '4242' });
    expect((await status(accounts.b, 'cmd-2')).adminCommand).toBe(false);
  });

  it('shows renames and state changes live, and a disabled account takes nothing in', async () => {
    const updates = app.admin.subscribe(AccountUpdates);
    await new Promise((r) => setTimeout(r, 300));
    await app.admin.execute(UpdateAccount, { id: accounts.b, label: 'Brand B (EU)' });
    await updates.until((e) => e.telegramAccountUpdated.label === 'Brand B (EU)');

    const disabled = await app.admin.execute(UpdateAccount, { id: accounts.b, disabled: true });
    expect(expectTypename(disabled.data?.updateTelegramAccount, 'UpdateTelegramAccountSuccess').account).toMatchObject({
      state: 'DISABLED',
      disabled: true,
    });
    await updates.until(
      (e) => e.telegramAccountUpdated.id === accounts.b && e.telegramAccountUpdated.state === 'DISABLED',
    );
    const refused = await app.admin.execute(SendTo, {
      input: { telegramUserId: '7003', text: 'Anyone?', accountId: accounts.b },
    });
    expect(refused.data?.sandboxSend.__typename).toBe('InvalidStateError');
    expect(await app.t.app.core.analytics.contact.count({ where: { telegramUserId: '7003' } })).toBe(0);

    await app.admin.execute(UpdateAccount, { id: accounts.b, disabled: false });
    const sent = await app.admin.execute(SendTo, {
      input: { telegramUserId: '7003', text: 'Anyone?', accountId: accounts.b },
    });
    expect(sent.data?.sandboxSend.__typename).toBe('SandboxSendSuccess');
    updates.dispose();
  });

  it('removing an account stops intake at once and keeps its history', async () => {
    const core = app.t.app.core;
    const removed = await app.admin.execute(RemoveAccount, { id: accounts.b, eraseHistory: false });
    expect(removed.data?.removeTelegramAccount).toMatchObject({
      __typename: 'RemoveTelegramAccountSuccess',
      erasedContacts: 0,
      account: { removed: true, state: 'DISABLED' },
    });
    const refused = await app.admin.execute(SendTo, {
      input: { telegramUserId: '7001', text: 'Still there?', accountId: accounts.b },
    });
    expect(refused.data?.sandboxSend.__typename).toBe('NotFoundError');
    // The gateway's path refuses it too.
    const dropped = await receiveMessage(core, {
      account: accounts.b,
      chatId: '7001',
      telegramUserId: '7001',
      telegramMessageId: 'late-1',
      text: 'Still there?',
      displayName: 'Ines',
    });
    expect(dropped.refused).toBe(true);
    expect(await core.analytics.message.count({ where: { text: 'Still there?' } })).toBe(0);

    const list = await app.admin.execute(AccountsQuery);
    expect(list.data?.telegramAccounts.map((a) => a.id)).not.toContain(accounts.b);
    // History stays: the people (7001, 7003 and 4242, whose /status was an ordinary message there) and the reply.
    expect(await core.analytics.contact.count({ where: { account: accounts.b } })).toBe(3);
    expect(await core.analytics.message.count({ where: { account: accounts.b, direction: 'OUTBOUND' } })).toBe(1);

    const defaultSandbox = await app.admin.execute(RemoveAccount, { id: 'sandbox', eraseHistory: false });
    expect(defaultSandbox.data?.removeTelegramAccount.__typename).toBe('InvalidStateError');
  });

  it('removing with erasure erases every person of the account as eraseContact does', async () => {
    const core = app.t.app.core;
    const people = await core.analytics.contact.findMany({ where: { account: accounts.a }, select: { id: true } });
    expect(people.length).toBe(2);
    const erasesBefore = await core.analytics.auditEntry.count({ where: { action: 'contact.erase' } });
    const removed = await app.admin.execute(RemoveAccount, { id: accounts.a, eraseHistory: true });
    expect(removed.data?.removeTelegramAccount).toMatchObject({ erasedContacts: 2, account: { removed: true } });
    expect(await core.analytics.contact.count({ where: { account: accounts.a } })).toBe(0);
    expect(await core.analytics.message.count({ where: { account: accounts.a } })).toBe(0);
    expect(await core.rapport.userProfile.count({ where: { contactId: { in: people.map((p) => p.id) } } })).toBe(0);
    expect(await core.analytics.auditEntry.count({ where: { action: 'contact.erase' } })).toBe(erasesBefore + 2);
    // The other account's people are untouched.
    expect(await core.analytics.contact.count({ where: { account: accounts.b } })).toBe(3);
  });
});
