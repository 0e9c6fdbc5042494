import type { Core } from '../core.js';
import { lockContact } from '../db.js';
import type { Prisma } from '../generated/rapport/client.js';
import type { DraftTurn } from '../ports.js';
import { fitContext, type MemoryContext, summarise } from './context.js';

export interface MemoryView {
  summary: string;
  turns: DraftTurn[];
}

const CACHE_TTL_MS = 5 * 60_000;
export const memoryCacheKey = (contactId: string) => `memory:${contactId}`;

function describe(context: MemoryContext | null): string {
  if (!context) return '';
  const preferences = Object.entries(context.preferences ?? {}).map(([k, v]) => `${k}: ${v}`);
  return [
    preferences.length ? `Preferences: ${preferences.join('; ')}` : '',
    context.summary ? `Earlier conversation:\n${context.summary}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** What drafting knows about a person, from the rapport database behind a 5-minute cache. */
export async function readMemory(core: Core, contactId: string): Promise<MemoryView> {
  const cached = await core.cache.get<MemoryView>(memoryCacheKey(contactId)).catch(() => null);
  if (cached) return cached;
  try {
    const [context, turns] = await Promise.all([
      core.rapport.personalizationCache.findUnique({ where: { contactId } }),
      core.rapport.memoryTurn.findMany({
        where: { contactId },
        orderBy: { createdAt: 'desc' },
        take: core.config.MEMORY_MAX_HISTORY,
      }),
    ]);
    const view: MemoryView = {
      summary: describe((context?.context as MemoryContext | undefined) ?? null),
      turns: turns.reverse().map((t) => ({ role: t.role === 'assistant' ? 'assistant' : 'user', text: t.text })),
    };
    await core.cache.set(memoryCacheKey(contactId), view, CACHE_TTL_MS).catch(() => {});
    return view;
  } catch (error) {
    // Rapport down: draft without history rather than not at all; the health report shows the outage.
    core.log.warn({ contactId, err: String(error) }, 'rapport unavailable; drafting without memory');
    return { summary: '', turns: [] };
  }
}

export interface Exchange {
  contactId: string;
  displayName: string;
  username?: string | null;
  telegramUserId?: string | null;
  draftId: string;
  inbound: string;
  sent: string[];
}

/** Long enough for a rapport write; the person's erase waits for it. */
const REMEMBER_TX_TIMEOUT_MS = 30_000;

/**
 * The `remember` job: what the person wrote and what was actually sent, from analytics. It holds the
 * person's lock (as erase does) while it writes rapport, and reads the draft under it: an erase either
 * waits for this write and removes it, or has already removed the draft and nothing is written.
 */
export async function rememberDelivered(core: Core, draftId: string): Promise<void> {
  const owner = await core.analytics.draft.findUnique({ where: { id: draftId }, select: { contactId: true } });
  if (!owner) return;
  await core.analytics.$transaction(
    async (tx) => {
      await lockContact(tx, owner.contactId);
      const draft = await tx.draft.findUnique({
        where: { id: draftId },
        include: { contact: true, outbox: { where: { status: 'SENT' }, orderBy: { index: 'asc' } } },
      });
      if (!draft || draft.outbox.length === 0) return;
      await rememberExchange(core, {
        contactId: draft.contactId,
        displayName: draft.contact.displayName,
        username: draft.contact.username,
        telegramUserId: draft.contact.telegramUserId,
        draftId,
        inbound: draft.inboundText,
        sent: draft.outbox.map((b) => b.text),
      });
    },
    { timeout: REMEMBER_TX_TIMEOUT_MS, maxWait: REMEMBER_TX_TIMEOUT_MS },
  );
}

/**
 * Records a delivered exchange atomically: the person's words and only the text actually sent.
 * Turns beyond MEMORY_MAX_HISTORY leave the history and are summarised into the context object,
 * which is compressed in steps to stay under MEMORY_MAX_CONTEXT_KB. Idempotent per draft.
 */
export async function rememberExchange(core: Core, exchange: Exchange): Promise<void> {
  const { contactId, draftId } = exchange;
  const maxHistory = core.config.MEMORY_MAX_HISTORY;
  await core.rapport.$transaction(async (tx) => {
    await tx.userProfile.upsert({
      where: { contactId },
      create: { contactId, displayName: exchange.displayName },
      update: { displayName: exchange.displayName },
    });
    // The reply is a millisecond younger than what it answers, so history order never ties.
    const at = Date.now();
    const { count } = await tx.memoryTurn.createMany({
      data: [
        { contactId, role: 'user', text: exchange.inbound, draftId, createdAt: new Date(at) },
        { contactId, role: 'assistant', text: exchange.sent.join('\n'), draftId, createdAt: new Date(at + 1) },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return;
    const profile = await tx.userProfile.update({ where: { contactId }, data: { turnCount: { increment: 1 } } });

    const dropped = await tx.memoryTurn.findMany({
      where: { contactId },
      orderBy: { createdAt: 'desc' },
      skip: maxHistory,
    });
    dropped.reverse();
    if (dropped.length > 0) {
      await tx.memoryTurn.deleteMany({ where: { id: { in: dropped.map((t) => t.id) } } });
      await tx.conversationSnapshot.create({
        data: { contactId, summary: summarise(undefined, dropped), turnCount: profile.turnCount },
      });
    }

    const row = await tx.personalizationCache.findUnique({ where: { contactId } });
    const previous = (row?.context as MemoryContext | undefined) ?? null;
    const counters = previous?.counters ?? { exchanges: 0, messagesReceived: 0, bubblesSent: 0 };
    const next: MemoryContext = {
      identity: {
        name: exchange.displayName,
        username: exchange.username ?? null,
        telegramUserId: exchange.telegramUserId ?? null,
      },
      preferences: previous?.preferences ?? {},
      counters: {
        exchanges: counters.exchanges + 1,
        messagesReceived: counters.messagesReceived + exchange.inbound.split('\n').length,
        bubblesSent: counters.bubblesSent + exchange.sent.length,
      },
      summary: dropped.length > 0 ? summarise(previous?.summary, dropped) : previous?.summary,
    };
    const fitted = fitContext(next, core.config.MEMORY_MAX_CONTEXT_KB * 1024);
    const data = {
      context: fitted.context as unknown as Prisma.InputJsonObject,
      sizeBytes: fitted.sizeBytes,
      compression: fitted.level,
    };
    const compressed = fitted.level === 'none' ? 0 : 1;
    const limited = dropped.length > 0 ? 1 : 0;
    await tx.personalizationCache.upsert({
      where: { contactId },
      create: { contactId, ...data, compressions: compressed, historyLimitHits: limited },
      update: { ...data, compressions: { increment: compressed }, historyLimitHits: { increment: limited } },
    });
    if (fitted.level !== 'none')
      core.log.info(
        { contactId, draftId, level: fitted.level, sizeBytes: fitted.sizeBytes },
        'memory context compressed',
      );
  });
  // Invalidated on every write, so the next draft sees this exchange.
  await core.cache.delete(memoryCacheKey(contactId)).catch(() => {});
}
