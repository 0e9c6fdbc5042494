import type { Core } from '../core.js';
import { contactLock, Prisma } from '../db.js';
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

/** The draft's person, and the model's summary of the turns leaving the history; null once the draft is gone. */
async function beforeTheLock(
  core: Core,
  draftId: string,
): Promise<{ contactId: string; summary?: PreparedSummary } | null> {
  const [owner] = await core.sql<{ contactId: string; displayName: string }>(Prisma.sql`
    SELECT d."contactId", c."displayName" FROM "Draft" d JOIN "Contact" c ON c."id" = d."contactId"
    WHERE d."id" = ${draftId}::uuid`);
  if (!owner) return null;
  return {
    contactId: owner.contactId,
    summary: await summariseLeaving(core, owner.contactId, owner.displayName, draftId),
  };
}

/** Longest the person's lock is held waiting on rapport; the person's erase waits for it. */
const REMEMBER_TX_TIMEOUT = '30s';

/**
 * The `remember` job: what the person wrote and what was actually sent, from analytics. It holds the
 * person's lock (as erase does) while it writes rapport, and reads the draft under it: an erase either
 * waits for this write and removes it, or has already removed the draft and nothing is written. `knownContactId`
 * is the draft's person as the delivery read it: without a model to summarise with, nothing is read before the lock.
 */
