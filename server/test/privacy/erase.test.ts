import { describe, expect, it } from 'vitest';
import { EraseContactDocument, RejectDraftDocument, SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { ContactQuery, DraftQuery, DraftQueuedSubscription, SandboxChatQuery } from '../support/documents.js';
import { expectTypename } from '../support/graphql.js';
import { type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('erasing a person (%s mode)', (mode) => {
  const app = useApp(mode);

  it('rejects with a note and sends nothing; erase removes the person everywhere', async () => {
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '5003', text: 'spam spam' } });
    const draft = (await queued.until((e) => e.draftQueued.contact.telegramUserId === '5003')).draftQueued;
    const rejected = await app.admin.execute(RejectDraftDocument, {
      input: { draftId: draft.id, notes: 'spam', claim: true },
    });
    expect(expectTypename(rejected.data?.rejectDraft, 'RejectDraftSuccess').draft).toMatchObject({
      status: 'REJECTED',
      notes: 'spam',
    });
    await new Promise((r) => setTimeout(r, 300));
    const chat = await app.admin.execute(SandboxChatQuery, { telegramUserId: '5003' });
    expect(chat.data?.sandboxChat.map((m) => m.direction)).toEqual(['INBOUND']);

    const full = await app.admin.execute(DraftQuery, { id: draft.id });
    const contactId = full.data!.draft!.contact.id;
    const erased = await app.admin.execute(EraseContactDocument, { id: contactId });
    expect(erased.data?.eraseContact).toMatchObject({
      __typename: 'EraseContactSuccess',
      erasedDrafts: 1,
      erasedMessages: 1,
    });
    expect((await app.admin.execute(ContactQuery, { id: contactId })).data?.contact).toBeNull();
    expect((await app.admin.execute(DraftQuery, { id: draft.id })).data?.draft).toBeNull();
    expect((await app.admin.execute(SandboxChatQuery, { telegramUserId: '5003' })).data?.sandboxChat).toEqual([]);
    expect(await app.t.app.core.rapport.userProfile.count({ where: { contactId } })).toBe(0);
  });
});
