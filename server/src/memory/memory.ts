import type { Core } from '../core.js';
import type { DraftTurn } from '../ports.js';

export interface MemoryView {
  summary: string;
  turns: DraftTurn[];
}

/** What drafting knows about a person, read from the rapport database. */
export async function readMemory(core: Core, contactId: string): Promise<MemoryView> {
  try {
    const profile = await core.rapport.userProfile.findUnique({ where: { contactId } });
    const turns = await core.rapport.memoryTurn.findMany({
      where: { contactId },
      orderBy: { createdAt: 'desc' },
      take: core.config.MEMORY_MAX_HISTORY,
    });
    return {
      summary: profile?.summary ?? '',
      turns: turns.reverse().map((t) => ({ role: t.role === 'assistant' ? 'assistant' : 'user', text: t.text })),
    };
  } catch (error) {
    // Rapport down: draft without history rather than not at all; the health report shows the outage.
    core.log.warn({ contactId, err: String(error) }, 'rapport unavailable; drafting without memory');
    return { summary: '', turns: [] };
  }
}

/**
 * Records a delivered exchange: the person's words and only the text that was actually sent.
 * Idempotent per draft, and trimmed to MEMORY_MAX_HISTORY turns.
 */
export async function rememberExchange(
  core: Core,
  exchange: { contactId: string; displayName: string; draftId: string; inbound: string; sent: string[] },
): Promise<void> {
  const { contactId, draftId } = exchange;
  await core.rapport.$transaction(async (tx) => {
    await tx.userProfile.upsert({
      where: { contactId },
      create: { contactId, displayName: exchange.displayName },
      update: { displayName: exchange.displayName },
    });
    const rows = [
      { contactId, role: 'user', text: exchange.inbound, draftId },
      { contactId, role: 'assistant', text: exchange.sent.join('\n'), draftId },
    ];
    const { count } = await tx.memoryTurn.createMany({ data: rows, skipDuplicates: true });
    if (count > 0) await tx.userProfile.update({ where: { contactId }, data: { turnCount: { increment: 1 } } });
    const stale = await tx.memoryTurn.findMany({
      where: { contactId },
      orderBy: { createdAt: 'desc' },
      skip: core.config.MEMORY_MAX_HISTORY,
      select: { id: true },
    });
    if (stale.length > 0) await tx.memoryTurn.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  });
}
