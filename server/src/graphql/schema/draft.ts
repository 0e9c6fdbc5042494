import { filter, pipe } from 'graphql-yoga';
import type { SafetyReport } from '../../drafting/safety.js';
import { ClaimConflictError, InvalidTransitionError } from '../../errors.js';
import type { FunnelOutcome } from '../../funnel/apply.js';
import type { QueuedDraftEvent } from '../../pubsub.js';
import { FILTERED_ROW, isFiltered, passesFilter, queueWhere } from '../../review/filter.js';
import { QUEUE_ORDER, TURN_ORDER, TURNS } from '../../review/order.js';
import {
  approveDraft,
  claimDraft,
  redraftDraft,
  rejectDraft,
  releaseDraft,
  retryDelivery,
  retryDraft,
} from '../../review/review.js';
import { isId } from '../../validate.js';
import { builder } from '../builder.js';
import { type Context, signedIn } from '../context.js';
import { rowField } from '../row-field.js';
import { CustomerStatusEnum, FunnelOutcomeRef } from './contact.js';
import { ROW_ERRORS } from './errors.js';
import { eventDraft, liveRows, oncePerEvent } from './live.js';

export const DraftStatusEnum = builder.enumType('DraftStatus', {
  description: 'Where a draft is in its life: drafted, reviewed, then delivered or not.',
  values: {
    GENERATING: { description: 'The LLM is writing it; not in the queue yet.' },
    PENDING: { description: 'Waiting in the review queue for a reviewer.' },
    CLAIMED: { description: 'A reviewer holds it (until claimExpiresAt); others cannot decide it meanwhile.' },
    APPROVED: { description: 'A reviewer approved finalBubbles; they are delivered (see deliveries).' },
    REJECTED: { description: 'A reviewer decided not to reply with it; nothing is sent.' },
    SUPERSEDED: {
      description: 'Replaced by a newer draft (the person wrote again, or a reviewer asked for a redraft).',
    },
    FAILED: { description: 'Drafting failed (failureReason says why); retryDraft sends it back to drafting.' },
  } as const,
});
const BubbleStatusEnum = builder.enumType('BubbleStatus', {
  description: 'The delivery state of one approved bubble.',
  values: {
    QUEUED: { description: 'Waiting to be sent to Telegram (or being retried).' },
    SENT: { description: 'Telegram accepted it (sentAt says when).' },
    FAILED: {
      description: 'Could not be sent after its retries (failureReason says why); retryDelivery sends it again.',
    },
  } as const,
});
const SafetyRecommendationEnum = builder.enumType('SafetyRecommendation', {
  description: "The safety review's advice, from its risk score; advisory only.",
  values: {
    approve: { description: 'Risk below 0.3: nothing of note found.' },
    review: { description: 'Risk from 0.3 to below 0.7: read the findings before approving.' },
    flag: { description: 'Risk 0.7 or more: the bubbles likely hold something that should not be sent.' },
  } as const,
});

const SafetyFinding = builder.objectRef<SafetyReport['findings'][number]>('SafetyFinding').implement({
  description: 'One thing the safety review found in the suggested bubbles.',
  fields: (t) => ({
    category: t.exposeString('category', {
      description: 'What kind of finding, such as personal_data or off_platform_link.',
    }),
    match: t.exposeString('match', { description: 'The text that matched.' }),
  }),
});

const Safety = builder.objectRef<SafetyReport>('SafetyReview').implement({
  description: 'Advisory only: shown to the reviewer, never blocks a draft.',
  fields: (t) => ({
    risk: t.exposeFloat('risk', { description: 'From 0 (nothing found) to 1, rounded to two decimals.' }),
    recommendation: t.expose('recommendation', {
      type: SafetyRecommendationEnum,
      description: 'The advice the risk maps to.',
    }),
    findings: t.expose('findings', {
      type: [SafetyFinding],
      description: 'What was found, in rule order; empty when nothing was.',
    }),
  }),
});

builder.prismaObject('OutboxBubble', {
  name: 'Delivery',
  description: 'One approved bubble on its way to the person over Telegram.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the bubble.' }),
    index: t.exposeInt('index', { description: "Its position among the draft's bubbles, from 0; sent in this order." }),
    text: t.exposeString('text', { description: 'The text sent.' }),
    status: t.expose('status', { type: BubbleStatusEnum, description: 'Whether it was sent.' }),
    failureReason: t.exposeString('failureReason', {
      nullable: true,
      description: 'Why the last attempt failed; null unless it did.',
    }),
    sentAt: t.expose('sentAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When Telegram accepted it; null until then.',
    }),
  }),
});

