import { type MemoryStats, memoryStats } from '../../memory/stats.js';
import { builder } from '../builder.js';

const MemoryStatsRef = builder.objectRef<MemoryStats>('MemoryStats').implement({
  description: "The drafter's conversation memory (rapport database): sizes, limits and compressions.",
  fields: (t) => ({
    contactId: t.exposeID('contactId', {
      nullable: true,
      description: 'The person these are for; null for the totals.',
    }),
    profiles: t.exposeInt('profiles', { description: 'People with a rapport profile.' }),
    turns: t.exposeInt('turns', { description: 'Conversation turns held in memory.' }),
    snapshots: t.exposeInt('snapshots', { description: 'Summaries of turns that left the history.' }),
    contextBytes: t.exposeInt('contextBytes', { description: 'Size of the context objects, in bytes.' }),
    largestContextBytes: t.exposeInt('largestContextBytes', {
      description: 'The largest single context object, in bytes.',
    }),
    compressions: t.exposeInt('compressions', {
      description: 'Times a context had to be compressed to fit the limit.',
    }),
    historyLimitHits: t.exposeInt('historyLimitHits', {
      description: 'Times turns left the history at MEMORY_MAX_HISTORY.',
    }),
    compression: t.exposeString('compression', {
      nullable: true,
      description:
        "One person's current level: none, partial (the newest summary lines kept), essential (no summary) or aggressive.",
    }),
    maxHistory: t.exposeInt('maxHistory', {
      description: 'Turns kept per person before they leave the history (MEMORY_MAX_HISTORY).',
    }),
    maxContextKb: t.exposeInt('maxContextKb', {
      description: 'The size limit of one context, in KiB (MEMORY_MAX_CONTEXT_KB).',
    }),
  }),
});

builder.queryField('memoryStats', (t) =>
  t.field({
    type: MemoryStatsRef,
    description: 'Memory sizes, limits hit and compressions, for one person or in total.',
    args: { contactId: t.arg.id({ description: 'One person; omit for the totals.' }) },
    resolve: (_root, args, ctx) => memoryStats(ctx.core, args.contactId == null ? null : String(args.contactId)),
  }),
);
