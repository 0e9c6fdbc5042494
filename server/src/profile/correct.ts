import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import { lockContact } from '../db.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { contactChanged } from '../pubsub.js';
import { isId, optionalText, requireText } from '../validate.js';
import { normaliseTopic } from './extract.js';
import { profileCacheKey } from './read.js';
import type { Stance } from './view.js';

export interface ProfileCorrection {
  contactId: string;
  removePreferenceIds?: readonly string[] | null;
  pinPreferenceIds?: readonly string[] | null;
  addPreferences?: ReadonlyArray<{ topic: string; stance: Stance; pinned?: boolean | null }> | null;
  /** A new summary; an empty one clears it. */
  summary?: string | null;
}

export const MAX_CORRECTED_IDS = 50;
export const MAX_ADDED_PREFERENCES = 20;
export const MAX_TOPIC_LENGTH = 80;
export const MAX_SUMMARY_LENGTH = 2000;

function ids(field: string, values: readonly string[] | null | undefined): string[] {
  const list = [...new Set(values ?? [])];
  if (list.length > MAX_CORRECTED_IDS) throw new ValidationError(field, `At most ${MAX_CORRECTED_IDS} ids at once`);
  for (const id of list) if (!isId(id)) throw new ValidationError(field, `${id.slice(0, 40)} is not a preference id`);
  return list;
}

/**
 * A reviewer's correction of what is known about a person: remove wrong preferences, pin right ones (pinned:
 * confidence 1, never changed by extraction), add preferences, rewrite the summary. All or nothing: any bad
 * field is a ValidationError naming it, and nothing changes. Audited (topics and summary only under `notes`,
 * which an erase removes). Held under the person's lock, like extraction and erase.
 */
export async function correctProfile(core: Core, reviewerId: string, input: ProfileCorrection): Promise<string> {
  const { contactId } = input;
  if (!isId(contactId)) throw new NotFoundError('Contact', contactId);
  const remove = ids('removePreferenceIds', input.removePreferenceIds);
  const pin = ids('pinPreferenceIds', input.pinPreferenceIds);
  const both = pin.find((id) => remove.includes(id));
  if (both) throw new ValidationError('pinPreferenceIds', 'A preference cannot be both removed and pinned');
  const additions = input.addPreferences ?? [];
  if (additions.length > MAX_ADDED_PREFERENCES) {
    throw new ValidationError('addPreferences', `At most ${MAX_ADDED_PREFERENCES} preferences at once`);
  }
  const add = additions.map((p) => ({
    topic: normaliseTopic(requireText('addPreferences', p.topic, MAX_TOPIC_LENGTH, 'A topic')),
    stance: p.stance,
    pinned: p.pinned ?? false,
  }));
  if (new Set(add.map((p) => p.topic)).size !== add.length) {
    throw new ValidationError('addPreferences', 'The same topic is added twice');
  }
  const summary =
    input.summary === undefined || input.summary === null
      ? undefined
      : (optionalText('summary', input.summary, MAX_SUMMARY_LENGTH, 'The summary') ?? '');
  if (remove.length + pin.length + add.length === 0 && summary === undefined) {
    throw new ValidationError('input', 'Nothing to correct');
  }

  await core.analytics.$transaction(async (tx) => {
    await lockContact(tx, contactId);
    const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { displayName: true } });
    if (!contact) throw new NotFoundError('Contact', contactId);
    const named = [...remove, ...pin];
    const known = named.length
      ? await core.rapport.userPreference.findMany({
          where: { contactId, id: { in: named } },
          select: { id: true, topic: true, stance: true },
        })
      : [];
    const byId = new Map(known.map((k) => [k.id, k]));
    for (const [field, list] of [
      ['removePreferenceIds', remove],
      ['pinPreferenceIds', pin],
    ] as const) {
      const unknown = list.find((id) => !byId.has(id));
      if (unknown) throw new ValidationError(field, `No preference ${unknown} for this person`);
    }
    const describe = (id: string) => `${byId.get(id)!.stance.toLowerCase()} ${byId.get(id)!.topic}`;
    const notes = [
      remove.length ? `removed: ${remove.map(describe).join('; ')}` : '',
      pin.length ? `pinned: ${pin.map(describe).join('; ')}` : '',
      add.length
        ? `added: ${add.map((p) => `${p.stance.toLowerCase()} ${p.topic}${p.pinned ? ' (pinned)' : ''}`).join('; ')}`
        : '',
      summary !== undefined ? `summary: ${summary || '(cleared)'}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    await audit(tx, 'profile.correct', {
      actorId: reviewerId,
      subjectId: contactId,
      detail: {
        removed: remove.length,
        pinned: pin.length,
        added: add.length,
        summaryEdited: summary !== undefined,
        notes,
      },
    });
    // Last, so a refused rapport write takes the audit entry back with it.
    const now = new Date();
    await core.rapport.$transaction(async (rtx) => {
      await rtx.userProfile.upsert({
        where: { contactId },
        create: { contactId, displayName: contact.displayName, profiledAt: now, summary: summary ?? '' },
        update: { profiledAt: now, ...(summary !== undefined ? { summary } : {}) },
      });
      if (remove.length) await rtx.userPreference.deleteMany({ where: { contactId, id: { in: remove } } });
      if (pin.length) {
        await rtx.userPreference.updateMany({
          where: { contactId, id: { in: pin } },
          data: { pinned: true, confidence: 1, lastSeenAt: now },
        });
      }
      for (const p of add) {
        const data = { stance: p.stance, pinned: p.pinned, confidence: 1, evidence: 1, lastSeenAt: now };
        await rtx.userPreference.upsert({
          where: { contactId_topic: { contactId, topic: p.topic } },
          create: { contactId, topic: p.topic, ...data },
          update: data,
        });
      }
    });
  });
  await core.cache.delete(profileCacheKey(contactId)).catch(() => {});
  contactChanged(core.pubsub, contactId);
  core.log.info(
    { contactId, reviewerId, removed: remove.length, pinned: pin.length, added: add.length },
    'profile corrected',
  );
  return contactId;
}
