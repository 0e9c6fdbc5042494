import { isId } from '../../validate.js';
import { builder } from '../builder.js';

interface MemoryStatsShape {
  contactId: string | null;
  profiles: number;
  turns: number;
  maxHistory: number;
  maxContextKb: number;
  contextBytes: number;
}

const MemoryStats = builder.objectRef<MemoryStatsShape>('MemoryStats').implement({
  fields: (t) => ({
    contactId: t.exposeID('contactId', { nullable: true }),
    profiles: t.exposeInt('profiles', { description: 'People with a rapport profile.' }),
    turns: t.exposeInt('turns', { description: 'Conversation turns held in memory.' }),
    contextBytes: t.exposeInt('contextBytes'),
    maxHistory: t.exposeInt('maxHistory'),
    maxContextKb: t.exposeInt('maxContextKb'),
  }),
});

builder.queryField('memoryStats', (t) =>
  t.field({
    type: MemoryStats,
    description: 'Memory sizes and limits, for one person or in total.',
    args: { contactId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const contactId = args.contactId == null ? null : String(args.contactId);
      const where = contactId ? { contactId: isId(contactId) ? contactId : '00000000-0000-0000-0000-000000000000' } : {};
      const [profiles, turns, cache] = await Promise.all([
        ctx.core.rapport.userProfile.count({ where }),
        ctx.core.rapport.memoryTurn.count({ where }),
        ctx.core.rapport.personalizationCache.aggregate({ where, _sum: { sizeBytes: true } }),
      ]);
      return {
        contactId,
        profiles,
        turns,
        contextBytes: cache._sum.sizeBytes ?? 0,
        maxHistory: ctx.core.config.MEMORY_MAX_HISTORY,
        maxContextKb: ctx.core.config.MEMORY_MAX_CONTEXT_KB,
      };
    },
  }),
);
