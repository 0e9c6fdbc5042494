import { NotFoundError, ValidationError } from '../../errors.js';
import { correctProfile } from '../../profile/correct.js';
import { readMoodHistories, readProfiles } from '../../profile/read.js';
import type { MoodView, PreferenceView, ProfileView, StyleView } from '../../profile/view.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { rowField } from '../row-field.js';

/** A profile with the person it belongs to, for the fields that load more by person (moodHistory). */
type PersonProfile = ProfileView & { contactId: string };

const MAX_MOOD_HISTORY = 200;

export const StanceEnum = builder.enumType('Stance', {
  description: 'Whether the person likes or dislikes a topic.',
  values: {
    LIKES: { description: 'They like it.' },
    DISLIKES: { description: 'They dislike it.' },
  } as const,
});

const PreferenceRef = builder.objectRef<PreferenceView>('Preference').implement({
  description: 'Something the person likes or dislikes, as extraction or a reviewer recorded it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Names the preference in correctProfile.' }),
    topic: t.exposeString('topic', { description: 'What it is about, lower case.' }),
    stance: t.expose('stance', { type: StanceEnum, description: 'Likes or dislikes.' }),
    confidence: t.exposeFloat('confidence', {
      description: 'How sure, 0 to 1: rises when repeated, halves every 60 days unseen; 1 when pinned.',
    }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', description: 'When the person last stated it.' }),
    pinned: t.exposeBoolean('pinned', { description: 'Set by a reviewer; extraction never changes it.' }),
  }),
});

const MoodReadingRef = builder.objectRef<MoodView>('MoodReading').implement({
  description: "The mood one of the person's turns showed.",
  fields: (t) => ({
    label: t.exposeString('label', { description: 'A word for it, such as joy or frustration.' }),
    valence: t.exposeFloat('valence', { description: 'From -1 (negative) to 1 (positive).' }),
    intensity: t.exposeFloat('intensity', { description: 'From 0 (faint) to 1 (strong).' }),
    at: t.expose('at', { type: 'DateTime', description: 'When the person wrote it.' }),
  }),
});

const InteractionStyleRef = builder.objectRef<StyleView>('InteractionStyle').implement({
  description: 'How the person writes: statistics of their messages, no LLM involved.',
  fields: (t) => ({
    messages: t.exposeInt('messages', { description: 'Messages counted.' }),
    meanLength: t.exposeFloat('meanLength', { description: 'Mean length of a message in characters.' }),
    emojiRate: t.exposeFloat('emojiRate', { description: 'Share of messages with an emoji, 0 to 1.' }),
    questionRate: t.exposeFloat('questionRate', { description: 'Share of messages with a question, 0 to 1.' }),
    formality: t.exposeFloat('formality', {
      nullable: true,
      description: 'From 0 (casual) to 1 (formal), from markers in the messages; null without any.',
    }),
    typicalReplySeconds: t.exposeFloat('typicalReplySeconds', {
      nullable: true,
      description: 'Median seconds between our reply and their next message; null before they answered one.',
    }),
    activeHoursUtc: t.exposeIntList('activeHoursUtc', {
      description: 'The UTC hours they write in most, most active first (up to 3).',
    }),
  }),
});

const PersonProfileRef = builder.objectRef<PersonProfile>('PersonProfile').implement({
  description: 'What Countersign knows about a person: filled after each turn, correctable by reviewers.',
  fields: (t) => ({
    summary: t.exposeString('summary', {
      nullable: true,
      description: 'A few sentences: who they are, what they want, where things stand.',
    }),
    language: t.exposeString('language', {
      nullable: true,
      description: 'BCP 47 code of the language they write in, such as "en" or "pt".',
    }),
    preferences: t.field({
      type: [PreferenceRef],
      description: 'Strongest first (pinned ones first of all).',
      resolve: (p) => p.preferences,
    }),
    mood: t.field({
      type: MoodReadingRef,
      nullable: true,
      description: 'The latest mood reading.',
      resolve: (p) => p.mood,
    }),
    moodHistory: t.loadableList({
      type: MoodReadingRef,
      description: 'The latest readings, newest first.',
      args: { last: t.arg.int({ defaultValue: 20, description: `How many, at most ${MAX_MOOD_HISTORY}.` }) },
      byPath: true,
      load: async (contactIds: string[], ctx, args) => {
        const last = Math.min(Math.max(args.last ?? 20, 0), MAX_MOOD_HISTORY);
        const histories = await readMoodHistories(ctx.core, contactIds, last);
        return contactIds.map((id) => histories.get(id) ?? []);
      },
      resolve: (p) => p.contactId,
    }),
    style: t.field({ type: InteractionStyleRef, description: 'How they write.', resolve: (p) => p.style }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'When extraction or a reviewer last changed it.',
    }),
  }),
});

builder.prismaObjectField('Contact', 'profile', (t) =>
  t.loadable({
    type: PersonProfileRef,
    nullable: true,
    description: 'What is known about the person; null until something is.',
    load: async (contactIds: string[], ctx) => {
      const profiles = await readProfiles(ctx.core, contactIds);
      return contactIds.map((id) => {
        const profile = profiles.get(id);
        return profile ? { ...profile, contactId: id } : null;
      });
    },
    resolve: (contact) => contact.id,
  }),
);

const PreferenceInput = builder.inputType('PreferenceInput', {
  description: 'A preference a reviewer adds.',
  fields: (t) => ({
    topic: t.string({ required: true, description: 'What it is about (at most 80 characters).' }),
    stance: t.field({ type: StanceEnum, required: true, description: 'Likes or dislikes.' }),
    pinned: t.boolean({ description: 'Pin it, so extraction never changes it; false by default.' }),
  }),
});

const CorrectProfileInput = builder.inputType('CorrectProfileInput', {
  description: "A reviewer's correction of a person profile; all of it applies, or none.",
  fields: (t) => ({
    contactId: t.id({ required: true, description: 'The person.' }),
    removePreferenceIds: t.idList({ description: 'Preferences that are wrong (at most 50).' }),
    pinPreferenceIds: t.idList({ description: 'Preferences that are right: confidence 1, kept from extraction.' }),
    addPreferences: t.field({ type: [PreferenceInput], description: 'Preferences to add (at most 20).' }),
    summary: t.string({ description: 'A new summary (at most 2,000 characters); empty clears it.' }),
  }),
});

const CorrectProfileSuccess = builder.objectRef<{ contactId: string }>('CorrectProfileSuccess').implement({
  description: 'The correction was applied.',
  fields: (t) => ({ contact: rowField(t, 'Contact', (p) => p.contactId, 'The person, with the corrected profile.') }),
});

builder.mutationField('correctProfile', (t) =>
  t.field({
    type: CorrectProfileSuccess,
    authScopes: { reviewer: true },
    description: 'Removes, pins or adds preferences and edits the summary of a person; audited. Reviewers and admins.',
    errors: { types: [ValidationError, NotFoundError] },
    args: { input: t.arg({ type: CorrectProfileInput, required: true, description: 'The correction.' }) },
    resolve: async (_root, { input }, ctx) => ({
      contactId: await correctProfile(ctx.core, signedIn(ctx).id, {
        contactId: String(input.contactId),
        removePreferenceIds: input.removePreferenceIds?.map(String),
        pinPreferenceIds: input.pinPreferenceIds?.map(String),
        addPreferences: input.addPreferences,
        summary: input.summary,
      }),
    }),
  }),
);