export const DraftRef = builder.prismaObject('Draft', {
  description: "A suggested reply to one burst of a person's messages, for a reviewer to approve, edit or reject.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the draft.' }),
    status: t.expose('status', { type: DraftStatusEnum, description: 'Where the draft is in its life.' }),
    contact: t.relation('contact', { description: 'The person it answers.' }),
    inboundText: t.exposeString('inboundText', { description: "The person's burst, messages joined by newlines." }),
    bubbles: t.exposeStringList('bubbles', { description: 'The suggested bubbles.' }),
    finalBubbles: t.exposeStringList('finalBubbles', { description: 'The bubbles a reviewer approved.' }),
    drafter: t.exposeString('drafter', {
      description:
        'What wrote it: the models used (draft → refine), or the offline stand-in when no LLM is configured; empty while generating.',
    }),
    failureReason: t.exposeString('failureReason', {
      nullable: true,
      description: 'Why drafting failed; null unless status is FAILED.',
    }),
    contextTrimmed: t.exposeBoolean('contextTrimmed', {
      description:
        'The drafter\'s prompt left context out to fit the model\'s token budget: shown as "context trimmed".',
    }),
    contextNote: t.exposeString('contextNote', {
      nullable: true,
      description: 'What was left out of the prompt and against which budget; null when nothing was.',
    }),
    draftedWithoutProfile: t.exposeBoolean('draftedWithoutProfile', {
      description:
        "The rapport database was unreachable: drafted from the analytics history alone, without the person's profile or memory.",
    }),
    safety: t.field({
      type: Safety,
      nullable: true,
      description:
        'The advisory safety review of the suggested bubbles; null before drafting finished or when it failed.',
      select: { safety: true },
      resolve: (d) => (d.safety as SafetyReport | null) ?? null,
    }),
    claimedBy: t.relation('claimedBy', {
      nullable: true,
      description: 'The reviewer who claimed it last; null if nobody has.',
    }),
    claimedAt: t.expose('claimedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the current (or deciding) reviewer claimed it.',
    }),
    claimExpiresAt: t.expose('claimExpiresAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'While CLAIMED: when the claim runs out and another reviewer may take it (leases last CLAIM_LEASE_SECONDS). Null when nobody has claimed it, and once it is released, decided or superseded.',
    }),
    reviewedBy: t.relation('reviewedBy', {
      nullable: true,
      description: 'The reviewer who approved or rejected it; null until decided.',
    }),
    reviewedAt: t.expose('reviewedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was approved or rejected; null until decided.',
    }),
    editTags: t.exposeStringList('editTags', {
      description: 'Tags the reviewer gave their edit at approval (see Query.editTags); empty if none.',
    }),
    qualityScore: t.exposeInt('qualityScore', {
      nullable: true,
      description: "The reviewer's rating of the suggestion, 1 to 5; null if not given.",
    }),
    notes: t.exposeString('notes', {
      nullable: true,
      description: "The reviewer's note at approval or rejection; null if none.",
    }),
    priority: t.exposeInt('priority', { description: '1 for an approved reply that could not be delivered, else 0.' }),
    queueAt: t.expose('queueAt', {
      type: 'DateTime',
      description: "Queue position: creation time moved earlier by the person's customer status.",
    }),
    previousEdit: t.exposeStringList('previousEdit', {
      description: "The reviewer's edit of the draft this one replaced when they asked to redraft.",
    }),
    newMessages: t.prismaField({
      type: ['Message'],
      select: { contactId: true, status: true },
      description: 'Messages the person sent while this draft was claimed: answered by a redraft, or the next burst.',
      resolve: (query, draft, _args, ctx) =>
        draft.status === 'CLAIMED'
          ? ctx.core.analytics.message.findMany({
              ...query,
              where: { contactId: draft.contactId, direction: 'INBOUND', draftId: null },
              orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }],
            })
          : [],
    }),
    deliveries: t.relation('outbox', {
      description: 'The approved bubbles and their delivery, in order; empty until approved.',
      query: { orderBy: { index: 'asc' } },
    }),
    burst: t.relation('messages', {
      description: "The person's messages this draft answers, oldest first (inboundText joins their texts).",
      query: { orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }] },
    }),
    pendingAt: t.expose('pendingAt', {
      type: 'DateTime',
      nullable: true,
      description:
        "When drafting finished and the draft entered the queue: a card's waiting time is now minus this. " +
        'Null while generating (and for drafts from before it was recorded).',
    }),
    firstClaimedAt: t.expose('firstClaimedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'The first claim by any reviewer (claimedAt is the latest).',
    }),
    editDistance: t.exposeFloat('editDistance', {
      nullable: true,
      description:
        'For an approved draft: Levenshtein distance in characters between the suggested and the final bubbles ' +
        '(each joined with a newline) over the longer length; 0 unchanged, 1 rewritten.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the burst was handed to drafting.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the draft last changed.' }),
  }),
});

