import type { Core } from '../core.js';
import { lockContact, type RapportTx } from '../db.js';
import type { LlmUsage, ProfileUpdate } from '../ports.js';
import { contactChanged } from '../pubsub.js';
import { detectLanguage } from './language.js';
import { extractOffline } from './offline.js';
import { decayedConfidence, profileCacheKey, readStoredProfiles } from './read.js';
import { MAX_REPLY_SECONDS, REPLY_SAMPLES, type StyleSample, styleDelta } from './style.js';

/** Long enough for the rapport write; an erase of the person waits for it (both hold their lock). */
const EXTRACT_TX_TIMEOUT_MS = 30_000;
/** A language is taken from a burst with at least this many letters; shorter ones only set a first guess. */
const LANGUAGE_MIN_LETTERS = 12;
const MAX_TOPIC = 80;
const MAX_SUMMARY = 2000;

export const normaliseTopic = (topic: string) => topic.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, MAX_TOPIC);

interface Fresh {
  messages: Array<StyleSample & { id: string }>;
  update: ProfileUpdate;
  extractor: string;
  usage: LlmUsage[];
  language: string | null;
  letters: number;
  replySeconds: number | null;
}

/**
 * The `extract` job: folds the person's messages of one draft into their profile (preferences, mood, summary,
 * language, style). The model or the offline extractor runs before the person's lock is taken; the write holds
 * it, as erase does, and records each message in rapport, so no message counts twice (a superseded draft's
 * messages come back in the next draft) and a rerun changes nothing. The draft's `extractedAt` says it is
 * done; `reconcileExtraction` re-enqueues those that are not, so a rapport outage delays extraction and never
 * loses it.
 */
export async function extractTurn(core: Core, draftId: string): Promise<void> {
  // The draft, its person's name and its messages, oldest first, in one round trip (times as epoch ms).
  const [draft] = await core.analytics.$queryRaw<
    Array<{
      contactId: string;
      extractedAt: Date | null;
      displayName: string;
      messages: Array<{ id: string; text: string; sentAt: number }>;
    }>
  >`
    SELECT d."contactId", d."extractedAt", c."displayName",
      COALESCE((SELECT json_agg(json_build_object('id', m."id", 'text', m."text",
          'sentAt', (extract(epoch FROM m."sentAt") * 1000)::bigint) ORDER BY m."sentAt", m."createdAt")
        FROM "Message" m WHERE m."draftId" = d."id" AND m."direction" = 'INBOUND'), '[]'::json) AS "messages"
    FROM "Draft" d JOIN "Contact" c ON c."id" = d."contactId"
    WHERE d."id" = ${draftId}::uuid`;
  if (!draft || draft.extractedAt) return;
  const { contactId } = draft;
  const messages = draft.messages.map((m) => ({ id: m.id, text: m.text, sentAt: new Date(Number(m.sentAt)) }));
  const fresh = await readFresh(core, draftId, contactId, draft.displayName, messages);
  const written = await core.analytics.$transaction(
    async (tx) => {
      await lockContact(tx, contactId);
      if (!(await tx.draft.findUnique({ where: { id: draftId }, select: { id: true } }))) return false;
      if (fresh) {
        await core.rapport.$transaction((rtx) => writeProfile(rtx, contactId, draftId, draft.displayName, fresh));
        if (fresh.usage.length > 0) {
          await tx.llmCall.createMany({ data: fresh.usage.map((u) => ({ ...u, draftId })) });
        }
      }
      await tx.draft.update({ where: { id: draftId }, data: { extractedAt: new Date() } });
      return fresh !== null;
    },
    { timeout: EXTRACT_TX_TIMEOUT_MS, maxWait: EXTRACT_TX_TIMEOUT_MS },
  );
  if (written) {
    await core.cache.delete(profileCacheKey(contactId)).catch(() => {});
    contactChanged(core.pubsub, contactId);
    core.log.info({ draftId, contactId, extractor: fresh?.extractor }, 'profile updated from a turn');
  }
}

/** The draft's messages not yet in the profile, and what the extractor reads from them; null if none. */
async function readFresh(
  core: Core,
  draftId: string,
  contactId: string,
  contactName: string,
  messages: Array<StyleSample & { id: string }>,
): Promise<Fresh | null> {
  if (messages.length === 0) return null;
  const done = await core.rapport.profileExtraction.findMany({
    where: { messageId: { in: messages.map((m) => m.id) } },
    select: { messageId: true },
  });
  const seen = new Set(done.map((d) => d.messageId));
  const todo = messages.filter((m) => !seen.has(m.id));
  if (todo.length === 0) return null;
  const texts = todo.map((m) => m.text);
  const [previous, language, stored] = await Promise.all([
    core.analytics.message.findFirst({
      where: { contactId, sentAt: { lt: todo[0]!.sentAt } },
      orderBy: { sentAt: 'desc' },
      select: { direction: true, sentAt: true },
    }),
    detectLanguage(texts.join('\n')),
    readStoredProfiles(core, [contactId]),
  ]);
  const gap =
    previous?.direction === 'OUTBOUND' ? (todo[0]!.sentAt.getTime() - previous.sentAt.getTime()) / 1000 : null;
  const profile = stored.get(contactId);
  let update: ProfileUpdate | null = null;
  let extractor = 'offline';
  let usage: LlmUsage[] = [];
  if (core.extractor) {
    const answer = await core.extractor.extract({
      contactName,
      summary: profile?.summary ?? null,
      preferences: (profile?.preferences ?? []).map((p) => ({ topic: p.topic, stance: p.stance })),
      messages: texts,
    });
    usage = answer.usage;
    update = answer.update;
    if (update) extractor = answer.extractor;
    else core.log.warn({ draftId, contactId, error: usage[0]?.error }, 'profile extraction by the LLM failed; offline');
  }
  return {
    messages: todo,
    update: update ?? extractOffline(texts),
    extractor,
    usage,
    language,
    letters: texts.join('').replace(/[^\p{L}]/gu, '').length,
    replySeconds: gap !== null && gap >= 0 && gap <= MAX_REPLY_SECONDS ? Math.round(gap) : null,
  };
}

