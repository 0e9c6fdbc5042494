import { isId } from '../../validate.js';
import { builder } from '../builder.js';

interface MemoryStatsShape {
  contactId: string | null;
  profiles: number;
  turns: number;
  snapshots: number;
  contextBytes: number;
  largestContextBytes: number;
  compressions: number;
  historyLimitHits: number;
  compression: string | null;
  maxHistory: number;
  maxContextKb: number;
}

const MemoryStats = builder.objectRef<MemoryStatsShape>('MemoryStats').implement({
  fields: (t) => ({
    contactId: t.exposeID('contactId', { nullable: true }),
    profiles: t.exposeInt('profiles', { description: 'People with a rapport profile.' }),
    turns: t.exposeInt('turns', { description: 'Conversation turns held in memory.' }),
    snapshots: t.exposeInt('snapshots', { description: 'Summaries of turns that left the history.' }),
    contextBytes: t.exposeInt('contextBytes', { description: 'Size of the context objects, in bytes.' }),
    largestContextBytes: t.exposeInt('largestContextBytes'),
    compressions: t.exposeInt('compressions', {
      description: 'Times a context had to be compressed to fit the limit.',
    }),
    historyLimitHits: t.exposeInt('historyLimitHits', {
      description: 'Times turns left the history at MEMORY_MAX_HISTORY.',
    }),
    compression: t.exposeString('compression', {
      nullable: true,
      description: "One person's current level: none, essential or aggressive.",
    }),
    maxHistory: t.exposeInt('maxHistory'),
    maxContextKb: t.exposeInt('maxContextKb'),
  }),
});

builder.queryField('memoryStats', (t) =>
  t.field({
    type: MemoryStats,
    description: 'Memory sizes, limits hit and compressions, for one person or in total.',
    args: { contactId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const contactId = args.contactId == null ? null : String(args.contactId);
      const where = contactId
        ? { contactId: isId(contactId) ? contactId : '00000000-0000-0000-0000-000000000000' }
        : {};
      const r = ctx.core.rapport;
      const [profiles, turns, snapshots, contexts, one] = await Promise.all([
        r.userProfile.count({ where }),
        r.memoryTurn.count({ where }),
        r.conversationSnapshot.count({ where }),
        r.personalizationCache.aggregate({
          where,
          _sum: { sizeBytes: true, compressions: true, historyLimitHits: true },
          _max: { sizeBytes: true },
        }),
        contactId
          ? r.personalizationCache.findUnique({ where: { contactId: where.contactId! }, select: { compression: true } })
          : null,
      ]);
      return {
        contactId,
        profiles,
        turns,
        snapshots,
        contextBytes: contexts._sum.sizeBytes ?? 0,
        largestContextBytes: contexts._max.sizeBytes ?? 0,
        compressions: contexts._sum.compressions ?? 0,
        historyLimitHits: contexts._sum.historyLimitHits ?? 0,
        compression: one?.compression ?? null,
        maxHistory: ctx.core.config.MEMORY_MAX_HISTORY,
        maxContextKb: ctx.core.config.MEMORY_MAX_CONTEXT_KB,
      };
    },
  }),
);
