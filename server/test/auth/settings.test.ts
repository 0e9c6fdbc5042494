import { describe, expect, it } from 'vitest';
import { ReviewerSettingsDocument, SaveSettingsDocument } from '../../../client/src/gql/graphql.js';
import { ReviewersSettingsQuery } from '../support/documents.js';
import { addReviewer, SECOND, useApp } from '../support/harness.js';

describe('reviewer settings', () => {
  const app = useApp('embedded', {}, (t) => addReviewer(t));

  it('start at the defaults and follow the reviewer to another session', async () => {
    const before = await app.admin.execute(ReviewerSettingsDocument);
    expect(before.data?.me?.settings).toEqual({
      __typename: 'ReviewerSettings',
      approveAndNext: true,
      sound: false,
      notifications: false,
    });

    const saved = await app.admin.execute(SaveSettingsDocument, { input: { sound: true, approveAndNext: false } });
    expect(saved.data?.saveSettings).toMatchObject({
      __typename: 'SaveSettingsSuccess',
      reviewer: { settings: { approveAndNext: false, sound: true, notifications: false } },
    });
    // A field left out keeps its saved value.
    await app.admin.execute(SaveSettingsDocument, { input: { notifications: true } });

    const otherDevice = app.t.as(await app.t.login());
    const after = await otherDevice.execute(ReviewerSettingsDocument);
    expect(after.data?.me?.settings).toEqual({
      __typename: 'ReviewerSettings',
      approveAndNext: false,
      sound: true,
      notifications: true,
    });

    const second = app.t.as(await app.t.login(SECOND.email, SECOND.password));
    expect((await second.execute(ReviewerSettingsDocument)).data?.me?.settings?.approveAndNext).toBe(true);
  });

  it("are nobody else's to read, and an empty change is a typed error", async () => {
    const list = await app.admin.execute(ReviewersSettingsQuery);
    const others = list.data?.reviewers.filter((r) => r.email === SECOND.email);
    expect(others?.map((r) => r.settings)).toEqual([null]);

    const empty = await app.admin.execute(SaveSettingsDocument, { input: { sound: null } });
    expect(empty.data?.saveSettings).toMatchObject({ __typename: 'ValidationError', field: 'input' });
  });
});