/** Every list of drafts (the queue, a person's turns) is one connection type, named after its node. */
const DraftConnection = builder.connectionObject(
  { type: DraftRef, name: 'DraftConnection', description: 'A page of drafts.' },
  { name: 'DraftEdge', description: 'One draft in a page, with its cursor.' },
);

builder.prismaObjectField('Draft', 'history', (t) =>
  t.prismaConnection(
    {
      type: 'Draft',
      cursor: 'id',
      description:
        "The person's turns before this one, oldest first (as Contact.history): what the reviewer reads above " +
        'the burst. Page back with `last` and `before`.',
      resolve: (query, draft, _args, ctx) =>
        ctx.core.analytics.draft.findMany({
          ...query,
          where: { ...TURNS, contactId: draft.contactId, createdAt: { lt: draft.createdAt } },
          orderBy: TURN_ORDER,
        }),
    },
    DraftConnection,
  ),
);

builder.prismaObjectField('Contact', 'history', (t) =>
  t.relatedConnection(
    'drafts',
    {
      cursor: 'id',
      description:
        'The conversation turn by turn, oldest first: each turn is a draft with the burst it answers and, once ' +
        "approved, the reply (who approved it, when, and each bubble's delivery). Superseded drafts are left out " +
        '(their messages moved to the draft that replaced them). Page back with `last` and `before`.',
      query: { where: TURNS, orderBy: TURN_ORDER },
    },
    DraftConnection,
  ),
);

/** The queue's filters, the same on the list and on its live arrivals. */
const queueFilterArgs = builder.args((t) => ({
  status: t.field({ type: [DraftStatusEnum], description: 'Only drafts in these states.' }),
  safety: t.field({
    type: [SafetyRecommendationEnum],
    description: 'Only drafts whose safety review recommends one of these (a failed draft has none).',
  }),
  customerStatus: t.field({ type: [CustomerStatusEnum], description: 'Only drafts of people with these statuses.' }),
  claimedByMe: t.boolean({ description: 'When true, only the drafts you hold.' }),
  accountId: t.id({ description: 'Only drafts of people who wrote to this Telegram account.' }),
}));

/** The filter as the review module takes it (an ID argument may arrive as a number). */
const queueFilter = <A extends { accountId?: string | number | null }>(args: A) => ({
  ...args,
  accountId: args.accountId == null ? null : String(args.accountId),
});

builder.queryField('reviewQueue', (t) =>
  t.prismaConnection(
    {
      type: 'Draft',
      cursor: 'id',
      // The web app's "Show more" grows `first`; a page of up to 1,000 keeps every waiting draft reachable.
      maxSize: 1000,
      description:
        'Drafts that need a person: pending, claimed or failed drafts, and approved replies that could not be ' +
        'delivered (first), then by queueAt. Pages hold up to 1,000 drafts. Each filter given narrows the list.',
      args: queueFilterArgs,
      resolve: (query, _root, args, ctx) =>
        ctx.core.analytics.draft.findMany({
          ...query,
          where: queueWhere(queueFilter(args), signedIn(ctx).id),
          orderBy: QUEUE_ORDER,
        }),
    },
    DraftConnection,
  ),
);

builder.queryField('draft', (t) =>
  t.prismaField({
    type: 'Draft',
    nullable: true,
    description: 'One draft by id; null when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The draft id.' }) },
    resolve: (query, _root, args, ctx) =>
      isId(String(args.id)) ? ctx.core.analytics.draft.findUnique({ ...query, where: { id: String(args.id) } }) : null,
  }),
);

const DraftPayload = (name: string, description: string) =>
  builder.objectRef<{ draftId: string }>(name).implement({
    description,
    fields: (t) => ({ draft: rowField(t, 'Draft', (p) => p.draftId, 'The draft, as it is now.') }),
  });

