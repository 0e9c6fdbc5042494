import type { Core } from '../core.js';
import { lockContact } from '../db.js';
import type { Prisma } from '../generated/rapport/client.js';
import type { DraftTurn } from '../ports.js';
import { fitContext, type MemoryContext, summarise } from './context.js';

export interface MemoryView {
  /** Summary lines of turns that left the history, oldest first. */
  earlier: string[];
  /** The last MEMORY_MAX_HISTORY turns, oldest first. */
  turns: DraftTurn[];
}

const CACHE_TTL_MS = 5 * 60_000;
export const memoryCacheKey = (contactId: string) => `memory:v2:${contactId}`;

/**
 * What drafting remembers of a person, from the rapport database behind a 5-minute cache. Throws when
 * rapport cannot be read: the caller drafts from the analytics history instead (`readAnalyticsHistory`).
 */
export async function readMemory(core: Core, contactId: string): Promise<MemoryView> {
  const cached = await core.cache.get<MemoryView>(memoryCacheKey(contactId)).catch(() => null);
  if (cached) return cached;
  const [context, turns] = await Promise.all([
    core.rapport.personalizationCache.findUnique({ where: { contactId } }),
    core.rapport.memoryTurn.findMany({
      where: { contactId },
      orderBy: { createdAt: 'desc' },
      take: core.config.MEMORY_MAX_HISTORY,
    }),
  ]);
  const summary = (context?.context as MemoryContext | undefined)?.summary;
  const view: MemoryView = {
    earlier: summary ? summary.split('\n').filter((l) => l.trim().length > 0) : [],
    turns: turns.reverse().map((t) => ({ role: t.role === 'assistant' ? 'assistant' : 'user', text: t.text })),
  };
  await core.cache.set(memoryCacheKey(contactId), view, CACHE_TTL_MS).catch(() => {});
  return view;
}

/**
 * The last MEMORY_MAX_HISTORY turns as the analytics database holds them, for drafting while rapport is
 * down: what the person wrote (before the draft being written) and what was delivered to them, consecutive
 * messages of one side joined into one turn.
 */
export async function readAnalyticsHistory(core: Core, contactId: string, draftId: string): Promise<DraftTurn[]> {
  const max = core.config.MEMORY_MAX_HISTORY;
  const rows = await core.analytics.message.findMany({
    where: {
      contactId,
      OR: [{ direction: 'OUTBOUND' }, { direction: 'INBOUND', draftId: { not: null }, NOT: { draftId } }],
    },
    orderBy: { sentAt: 'desc' },
    // A turn is often several messages (a burst, a reply in bubbles): enough rows for `max` turns of three.
    take: max * 3,
    select: { direction: true, text: true },
  });
  const turns: DraftTurn[] = [];
  for (const row of rows.reverse()) {
    const role = row.direction === 'OUTBOUND' ? 'assistant' : 'user';
    const last = turns.at(-1);
    if (last?.role === role) last.text = `${last.text}\n${row.text}`;
    else turns.push({ role, text: row.text });
  }
  return turns.slice(-max);
}

export interface Exchange {
  contactId: string;
  displayName: string;
  username?: string | null;
  telegramUserId?: string | null;
  draftId: string;
  inbound: string;
  sent: string[];
  /** The model's summary of the turns this exchange pushes out of the history, written before the write began. */
  summary?: PreparedSummary;
}

/** A summary written ahead for the turns it names; used only if exactly those turns leave the history. */
export interface PreparedSummary {
  turnIds: string[];
  text: string;
}

/**
 * With an LLM configured: its summary of the turns the next exchange will push out of the history, written
 * before any lock is taken (a model call may take LLM_TIMEOUT_SECONDS) and recorded as a `summarise` call of
 * the draft. Nothing when offline, when the model fails (the line summary is kept) or when nothing leaves.
 */
async function summariseLeaving(
  core: Core,
  contactId: string,
  contactName: string,
  draftId: string,
): Promise<PreparedSummary | undefined> {
  if (!core.drafter.summarise) return undefined;
  const [written, leaving] = await Promise.all([
    core.rapport.memoryTurn.findFirst({ where: { contactId, draftId }, select: { id: true } }),
    core.rapport.memoryTurn.findMany({
      where: { contactId },
      orderBy: { createdAt: 'desc' },
      // The exchange adds two turns: those past the newest MEMORY_MAX_HISTORY - 2 will leave.
      skip: Math.max(0, core.config.MEMORY_MAX_HISTORY - 2),
      select: { id: true, role: true, text: true },
    }),
  ]);
  if (written || leaving.length === 0) return undefined;
  leaving.reverse();
  const result = await core.drafter.summarise({
    contactName,
    turns: leaving.map((t) => ({ role: t.role === 'assistant' ? 'assistant' : 'user', text: t.text })),
  });
  if (result.usage.length > 0) {
    await core.analytics.llmCall.createMany({ data: result.usage.map((u) => ({ ...u, draftId })) });
  }
  return result.text ? { turnIds: leaving.map((t) => t.id), text: result.text } : undefined;
}

/** Long enough for a rapport write; the person's erase waits for it. */
const REMEMBER_TX_TIMEOUT_MS = 30_000;

/**
 * The `remember` job: what the person wrote and what was actually sent, from analytics. It holds the
 * person's lock (as erase does) while it writes rapport, and reads the draft under it: an erase either
 * waits for this write and removes it, or has already removed the draft and nothing is written.
 */
export async function rememberDelivered(core: Core, draftId: string): Promise<void> {
  const owner = await core.analytics.draft.findUnique({
    where: { id: draftId },
    select: { contactId: true, contact: { select: { displayName: true } } },
  });
  if (!owner) return;
  const summary = await summariseLeaving(core, owner.contactId, owner.contact.displayName, draftId);
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
        summary,
      });
    },
    { timeout: REMEMBER_TX_TIMEOUT_MS, maxWait: REMEMBER_TX_TIMEOUT_MS },
  );
}

/**
 * Records a delivered exchange atomically: the person's words and only the text actually sent.
 * Turns beyond MEMORY_MAX_HISTORY leave the history and are summarised into the context object (by the
 * model when `exchange.summary` covers them, a line per turn otherwise), which is compressed to stay under
 * MEMORY_MAX_CONTEXT_KB, oldest summary lines first. Idempotent per draft.
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
    const prepared = exchange.summary;
    const leaving =
      prepared && prepared.turnIds.join() === dropped.map((t) => t.id).join()
        ? prepared.text
        : summarise(undefined, dropped);
    if (dropped.length > 0) {
      await tx.memoryTurn.deleteMany({ where: { id: { in: dropped.map((t) => t.id) } } });
      await tx.conversationSnapshot.create({ data: { contactId, summary: leaving, turnCount: profile.turnCount } });
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
      summary: dropped.length > 0 ? [previous?.summary, leaving].filter(Boolean).join('\n') : previous?.summary,
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
