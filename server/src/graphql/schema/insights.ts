import type { Reviewer } from '../../db.js';
import { BadInputError, ForbiddenError } from '../../errors.js';
import {
  type FunnelStats,
  funnelStats,
  MAX_RANGE_DAYS,
  type QueueStats,
  queueStats,
  type ReviewMeasures,
  type ReviewStats,
  reviewStats,
  statsRange,
} from '../../insights/stats.js';
import { isId } from '../../validate.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { CustomerStatusEnum } from './contact.js';
import { ReviewerRef } from './reviewer.js';

const ReviewMeasuresRef = builder.interfaceRef<ReviewMeasures>('ReviewMeasures').implement({
  description: 'The measures of a set of decided drafts: the whole range, one reviewer, or one day.',
  fields: (t) => ({
    decided: t.exposeInt('decided', { description: 'Drafts approved or rejected.' }),
    approved: t.exposeInt('approved', { description: 'Drafts approved.' }),
    rejected: t.exposeInt('rejected', { description: 'Drafts rejected.' }),
    edited: t.exposeInt('edited', { description: 'Approved drafts whose final bubbles differ from the suggestion.' }),
    approvalRate: t.exposeFloat('approvalRate', {
      nullable: true,
      description: 'approved / decided, 0 to 1; null when nothing was decided.',
    }),
    editedShare: t.exposeFloat('editedShare', {
      nullable: true,
      description: 'edited / approved, 0 to 1; null when nothing was approved.',
    }),
    meanEditDistance: t.exposeFloat('meanEditDistance', {
      nullable: true,
      description:
        'Mean over approved drafts of the normalised edit distance: Levenshtein distance in characters between ' +
        'the suggested and the final bubbles (each joined with a newline) over the longer text; 0 unchanged, 1 ' +
        'rewritten. Stored at approval.',
    }),
    medianReviewSeconds: t.exposeFloat('medianReviewSeconds', {
      nullable: true,
      description: "Median time from the deciding reviewer's claim to the decision, in seconds.",
    }),
    p90ReviewSeconds: t.exposeFloat('p90ReviewSeconds', {
      nullable: true,
      description: '90th percentile of the same, in seconds (interpolated, as percentile_cont).',
    }),
    medianWaitSeconds: t.exposeFloat('medianWaitSeconds', {
      nullable: true,
      description:
        'Median time a draft waited in the queue: from PENDING (drafting finished) to its first claim, in ' +
        'seconds. Redrafts, which a reviewer holds from the start, do not count.',
    }),
    llmCalls: t.exposeInt('llmCalls', { description: 'LLM calls counted (see the type for which).' }),
    llmTokens: t.exposeInt('llmTokens', { description: 'Input plus output tokens (cached input included).' }),
    llmCostUsd: t.exposeString('llmCostUsd', { description: 'A decimal string of US dollars, such as "0.004210".' }),
    messagesPerDraft: t.exposeFloat('messagesPerDraft', {
      nullable: true,
      description: 'Inbound messages answered per approved draft: how many messages debouncing folds into one reply.',
    }),
  }),
});

const ReviewerStatsRef = builder.objectRef<ReviewMeasures & { reviewer: Reviewer }>('ReviewerStats').implement({
  description:
    'The measures of the drafts one reviewer decided; LLM spend is the calls of those drafts (by the decision).',
  interfaces: [ReviewMeasuresRef],
  fields: (t) => ({
    reviewer: t.field({ type: ReviewerRef, description: 'The reviewer.', resolve: (s) => s.reviewer }),
  }),
});

const DailyReviewStatsRef = builder.objectRef<ReviewMeasures & { day: Date }>('DailyReviewStats').implement({
  description:
    'The measures of the drafts decided on one UTC day; LLM spend is the calls made that day (with reviewerId: ' +
    'the calls of the drafts decided that day).',
  interfaces: [ReviewMeasuresRef],
  fields: (t) => ({ day: t.expose('day', { type: 'Date', description: 'The UTC day.' }) }),
});

type ReviewStatsOut = Omit<ReviewStats, 'byReviewer'> & { byReviewer: Array<ReviewMeasures & { reviewer: Reviewer }> };

const ReviewStatsRef = builder.objectRef<ReviewStatsOut>('ReviewStats').implement({
  description:
    'How reviewing went over the drafts decided in [from, to). LLM spend is every call made in the range, ' +
    "whatever became of its draft; with reviewerId, the calls of that reviewer's decided drafts.",
  interfaces: [ReviewMeasuresRef],
  fields: (t) => ({
    from: t.expose('from', { type: 'DateTime', description: 'Start of the range, inclusive.' }),
    to: t.expose('to', { type: 'DateTime', description: 'End of the range, exclusive.' }),
    byReviewer: t.expose('byReviewer', {
      type: [ReviewerStatsRef],
      description:
        'Per reviewer, most decisions first, then by name. Admins see everyone; others see their own row only.',
    }),
    daily: t.expose('daily', {
      type: [DailyReviewStatsRef],
      description: 'Every UTC day the range touches, oldest first, days without decisions included.',
    }),
  }),
});

const FROM = 'Start, inclusive; default 30 days before `to`.';
const TO = 'End, exclusive; default now.';

