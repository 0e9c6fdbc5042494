import type { Core } from '../core.js';
import { isId } from '../validate.js';

export interface MemoryStats {
  contactId: string | null;
  profiles: number;
  turns: number;
  snapshots: number;
  contextBytes: number;
  largestContextBytes: number;
  compressions: number;
  historyLimitHits: number;
  /** One person's current compression level; null for the totals. */
  compression: string | null;
  maxHistory: number;
  maxContextKb: number;
}

/** Memory sizes, limits hit and compressions for one person, or in total when `contactId` is null. */
export async function memoryStats(core: Core, contactId: string | null): Promise<MemoryStats> {
  const empty = { contactId, profiles: 0, turns: 0, snapshots: 0, contextBytes: 0, largestContextBytes: 0 };
  const limits = { maxHistory: core.config.MEMORY_MAX_HISTORY, maxContextKb: core.config.MEMORY_MAX_CONTEXT_KB };
  if (contactId !== null && !isId(contactId)) {
    return { ...empty, compressions: 0, historyLimitHits: 0, compression: null, ...limits };
  }
  const where = contactId ? { contactId } : {};
  const r = core.rapport;
  const [profiles, turns, snapshots, contexts, one] = await Promise.all([
    r.userProfile.count({ where }),
    r.memoryTurn.count({ where }),
    r.conversationSnapshot.count({ where }),
    r.personalizationCache.aggregate({
      where,
      _sum: { sizeBytes: true, compressions: true, historyLimitHits: true },
      _max: { sizeBytes: true },
    }),
    contactId ? r.personalizationCache.findUnique({ where: { contactId }, select: { compression: true } }) : null,
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
    ...limits,
  };
}