/**
 * Merges one burst into the profile. Confidence rises with repetition (each statement closes part of the
 * remaining gap to 1, from the decayed value), a contrary statement flips the stance and starts over, and
 * a pinned preference is left as the reviewer set it. Throws (to be retried) if another run got there first.
 */
async function writeProfile(
  tx: RapportTx,
  contactId: string,
  draftId: string,
  displayName: string,
  fresh: Fresh,
): Promise<void> {
  const now = new Date();
  const lastAt = fresh.messages.at(-1)!.sentAt;
  const existing = await tx.userProfile.findUnique({ where: { contactId }, select: { language: true } });
  const language =
    fresh.language && (fresh.letters >= LANGUAGE_MIN_LETTERS || !existing?.language) ? fresh.language : undefined;
  const summary = fresh.update.summary?.trim().slice(0, MAX_SUMMARY) || undefined;
  await tx.userProfile.upsert({
    where: { contactId },
    create: { contactId, displayName, profiledAt: now, language: language ?? null, summary: summary ?? '' },
    update: { profiledAt: now, ...(language ? { language } : {}), ...(summary ? { summary } : {}) },
  });
  const { count } = await tx.profileExtraction.createMany({
    data: fresh.messages.map((m) => ({ messageId: m.id, contactId, draftId, extractor: fresh.extractor })),
    skipDuplicates: true,
  });
  // Held under the person's lock, so only a run that already finished can have recorded them.
  if (count !== fresh.messages.length) throw new Error('messages already extracted by another run; retrying');

  const stated = new Map<string, ProfileUpdate['preferences'][number]>();
  for (const p of fresh.update.preferences) {
    const topic = normaliseTopic(p.topic);
    if (topic) stated.set(topic, { ...p, topic });
  }
  const known = await tx.userPreference.findMany({ where: { contactId, topic: { in: [...stated.keys()] } } });
  const byTopic = new Map(known.map((k) => [k.topic, k]));
  for (const p of stated.values()) {
    const confidence = Math.min(1, Math.max(0.05, p.confidence));
    const before = byTopic.get(p.topic);
    if (!before) {
      await tx.userPreference.create({
        data: { contactId, topic: p.topic, stance: p.stance, confidence, lastSeenAt: lastAt },
      });
    } else if (before.pinned) {
    } else if (before.stance === p.stance) {
      const decayed = decayedConfidence(before.confidence, before.lastSeenAt, lastAt);
      await tx.userPreference.update({
        where: { id: before.id },
        data: {
          confidence: 1 - (1 - decayed) * (1 - confidence),
          evidence: { increment: 1 },
          lastSeenAt: lastAt,
        },
      });
    } else {
      await tx.userPreference.update({
        where: { id: before.id },
        data: { stance: p.stance, confidence, evidence: 1, lastSeenAt: lastAt },
      });
    }
  }

  const mood = fresh.update.mood;
  if (mood) {
    const reading = { label: mood.label.slice(0, 40), valence: mood.valence, intensity: mood.intensity };
    await tx.emotionalState.upsert({
      where: { contactId_draftId: { contactId, draftId } },
      create: { contactId, draftId, ...reading, observedAt: lastAt },
      update: { ...reading, observedAt: lastAt },
    });
  }

  const delta = styleDelta(fresh.messages);
  const style = await tx.interactionStyle.findUnique({ where: { contactId } });
  const hourCounts = style?.hourCounts.length === 24 ? [...style.hourCounts] : Array<number>(24).fill(0);
  for (const hour of delta.hours) hourCounts[hour]! += 1;
  const replySeconds = [...(style?.replySeconds ?? []), ...(fresh.replySeconds === null ? [] : [fresh.replySeconds])];
  const totals = {
    messages: (style?.messages ?? 0) + delta.messages,
    totalLength: (style?.totalLength ?? 0) + delta.totalLength,
    emojiMessages: (style?.emojiMessages ?? 0) + delta.emojiMessages,
    questions: (style?.questions ?? 0) + delta.questions,
    formalitySum: (style?.formalitySum ?? 0) + delta.formalitySum,
    formalityCount: (style?.formalityCount ?? 0) + delta.formalityCount,
    replySeconds: replySeconds.slice(-REPLY_SAMPLES),
    hourCounts,
  };
  await tx.interactionStyle.upsert({ where: { contactId }, create: { contactId, ...totals }, update: totals });
}

/** After a crash or a long rapport outage: every draft whose messages are not yet in the profile. */
export async function reconcileExtraction(core: Core): Promise<void> {
  const pending = await core.analytics.draft.findMany({
    where: { extractedAt: null },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: 1000,
  });
  for (const { id } of pending) await core.jobs.enqueue('extract', { draftId: id });
}