export async function rememberDelivered(core: Core, draftId: string, knownContactId?: string): Promise<void> {
  const prepared =
    knownContactId && !core.drafter.summarise ? { contactId: knownContactId } : await beforeTheLock(core, draftId);
  if (!prepared) return;
  const { contactId: lockedContact, summary } = prepared;
  await core.sqlTransaction(async (sql) => {
    // The person's lock, then: PostgreSQL ends this transaction, and so frees the lock, should rapport keep it
    // waiting longer than REMEMBER_TX_TIMEOUT.
    await sql(Prisma.sql`
      SELECT set_config('idle_in_transaction_session_timeout', ${REMEMBER_TX_TIMEOUT}, true)
      FROM (${contactLock(lockedContact)}) locked`);
    // The draft, its person and the bubbles actually sent, in one read under the lock.
    const [draft] = await sql<{
      contactId: string;
      inboundText: string;
      displayName: string;
      username: string | null;
      telegramUserId: string;
      sent: string[] | null;
    }>(Prisma.sql`
      SELECT d."contactId", d."inboundText", c."displayName", c."username", c."telegramUserId",
        (SELECT array_agg(b."text" ORDER BY b."index") FROM "OutboxBubble" b
         WHERE b."draftId" = d."id" AND b."status" = 'SENT') AS "sent"
      FROM "Draft" d JOIN "Contact" c ON c."id" = d."contactId"
      WHERE d."id" = ${draftId}::uuid`);
    if (!draft?.sent?.length) return;
    // The job named the draft's person: a job naming another would have locked the wrong one.
    if (draft.contactId !== lockedContact) throw new Error('the memory job names another person than its draft');
    await rememberExchange(core, {
      contactId: draft.contactId,
      displayName: draft.displayName,
      username: draft.username,
      telegramUserId: draft.telegramUserId,
      draftId,
      inbound: draft.inboundText,
      sent: draft.sent,
      summary,
    });
  });
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
  // Three statements in one transaction, straight on the driver: this runs once per delivered reply, and the
  // ORM's nine took about 5 ms of CPU (docs/decisions.md, "Hot paths").
  await core.rapportTransaction(async (sql) => {
    const now = new Date();
    // The reply is a millisecond younger than what it answers, so history order never ties.
    const replied = new Date(now.getTime() + 1);
    const [added] = await sql<{ count: number }>(Prisma.sql`
      WITH profile AS (
        INSERT INTO "UserProfile" ("contactId", "displayName", "updatedAt")
        VALUES (${contactId}::uuid, ${exchange.displayName}, ${now})
        ON CONFLICT ("contactId") DO UPDATE SET "displayName" = EXCLUDED."displayName", "updatedAt" = EXCLUDED."updatedAt"
      ), turns AS (
        INSERT INTO "MemoryTurn" ("id", "contactId", "role", "text", "draftId", "createdAt")
        VALUES (gen_random_uuid(), ${contactId}::uuid, 'user', ${exchange.inbound}, ${draftId}::uuid, ${now}),
          (gen_random_uuid(), ${contactId}::uuid, 'assistant', ${exchange.sent.join('\n')}, ${draftId}::uuid, ${replied})
        ON CONFLICT DO NOTHING
        RETURNING "id"
      )
      SELECT count(*)::int AS "count" FROM turns`);
    if (!added?.count) return;
    // The turns past the newest MEMORY_MAX_HISTORY leave the history, oldest first; the context as it stood.
    const [state] = await sql<{
      turnCount: number;
      context: MemoryContext | null;
      dropped: Array<{ id: string; role: string; text: string }>;
    }>(Prisma.sql`
      WITH counted AS (
        UPDATE "UserProfile" SET "turnCount" = "turnCount" + 1, "updatedAt" = ${now}
        WHERE "contactId" = ${contactId}::uuid RETURNING "turnCount"
      )
      SELECT (SELECT "turnCount" FROM counted) AS "turnCount",
        (SELECT "context" FROM "PersonalizationCache" WHERE "contactId" = ${contactId}::uuid) AS "context",
        COALESCE((SELECT json_agg(json_build_object('id', t."id", 'role', t."role", 'text', t."text") ORDER BY t."createdAt")
          FROM (SELECT "id", "role", "text", "createdAt" FROM "MemoryTurn" WHERE "contactId" = ${contactId}::uuid
                ORDER BY "createdAt" DESC OFFSET ${maxHistory}) t), '[]'::json) AS "dropped"`);
    const dropped = state?.dropped ?? [];
    const prepared = exchange.summary;
    const leaving =
      prepared && prepared.turnIds.join() === dropped.map((t) => t.id).join()
        ? prepared.text
        : summarise(undefined, dropped);
    const previous = state?.context ?? null;
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
    const compressed = fitted.level === 'none' ? 0 : 1;
    const limited = dropped.length > 0 ? 1 : 0;
    // The turns leave with a snapshot of their summary, and the context is written, in one statement.
    await sql(Prisma.sql`
      WITH gone AS (
        DELETE FROM "MemoryTurn" WHERE "id" = ANY(${dropped.map((t) => t.id)}::uuid[])
      ), snapshot AS (
        INSERT INTO "ConversationSnapshot" ("id", "contactId", "summary", "turnCount", "createdAt")
        SELECT gen_random_uuid(), ${contactId}::uuid, ${leaving}, ${state?.turnCount ?? 0}::int, ${now}
        WHERE ${dropped.length > 0}
      )
      INSERT INTO "PersonalizationCache" ("contactId", "context", "sizeBytes", "compression", "compressions",
                                          "historyLimitHits", "updatedAt")
      VALUES (${contactId}::uuid, ${JSON.stringify(fitted.context)}::jsonb, ${fitted.sizeBytes}::int, ${fitted.level},
              ${compressed}::int, ${limited}::int, ${now})
      ON CONFLICT ("contactId") DO UPDATE SET "context" = EXCLUDED."context", "sizeBytes" = EXCLUDED."sizeBytes",
        "compression" = EXCLUDED."compression", "updatedAt" = EXCLUDED."updatedAt",
        "compressions" = "PersonalizationCache"."compressions" + EXCLUDED."compressions",
        "historyLimitHits" = "PersonalizationCache"."historyLimitHits" + EXCLUDED."historyLimitHits"`);
    if (fitted.level !== 'none')
      core.log.info(
        { contactId, draftId, level: fitted.level, sizeBytes: fitted.sizeBytes },
        'memory context compressed',
      );
  });
  // Invalidated on every write, so the next draft sees this exchange.
  await core.cache.delete(memoryCacheKey(contactId)).catch(() => {});
}