const RejectDraftSuccess = DraftPayload('RejectDraftSuccess', 'The draft was rejected; nothing is sent.');

/**
 * A reviewer's mutation of one draft given by its id (the argument `arg`), answering `<Name>Success` with
 * the draft: `act` does the work and returns the draft it changed.
 */
function draftMutation(
  name: string,
  options: {
    arg?: 'id' | 'draftId';
    description?: string;
    /** What the success type says happened. */
    success: string;
    claims?: boolean;
    act: (ctx: Context, id: string) => Promise<{ id: string }>;
  },
) {
  const { arg = 'id', description, success, claims = false, act } = options;
  const Success = DraftPayload(`${name.charAt(0).toUpperCase()}${name.slice(1)}Success`, success);
  builder.mutationField(name, (t) =>
    t.field({
      type: Success,
      authScopes: { reviewer: true },
      description,
      errors: { types: claims ? [...ROW_ERRORS, ClaimConflictError] : ROW_ERRORS },
      args: { [arg]: t.arg.id({ required: true, description: 'The draft.' }) },
      resolve: async (_root, args, ctx) => ({ draftId: (await act(ctx, String(args[arg]))).id }),
    }),
  );
}

draftMutation('retryDelivery', {
  arg: 'draftId',
  description: "Sends an approved draft's failed bubbles again (reviewers and admins).",
  success: 'The failed bubbles are queued to be sent again.',
  act: (ctx, id) => retryDelivery(ctx.core, id, signedIn(ctx).id),
});

draftMutation('releaseDraft', {
  description: 'Hands a draft you claimed back to the queue without deciding (reviewers and admins).',
  success: 'The draft is back in the queue (PENDING) for anyone to claim.',
  claims: true,
  act: (ctx, id) => releaseDraft(ctx.core, id, signedIn(ctx)),
});

draftMutation('claimDraft', {
  description:
    'Takes a pending draft (or one whose claim ran out), or renews your own claim, for CLAIM_LEASE_SECONDS, so nobody else decides it meanwhile (reviewers and admins). ClaimConflictError when another reviewer holds it.',
  success: 'You hold the draft until its claimExpiresAt.',
  claims: true,
  act: (ctx, id) => claimDraft(ctx.core, id, signedIn(ctx)),
});

draftMutation('retryDraft', {
  description: 'Sends a FAILED draft back to drafting (reviewers and admins).',
  success: 'The draft is being drafted again (GENERATING).',
  act: (ctx, id) => retryDraft(ctx.core, id, signedIn(ctx).id),
});

const ApproveDraftInput = builder.inputType('ApproveDraftInput', {
  description: 'The decision to send a draft, with the final bubbles and optional review data.',
  fields: (t) => ({
    draftId: t.id({ required: true, description: 'The draft to approve.' }),
    bubbles: t.stringList({ required: true, description: 'The final bubbles to send, in order.' }),
    editTags: t.stringList({ description: 'Tags describing your edit (names from Query.editTags).' }),
    qualityScore: t.int({ description: '1 to 5.' }),
    notes: t.string({ description: 'A note kept with the decision.' }),
    customerStatus: t.field({
      type: CustomerStatusEnum,
      description:
        "Moves the person's customer status in the same step; InvalidTransitionError if the funnel forbids it.",
    }),
    ltvAmount: t.string({ description: 'A payment as a decimal string such as "120.50"; only with status CUSTOMER.' }),
    statusReason: t.string({ description: 'Why; required for an admin override of the funnel table.' }),
    claim: t.boolean({ description: 'Claim and approve in one step; without it, your live claim is needed.' }),
  }),
});

const ApproveDraftSuccess = builder.objectRef<FunnelOutcome & { draftId: string }>('ApproveDraftSuccess').implement({
  description: 'The draft was approved and its bubbles queued for delivery; any status change was applied.',
  interfaces: [FunnelOutcomeRef],
  fields: (t) => ({ draft: rowField(t, 'Draft', (p) => p.draftId, 'The approved draft.') }),
});

