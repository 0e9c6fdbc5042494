import type { Core } from '../core.js';
import type { MoodView, PreferenceView, ProfileView, StyleView } from './view.js';

/**
 * A preference not seen again loses half its confidence every PREFERENCE_HALF_LIFE_DAYS, applied when it
 * is read (the stored confidence is as of `lastSeenAt`). Pinned preferences do not decay.
 */
export const PREFERENCE_HALF_LIFE_DAYS = 60;
const DAY_MS = 86_400_000;

/** Hours of the day reported as the person's active hours, most active first. */
const ACTIVE_HOURS = 3;
const CACHE_TTL_MS = 5 * 60_000;

export const profileCacheKey = (contactId: string) => `profile:${contactId}`;

/** Confidence `confidence`, stored at `lastSeenAt`, as of `now`. */
export function decayedConfidence(confidence: number, lastSeenAt: Date, now: Date, pinned = false): number {
  if (pinned) return confidence;
  const days = Math.max(0, now.getTime() - lastSeenAt.getTime()) / DAY_MS;
  return confidence * 0.5 ** (days / PREFERENCE_HALF_LIFE_DAYS);
}

interface StyleRow {
  messages: number;
  totalLength: number;
  emojiMessages: number;
  questions: number;
  formalitySum: number;
  formalityCount: number;
  replySeconds: number[];
  hourCounts: number[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function styleOf(row: StyleRow | null): StyleView {
  if (!row || row.messages === 0) {
    return {
      messages: 0,
      meanLength: 0,
      emojiRate: 0,
      questionRate: 0,
      formality: null,
      typicalReplySeconds: null,
      activeHoursUtc: [],
    };
  }
  const activeHoursUtc = row.hourCounts
    .map((count, hour) => ({ hour, count }))
    .filter((h) => h.count > 0)
    .sort((a, b) => b.count - a.count || a.hour - b.hour)
    .slice(0, ACTIVE_HOURS)
    .map((h) => h.hour);
  return {
    messages: row.messages,
    meanLength: row.totalLength / row.messages,
    emojiRate: row.emojiMessages / row.messages,
    questionRate: row.questions / row.messages,
    formality: row.formalityCount > 0 ? row.formalitySum / row.formalityCount : null,
    typicalReplySeconds: median(row.replySeconds),
    activeHoursUtc,
  };
}

/** Preferences as stored (confidence as of lastSeenAt), decayed to `now` and strongest first. */
export function present(profile: ProfileView, now = new Date()): ProfileView {
  const preferences = profile.preferences
    .map((p) => ({ ...p, confidence: decayedConfidence(p.confidence, p.lastSeenAt, now, p.pinned) }))
    .sort(
      (a, b) =>
        Number(b.pinned) - Number(a.pinned) ||
        b.confidence - a.confidence ||
        b.lastSeenAt.getTime() - a.lastSeenAt.getTime(),
    );
  return { ...profile, preferences };
}

/**
 * What is known about each person, from the rapport database in a fixed number of queries (two, in parallel)
 * whatever the number of people; a person appears once extraction or a reviewer has recorded something. Confidences
 * are as stored: `present` decays them. Throws when rapport is unreachable.
 */
export async function readStoredProfiles(core: Core, contactIds: readonly string[]): Promise<Map<string, ProfileView>> {
  const found = new Map<string, ProfileView>();
  if (contactIds.length === 0) return found;
  const ids = [...new Set(contactIds)];
  const [rows, moods] = await Promise.all([
    core.rapport.userProfile.findMany({
      where: { contactId: { in: ids }, profiledAt: { not: null } },
      include: { preferences: true, style: true },
    }),
    // The latest reading only: a nested `take` would fetch every reading of every person.
    core.rapport.$queryRaw<
      Array<{ contactId: string; label: string; valence: number; intensity: number; observedAt: Date }>
    >`
      SELECT DISTINCT ON ("contactId") "contactId", "label", "valence", "intensity", "observedAt"
      FROM "EmotionalState" WHERE "contactId" = ANY(${ids}::uuid[])
      ORDER BY "contactId", "observedAt" DESC, "id"`,
  ]);
  const latestMood = new Map(moods.map((m) => [m.contactId, m]));
  for (const row of rows) {
    const latest = latestMood.get(row.contactId);
    found.set(row.contactId, {
      summary: row.summary || null,
      language: row.language,
      preferences: row.preferences.map(
        (p): PreferenceView => ({
          id: p.id,
          topic: p.topic,
          stance: p.stance,
          confidence: p.confidence,
          lastSeenAt: p.lastSeenAt,
          pinned: p.pinned,
        }),
      ),
      mood: latest
        ? { label: latest.label, valence: latest.valence, intensity: latest.intensity, at: new Date(latest.observedAt) }
        : null,
      style: styleOf(row.style),
      updatedAt: row.profiledAt ?? row.updatedAt,
    });
  }
  return found;
}

/** Batch form for the API: one map entry per person something is known about, confidences decayed. */
export async function readProfiles(core: Core, contactIds: readonly string[]): Promise<Map<string, ProfileView>> {
  const stored = await readStoredProfiles(core, contactIds);
  const now = new Date();
  for (const [id, profile] of stored) stored.set(id, present(profile, now));
  return stored;
}

function revive(cached: ProfileView): ProfileView {
  return {
    ...cached,
    updatedAt: new Date(cached.updatedAt),
    mood: cached.mood ? { ...cached.mood, at: new Date(cached.mood.at) } : null,
    preferences: cached.preferences.map((p) => ({ ...p, lastSeenAt: new Date(p.lastSeenAt) })),
  };
}

/**
 * What drafting knows about a person; null until something is known. Behind a 5-minute cache that
 * extraction, corrections and erase invalidate. Throws when rapport is unreachable (the caller decides
 * whether to draft without the profile).
 */
export async function readProfile(core: Core, contactId: string): Promise<ProfileView | null> {
  const key = profileCacheKey(contactId);
  const cached = await core.cache.get<{ profile: ProfileView | null }>(key).catch(() => null);
  if (cached) return cached.profile ? present(revive(cached.profile)) : null;
  const profile = (await readStoredProfiles(core, [contactId])).get(contactId) ?? null;
  await core.cache.set(key, { profile }, CACHE_TTL_MS).catch(() => {});
  return profile ? present(profile) : null;
}

/** The latest `last` mood readings of each person, newest first, in one query. */
export async function readMoodHistories(
  core: Core,
  contactIds: readonly string[],
  last: number,
): Promise<Map<string, MoodView[]>> {
  const histories = new Map<string, MoodView[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0 || last <= 0) return histories;
  const rows = await core.rapport.$queryRaw<
    Array<{ contactId: string; label: string; valence: number; intensity: number; observedAt: Date }>
  >`
    SELECT "contactId", "label", "valence", "intensity", "observedAt" FROM (
      SELECT s.*, row_number() OVER (PARTITION BY s."contactId" ORDER BY s."observedAt" DESC, s."id") AS n
      FROM "EmotionalState" s WHERE s."contactId" = ANY(${[...new Set(contactIds)]}::uuid[])
    ) ranked WHERE n <= ${last} ORDER BY "contactId", "observedAt" DESC`;
  for (const r of rows) {
    histories
      .get(r.contactId)
      ?.push({ label: r.label, valence: r.valence, intensity: r.intensity, at: new Date(r.observedAt) });
  }
  return histories;
}