builder.queryField('reviewStats', (t) =>
  t.field({
    type: ReviewStatsRef,
    description:
      `Approval rate, edits, review and wait times, LLM spend, per reviewer and per UTC day, over at most ` +
      `${MAX_RANGE_DAYS} days. reviewerId narrows everything to one reviewer: your own id, or anyone's for admins.`,
    args: {
      from: t.arg({ type: 'DateTime', description: FROM }),
      to: t.arg({ type: 'DateTime', description: TO }),
      reviewerId: t.arg.id({
        description: 'Only this reviewer: your own id, or any for admins (FORBIDDEN otherwise).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const me = signedIn(ctx);
      const reviewerId = args.reviewerId == null ? null : String(args.reviewerId);
      if (reviewerId !== null && !isId(reviewerId)) throw new BadInputError('reviewerId', 'No reviewer has this id');
      if (reviewerId !== null && reviewerId !== me.id && me.role !== 'ADMIN') throw new ForbiddenError();
      const stats = await reviewStats(ctx.core, statsRange(args.from, args.to), reviewerId);
      const visible = me.role === 'ADMIN' ? stats.byReviewer : stats.byReviewer.filter((r) => r.reviewerId === me.id);
      const reviewers = await ctx.core.analytics.reviewer.findMany({
        where: { id: { in: visible.map((r) => r.reviewerId) } },
      });
      const byId = new Map(reviewers.map((r) => [r.id, r]));
      return {
        ...stats,
        byReviewer: visible
          .flatMap((r) => {
            const reviewer = byId.get(r.reviewerId);
            return reviewer ? [{ ...r, reviewer }] : [];
          })
          .sort((a, b) => b.decided - a.decided || a.reviewer.displayName.localeCompare(b.reviewer.displayName)),
      };
    },
  }),
);

const StatusCountRef = builder.objectRef<FunnelStats['byStatus'][number]>('StatusCount').implement({
  description: 'How many contacts have one customer status now.',
  fields: (t) => ({
    status: t.expose('status', { type: CustomerStatusEnum, description: 'The status.' }),
    contacts: t.exposeInt('contacts', { description: 'Contacts with it.' }),
  }),
});

const StatusTransitionRef = builder.objectRef<FunnelStats['transitions'][number]>('StatusTransition').implement({
  description: 'The status changes from one status to another in the range.',
  fields: (t) => ({
    from: t.expose('from', { type: CustomerStatusEnum, description: 'The status moved from.' }),
    to: t.expose('to', { type: CustomerStatusEnum, description: 'The status moved to.' }),
    count: t.exposeInt('count', { description: 'How many such changes.' }),
    overrides: t.exposeInt('overrides', { description: 'Of those, admin overrides of the funnel table.' }),
  }),
});

const FunnelDayRef = builder.objectRef<FunnelStats['daily'][number]>('FunnelDay').implement({
  description: 'The funnel on one UTC day.',
  fields: (t) => ({
    day: t.expose('day', { type: 'Date', description: 'The UTC day.' }),
    newCustomers: t.exposeInt('newCustomers', { description: 'Moves into CUSTOMER from any status but CHURNED.' }),
    winBacks: t.exposeInt('winBacks', { description: 'Moves from CHURNED back to CUSTOMER.' }),
    ltvAdded: t.exposeString('ltvAdded', { description: 'Payments recorded that day, a decimal string.' }),
  }),
});

const FunnelStatsRef = builder.objectRef<FunnelStats>('FunnelStats').implement({
  description: 'The customer funnel: where contacts stand now, and what moved in [from, to).',
  fields: (t) => ({
    from: t.expose('from', { type: 'DateTime', description: 'Start of the range, inclusive.' }),
    to: t.expose('to', { type: 'DateTime', description: 'End of the range, exclusive.' }),
    byStatus: t.expose('byStatus', { type: [StatusCountRef], description: 'Contacts per status now, every status.' }),
    transitions: t.expose('transitions', {
      type: [StatusTransitionRef],
      description: 'Status changes in the range, per (from, to), most frequent first.',
    }),
    ltvAdded: t.exposeString('ltvAdded', { description: 'LTV payments recorded in the range, a decimal string.' }),
    ltvTotal: t.exposeString('ltvTotal', { description: 'Lifetime value of every contact now, a decimal string.' }),
    daily: t.expose('daily', {
      type: [FunnelDayRef],
      description: 'Every UTC day the range touches, oldest first: new customers and LTV added.',
    }),
  }),
});

builder.queryField('funnelStats', (t) =>
  t.field({
    type: FunnelStatsRef,
    description: `Contacts per status, status moves, LTV and new customers per UTC day, over at most ${MAX_RANGE_DAYS} days.`,
    args: {
      from: t.arg({ type: 'DateTime', description: FROM }),
      to: t.arg({ type: 'DateTime', description: TO }),
    },
    resolve: (_root, args, ctx) => funnelStats(ctx.core, statsRange(args.from, args.to)),
  }),
);

const QueueStatsRef = builder.objectRef<QueueStats>('QueueStats').implement({
  description: "The review queue at a glance, for the queue's header.",
  fields: (t) => ({
    pending: t.exposeInt('pending', { description: 'Drafts waiting for a reviewer now (PENDING).' }),
    oldestPendingAt: t.expose('oldestPendingAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the longest-waiting of them entered the queue; null when none waits.',
    }),
    claimedLastHour: t.exposeInt('claimedLastHour', {
      description: 'Drafts first claimed in the last hour (after waiting in the queue).',
    }),
    medianWaitSeconds: t.exposeFloat('medianWaitSeconds', {
      nullable: true,
      description: 'Median wait, PENDING to first claim, of the drafts first claimed in the last hour; null if none.',
    }),
  }),
});

builder.queryField('queueStats', (t) =>
  t.field({
    type: QueueStatsRef,
    description:
      'Drafts waiting now and the median wait of the last hour. Each card shows its own wait from Draft.pendingAt.',
    resolve: (_root, _args, ctx) => queueStats(ctx.core),
  }),
);
