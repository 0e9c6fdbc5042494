import { describe, expect, it } from 'vitest';
import { PREFERENCE_HALF_LIFE_DAYS, readProfile, readProfiles } from '../../src/profile/read.js';
import { useApp } from '../support/harness.js';

const ANA = '21111111-1111-4111-8111-111111111111';
const BEN = '22222222-2222-4222-8222-222222222222';
const DAY = 86_400_000;

describe('reading a person profile', () => {
  const app = useApp('embedded');

  it('is null until something is known, then decays confidence with time and puts the strongest first', async () => {
    const core = app.t.app.core;
    await core.rapport.userProfile.create({ data: { contactId: ANA, displayName: 'Ana' } });
    expect(await readProfile(core, ANA)).toBeNull();

    const now = Date.now();
    await core.rapport.userProfile.update({
      where: { contactId: ANA },
      data: {
        profiledAt: new Date(now),
        language: 'pt',
        summary: 'Planning a trip to Lisbon.',
        preferences: {
          create: [
            {
              topic: 'jazz',
              stance: 'LIKES',
              confidence: 0.8,
              lastSeenAt: new Date(now - PREFERENCE_HALF_LIFE_DAYS * DAY),
            },
            { topic: 'beaches', stance: 'LIKES', confidence: 0.6, lastSeenAt: new Date(now) },
            { topic: 'rain', stance: 'DISLIKES', confidence: 0.3, lastSeenAt: new Date(now - 400 * DAY), pinned: true },
          ],
        },
        emotionalStates: {
          create: [
            { label: 'sadness', valence: -0.6, intensity: 0.5, observedAt: new Date(now - DAY) },
            { label: 'joy', valence: 0.7, intensity: 0.8, observedAt: new Date(now) },
          ],
        },
        style: {
          create: {
            messages: 4,
            totalLength: 100,
            emojiMessages: 1,
            questions: 2,
            formalitySum: 0.8,
            formalityCount: 2,
            replySeconds: [30, 90, 60],
            hourCounts: Array.from({ length: 24 }, (_, h) => (h === 21 ? 3 : h === 9 ? 1 : 0)),
          },
        },
      },
    });
    await core.cache.delete(`profile:${ANA}`);
    const profile = await readProfile(core, ANA);
    expect(profile).toMatchObject({
      summary: 'Planning a trip to Lisbon.',
      language: 'pt',
      mood: { label: 'joy', valence: 0.7, intensity: 0.8 },
      style: {
        messages: 4,
        meanLength: 25,
        emojiRate: 0.25,
        questionRate: 0.5,
        formality: 0.4,
        typicalReplySeconds: 60,
        activeHoursUtc: [21, 9],
      },
    });
    // Pinned first whatever its age; then one seen today beats one at half its confidence after a half-life.
    expect(profile!.preferences.map((p) => [p.topic, p.stance, Number(p.confidence.toFixed(2))])).toEqual([
      ['rain', 'DISLIKES', 0.3],
      ['beaches', 'LIKES', 0.6],
      ['jazz', 'LIKES', 0.4],
    ]);
    // From the cache: the same answer, dates intact.
    const again = await readProfile(core, ANA);
    expect(again!.preferences[1]!.lastSeenAt).toBeInstanceOf(Date);
    expect(again!.mood!.at).toBeInstanceOf(Date);

    const many = await readProfiles(core, [ANA, BEN]);
    expect([...many.keys()]).toEqual([ANA]);
  });
});