builder.mutationField('approveDraft', (t) =>
  t.field({
    type: ApproveDraftSuccess,
    authScopes: { reviewer: true },
    description:
      'Approves a draft you claimed (or claims it with `claim`) and queues its bubbles for delivery (reviewers and admins).',
    errors: { types: [...ROW_ERRORS, ClaimConflictError, InvalidTransitionError] },
    args: { input: t.arg({ type: ApproveDraftInput, required: true, description: 'The decision.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { draftId, funnel } = await approveDraft(
        ctx.core,
        { ...input, draftId: String(input.draftId) },
        signedIn(ctx),
      );
      return { draftId, ...funnel };
    },
  }),
);

const RejectDraftInput = builder.inputType('RejectDraftInput', {
  description: 'The decision not to send a draft.',
  fields: (t) => ({
    draftId: t.id({ required: true, description: 'The draft to reject.' }),
    notes: t.string({ description: 'Why, kept with the decision.' }),
    claim: t.boolean({ description: 'Claim and reject in one step; without it, your live claim is needed.' }),
  }),
});

builder.mutationField('rejectDraft', (t) =>
  t.field({
    type: RejectDraftSuccess,
    authScopes: { reviewer: true },
    description: 'Rejects a draft you claimed (or claims it with `claim`); nothing is sent (reviewers and admins).',
    errors: { types: [...ROW_ERRORS, ClaimConflictError] },
    args: { input: t.arg({ type: RejectDraftInput, required: true, description: 'The decision.' }) },
    resolve: async (_root, { input }, ctx) => ({
      draftId: (await rejectDraft(ctx.core, { ...input, draftId: String(input.draftId) }, signedIn(ctx))).id,
    }),
  }),
);

const RedraftDraftInput = builder.inputType('RedraftDraftInput', {
  description: 'A request for a new draft in place of one you hold.',
  fields: (t) => ({
    draftId: t.id({ required: true, description: 'The draft to replace.' }),
    editedBubbles: t.stringList({ description: 'Your edit so far, kept beside the new draft for reference.' }),
  }),
});

const RedraftDraftSuccess = DraftPayload(
  'RedraftDraftSuccess',
  'The old draft was superseded; `draft` is its replacement, which you hold.',
);

builder.mutationField('redraftDraft', (t) =>
  t.field({
    type: RedraftDraftSuccess,
    authScopes: { reviewer: true },
    description:
      'Replaces a draft you hold with a new one that also answers the messages that arrived meanwhile. ' +
      'You keep the new draft (`draft` in the result). Reviewers and admins.',
    errors: { types: [...ROW_ERRORS, ClaimConflictError] },
    args: { input: t.arg({ type: RedraftDraftInput, required: true, description: 'The draft to replace.' }) },
    resolve: async (_root, { input }, ctx) => ({
      draftId: (await redraftDraft(ctx.core, { ...input, draftId: String(input.draftId) }, signedIn(ctx))).id,
    }),
  }),
);

builder.subscriptionField('draftQueued', (t) =>
  t.prismaField({
    type: 'Draft',
    description:
      'A new draft entered the review queue; with filters (as on reviewQueue), only one that passes them. ' +
      'draftUpdated takes none: an update can move a draft into or out of a filtered list.',
    args: queueFilterArgs,
    subscribe: (_root, args, ctx) => {
      const events = liveRows<QueuedDraftEvent>(ctx, 'draftQueued');
      const filter_ = queueFilter(args);
      if (!isFiltered(filter_)) return events;
      const reviewerId = signedIn(ctx).id;
      // The row is read once per event; each subscriber only compares it with its own filter.
      return pipe(
        events,
        filter(async (event: QueuedDraftEvent) => {
          const row = await oncePerEvent(event, 'filtered row', () =>
            ctx.core.analytics.draft.findUnique({ where: { id: event.draftId }, select: FILTERED_ROW }),
          );
          return !!row && passesFilter(row, filter_, reviewerId);
        }),
      );
    },
    resolve: async (query, payload, _args, ctx) => {
      const draft = await eventDraft(ctx, payload, query);
      // The frame goes out as soon as this resolves: as near to the reviewer's screen as the server sees.
      ctx.core.metrics.draftOnScreen(payload.queuedAt);
      return draft;
    },
  }),
);

builder.subscriptionField('draftUpdated', (t) =>
  t.prismaField({
    type: 'Draft',
    description: 'A draft changed: claimed, approved, rejected, superseded, failed or delivered.',
    subscribe: (_root, _args, ctx) => liveRows(ctx, 'draftUpdated'),
    resolve: (query, payload, _args, ctx) => eventDraft(ctx, payload, query),
  }),
);
