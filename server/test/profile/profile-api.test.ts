import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { createReviewer } from '../../src/auth/auth.js';
import type { CorrectProfileInput } from '../gql/graphql.js';
import { ContactProfileQuery, ContactsProfilesQuery, CorrectProfileMutation } from '../support/documents.js';
import type { TestClient } from '../support/graphql.js';
import { eventually, useApp } from '../support/harness.js';

describe('person profiles through the API: extraction after each turn, corrections by reviewers', () => {
  const app = useApp('embedded');
  const core = () => app.t.app.core;

  async function say(telegramUserId: string, text: string): Promise<string> {
    const sent = await app.admin.execute(SandboxSendDocument, { input: { telegramUserId, text, firstName: 'Ana' } });
    expect(sent.data?.sandboxSend.__typename).toBe('SandboxSendSuccess');
    const contact = await core().analytics.contact.findFirstOrThrow({ where: { telegramUserId } });
    // Extraction is done once every draft of the person has its turn folded in.
    await eventually(
      async () => {
        const messages = await core().analytics.message.findMany({
          where: { contactId: contact.id, direction: 'INBOUND' },
          select: { draftId: true, draft: { select: { extractedAt: true } } },
        });
        return messages.every((m) => m.draft?.extractedAt) && messages.length > 0;
      },
      20_000,
      'the turn to be extracted',
    );
    return contact.id;
  }

  const profileOf = async (client: TestClient, id: string) => {
    const result = await client.execute(ContactProfileQuery, { id, last: 10 });
    expect(result.errors).toBeUndefined();
    return result.data!.contact!.profile;
  };

  it('fills the profile from what the person writes, and reviewers correct it (audited); viewers cannot', async () => {
    const fresh = await core().analytics.contact.create({
      data: { account: 'sandbox', telegramUserId: '7001', displayName: 'Nobody yet' },
    });
    expect(await profileOf(app.admin, fresh.id)).toBeNull();

    const id = await say('7002', "Hi! I really love jazz and I can't stand traffic. Are you open on Sunday?");
    const first = await profileOf(app.admin, id);
    expect(first).toMatchObject({
      language: 'en',
      summary: null,
      style: { messages: 1, questionRate: 1, emojiRate: 0 },
      mood: { label: expect.any(String) },
    });
    expect(first!.preferences.map((p) => [p.topic, p.stance, p.pinned])).toEqual(
      expect.arrayContaining([
        ['jazz', 'LIKES', false],
        ['traffic', 'DISLIKES', false],
      ]),
    );
    expect(first!.style.activeHoursUtc).toEqual([new Date().getUTCHours()]);
    const jazz = first!.preferences.find((p) => p.topic === 'jazz')!;
    const traffic = first!.preferences.find((p) => p.topic === 'traffic')!;

    // Saying it again raises the confidence.
    await say('7002', 'Honestly I love jazz');
    const again = await profileOf(app.admin, id);
    expect(again!.preferences.find((p) => p.topic === 'jazz')!.confidence).toBeGreaterThan(jazz.confidence);
    expect(again!.style.messages).toBe(2);

    // A viewer may read but not correct.
    await createReviewer(core().analytics, {
      email: 'viewer@example.com',
      password: 'viewer-pass-123',
      displayName: 'Vera',
      role: 'VIEWER',
    });
    const viewer = app.t.as(await app.t.login('viewer@example.com', 'viewer-pass-123'));
    expect((await profileOf(viewer, id))!.preferences.length).toBeGreaterThan(0);
    const refused = await viewer.execute(CorrectProfileMutation, { input: { contactId: id, summary: 'x' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Bad input names its field and changes nothing.
    const unknown = '00000000-0000-4000-8000-000000000000';
    const bad = [
      [{ removePreferenceIds: [traffic.id, unknown] }, 'removePreferenceIds'],
      [{ pinPreferenceIds: ['not-an-id'] }, 'pinPreferenceIds'],
      [{ addPreferences: [{ topic: 'x'.repeat(81), stance: 'LIKES' }] }, 'addPreferences'],
      [{ addPreferences: [{ topic: '   ', stance: 'LIKES' }] }, 'addPreferences'],
      [{ summary: 'y'.repeat(2001) }, 'summary'],
      [{ removePreferenceIds: [traffic.id], pinPreferenceIds: [traffic.id] }, 'pinPreferenceIds'],
      [{}, 'input'],
    ] as Array<[Omit<CorrectProfileInput, 'contactId'>, string]>;
    for (const [fields, field] of bad) {
      const result = await app.admin.execute(CorrectProfileMutation, { input: { contactId: id, ...fields } });
      expect(result.data?.correctProfile).toMatchObject({ __typename: 'ValidationError', field });
    }
    const missing = await app.admin.execute(CorrectProfileMutation, { input: { contactId: unknown, summary: 'x' } });
    expect(missing.data?.correctProfile.__typename).toBe('NotFoundError');
    expect((await profileOf(app.admin, id))!.preferences).toHaveLength(again!.preferences.length);

    const corrected = await app.admin.execute(CorrectProfileMutation, {
      input: {
        contactId: id,
        removePreferenceIds: [traffic.id],
        pinPreferenceIds: [jazz.id],
        addPreferences: [
          { topic: ' Rainy Days ', stance: 'DISLIKES', pinned: true },
          { topic: 'tea', stance: 'LIKES' },
        ],
        summary: 'Jazz fan; asks about Sunday opening hours.',
      },
    });
    const success = corrected.data?.correctProfile;
    if (success?.__typename !== 'CorrectProfileSuccess') throw new Error(JSON.stringify(corrected));
    expect(success.contact.profile!.summary).toBe('Jazz fan; asks about Sunday opening hours.');
    expect(
      success.contact.profile!.preferences.map((p) => [p.topic, p.stance, p.pinned, Number(p.confidence.toFixed(3))]),
    ).toEqual([
      ['jazz', 'LIKES', true, 1],
      ['rainy days', 'DISLIKES', true, 1],
      ['tea', 'LIKES', false, 1],
    ]);
    const entry = await core().analytics.auditEntry.findFirstOrThrow({ where: { action: 'profile.correct' } });
    expect(entry).toMatchObject({ subjectId: id, detail: { removed: 1, pinned: 1, added: 2, summaryEdited: true } });
    expect((entry.detail as { notes: string }).notes).toContain('removed: dislikes traffic');

    // Extraction never overwrites a pinned preference; a contradiction flips an unpinned one.
    await say('7002', 'I used to love jazz, now I hate it. And I used to love tea, but now I hate it');
    const after = await profileOf(app.admin, id);
    const byTopic = Object.fromEntries(after!.preferences.map((p) => [p.topic, p]));
    expect(byTopic.jazz).toMatchObject({ stance: 'LIKES', pinned: true, confidence: 1 });
    expect(byTopic.tea).toMatchObject({ stance: 'DISLIKES', pinned: false });
    expect(byTopic.tea!.confidence).toBeCloseTo(0.5, 3);
    expect(after!.summary).toBe('Jazz fan; asks about Sunday opening hours.');
    expect(after!.moodHistory.length).toBeGreaterThanOrEqual(2);
    expect(after!.moodHistory[0]!.valence).toBeLessThan(0);
  });

  it('reads the profiles of a list of people in a fixed number of queries', async () => {
    const people: string[] = [];
    for (let i = 0; i < 8; i++) {
      const contact = await core().analytics.contact.create({
        data: { account: 'sandbox', telegramUserId: String(7100 + i), displayName: `P${i}` },
      });
      people.push(contact.id);
      await core().rapport.userProfile.create({
        data: {
          contactId: contact.id,
          displayName: `P${i}`,
          profiledAt: new Date(),
          language: 'en',
          preferences: { create: [{ topic: `topic ${i}`, stance: 'LIKES' }] },
          emotionalStates: { create: [{ label: 'joy', valence: 0.5, intensity: 0.5 }] },
        },
      });
    }
    const rapport = core().rapport;
    let queries = 0;
    core().rapport = rapport.$extends({
      query: {
        async $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    }) as unknown as typeof rapport;
    try {
      const result = await app.admin.execute(ContactsProfilesQuery, { first: 50 });
      expect(result.errors).toBeUndefined();
      const profiled = result.data!.contacts.edges.filter((e) => people.includes(e.node.id));
      expect(profiled).toHaveLength(8);
      expect(
        profiled.every((e) => e.node.profile?.preferences.length === 1 && e.node.profile.moodHistory.length === 1),
      ).toBe(true);
      // The profiles with their preferences and style, their latest moods, their mood histories: three
      // queries whatever the number of people.
      expect(queries).toBeLessThanOrEqual(3);
    } finally {
      core().rapport = rapport;
    }
  });
});
