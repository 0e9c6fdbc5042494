import { describe, expect, it } from 'vitest';
import { EraseContactDocument, RejectDraftDocument, SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { profileCacheKey, readProfile } from '../../src/profile/read.js';
import {
  ContactQuery,
  CorrectProfileMutation,
  DraftQuery,
  DraftQueuedSubscription,
  SandboxChatQuery,
} from '../support/documents.js';
import { expectTypename } from '../support/graphql.js';
import { eventually, type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('erasing a person (%s mode)', (mode) => {
  const app = useApp(mode);

  it('rejects with a note and sends nothing; erase removes the person everywhere, their profile and its cache too', async () => {
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await app.admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '5003', text: 'spam spam, I hate waiting 😡' },
    });
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
    // Their profile: extracted from the turn (a dislike, a mood reading, style), corrected by a reviewer, cached.
    const core = app.t.app.core;
    await eventually(async () => (await readProfile(core, contactId))?.mood, 15_000, 'the extracted profile');
    await core.cache.delete(profileCacheKey(contactId));
    const corrected = await app.admin.execute(CorrectProfileMutation, {
      input: { contactId, summary: 'Sends spam.', addPreferences: [{ topic: 'spam', stance: 'LIKES', pinned: true }] },
    });
    expect(corrected.data?.correctProfile.__typename).toBe('CorrectProfileSuccess');
    const profile = await readProfile(core, contactId);
    expect(profile!.preferences.map((p) => p.topic).sort()).toEqual(['spam', 'waiting']);
    const rapportRows = () =>
      Promise.all([
        core.rapport.userProfile.count({ where: { contactId } }),
        core.rapport.userPreference.count({ where: { contactId } }),
        core.rapport.emotionalState.count({ where: { contactId } }),
        core.rapport.interactionStyle.count({ where: { contactId } }),
        core.rapport.profileExtraction.count({ where: { contactId } }),
      ]);
    expect(await rapportRows()).toEqual([1, 2, 1, 1, 1]);
    expect(await core.cache.get(profileCacheKey(contactId))).not.toBeNull();

    const erased = await app.admin.execute(EraseContactDocument, { id: contactId });
    expect(erased.data?.eraseContact).toMatchObject({
      __typename: 'EraseContactSuccess',
      erasedDrafts: 1,
      erasedMessages: 1,
    });
    expect((await app.admin.execute(ContactQuery, { id: contactId })).data?.contact).toBeNull();
    expect((await app.admin.execute(DraftQuery, { id: draft.id })).data?.draft).toBeNull();
    expect((await app.admin.execute(SandboxChatQuery, { telegramUserId: '5003' })).data?.sandboxChat).toEqual([]);
    expect(await rapportRows()).toEqual([0, 0, 0, 0, 0]);
    expect(await core.cache.get(profileCacheKey(contactId))).toBeNull();
    expect(await readProfile(core, contactId)).toBeNull();
  });
});
