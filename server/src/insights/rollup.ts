import type { Core } from '../core.js';
import { type AnalyticsTx, Prisma } from '../db.js';

export const DAY_MS = 86_400_000;
/** A day is summed once it ended this long ago, so a decision committing across midnight is not missed. */
const SETTLE_MS = 15 * 60_000;

/** One UTC day of one reviewer's decisions, as ReviewDay stores it and the live query returns it. */
export interface DayRow {
  day: Date;
  reviewerId: string | null;
  approved: number;
  rejected: number;
  edited: number;
  editDistanceSum: number;
  editDistanceCount: number;
  messages: number;
  llmCalls: number;
  llmTokens: bigint;
  llmCostUsd: Prisma.Decimal;
  /**
   * Base64 of big-endian float8 values back to back (PostgreSQL's float8send), one per draft: base64 text
   * crosses both drivers about ten times faster than bytea or float8[] (PGlite) and decodes natively.
   */
  reviewSeconds: string;
  waitSeconds: string;
}

/** Every LLM call of one UTC day, summed. */
export interface LlmDayRow {
  day: Date;
  llmCalls: number;
  llmTokens: bigint;
  llmCostUsd: Prisma.Decimal;
}

export interface Interval {
  from: Date;
  to: Date;
}

const startOfDay = (t: number) => Math.floor(t / DAY_MS) * DAY_MS;

/**
 * Splits [from, to) into the whole UTC days that are over (read from the rollup) and at most two live
 * intervals around them (a partial first day; a partial last day, or the days not settled yet).
 */
export function splitRange(range: Interval, now: Date): { days: Date[]; live: Interval[] } {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const first = from === startOfDay(from) ? from : startOfDay(from) + DAY_MS;
  const days: Date[] = [];
  for (let day = first; day + DAY_MS <= to && day + DAY_MS + SETTLE_MS <= now.getTime(); day += DAY_MS) {
    days.push(new Date(day));
  }
  if (days.length === 0) return { days, live: from < to ? [{ from: range.from, to: range.to }] : [] };
  const end = days.at(-1)!.getTime() + DAY_MS;
  const live: Interval[] = [];
  if (from < first) live.push({ from: range.from, to: new Date(first) });
  if (end < to) live.push({ from: new Date(end), to: range.to });
  return { days, live };
}

const within = (column: Prisma.Sql, intervals: Interval[]) =>
  intervals.length === 0
    ? Prisma.sql`false`
    : Prisma.join(
        intervals.map((i) => Prisma.sql`(${column} >= ${i.from} AND ${column} < ${i.to})`),
        ' OR ',
      );

/** The per-day, per-reviewer sums of the drafts decided where `where` holds, straight from the rows. */
const decidedDays = (where: Prisma.Sql) => Prisma.sql`
  SELECT
    date_trunc('day', d."reviewedAt") AS "day",
    d."reviewedById" AS "reviewerId",
    (count(*) FILTER (WHERE d."status" = 'APPROVED'))::int AS "approved",
    (count(*) FILTER (WHERE d."status" = 'REJECTED'))::int AS "rejected",
    (count(*) FILTER (WHERE d."status" = 'APPROVED' AND d."finalBubbles" <> d."bubbles"))::int AS "edited",
    coalesce(sum(d."editDistance") FILTER (WHERE d."status" = 'APPROVED'), 0)::float8 AS "editDistanceSum",
    (count(d."editDistance") FILTER (WHERE d."status" = 'APPROVED'))::int AS "editDistanceCount",
    coalesce(sum(m."n"), 0)::int AS "messages",
    coalesce(sum(l."calls"), 0)::int AS "llmCalls",
    coalesce(sum(l."tokens"), 0)::bigint AS "llmTokens",
    coalesce(sum(l."cost"), 0)::numeric(16, 6) AS "llmCostUsd",
    coalesce(string_agg(float8send(EXTRACT(EPOCH FROM d."reviewedAt" - d."claimedAt")::float8), ''::bytea)
      FILTER (WHERE d."claimedAt" IS NOT NULL), ''::bytea) AS "reviewSeconds",
    coalesce(string_agg(float8send(EXTRACT(EPOCH FROM d."firstClaimedAt" - d."pendingAt")::float8), ''::bytea)
      FILTER (WHERE d."firstClaimedAt" >= d."pendingAt"), ''::bytea) AS "waitSeconds"
  FROM "Draft" d
  LEFT JOIN LATERAL (
    SELECT count(*) AS "n" FROM "Message" m
    WHERE d."status" = 'APPROVED' AND m."draftId" = d."id" AND m."direction" = 'INBOUND'
  ) m ON true
  LEFT JOIN LATERAL (
    SELECT count(*) AS "calls", sum(c."inputTokens" + c."outputTokens") AS "tokens", sum(c."costUsd") AS "cost"
    FROM "LlmCall" c WHERE c."draftId" = d."id"
  ) l ON true
  WHERE d."status" IN ('APPROVED', 'REJECTED') AND (${where})
  GROUP BY 1, 2`;

const llmDays = (where: Prisma.Sql) => Prisma.sql`
  SELECT date_trunc('day', c."createdAt") AS "day", count(*)::int AS "llmCalls",
    coalesce(sum(c."inputTokens" + c."outputTokens"), 0)::bigint AS "llmTokens",
    coalesce(sum(c."costUsd"), 0)::numeric(16, 6) AS "llmCostUsd"
  FROM "LlmCall" c WHERE ${where}
  GROUP BY 1`;

/** A summed row as DayRow reads it, from ReviewDay or from decidedDays (as `s`). */
const SUMMED_COLUMNS = Prisma.sql`s."day", s."reviewerId", s."approved", s."rejected", s."edited",
  s."editDistanceSum", s."editDistanceCount", s."messages", s."llmCalls", s."llmTokens", s."llmCostUsd",
  encode(s."reviewSeconds", 'base64') AS "reviewSeconds", encode(s."waitSeconds", 'base64') AS "waitSeconds"`;

const dayList = (days: Date[]) => Prisma.sql`${days.map((d) => d.toISOString().slice(0, 10))}::date[]`;

/** Sums the days not summed yet, once across processes (an advisory lock; a second builder finds them done). */
async function buildDays(core: Core, days: Date[]): Promise<void> {
  await core.analytics.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('countersign:stats-rollup'))`;
      const built = await tx.statsDay.findMany({ where: { day: { in: days } }, select: { day: true } });
      const done = new Set(built.map((b) => b.day.getTime()));
      const missing = days.filter((d) => !done.has(d.getTime()));
      if (missing.length === 0) return;
      const spans = missing.map((d) => ({ from: d, to: new Date(d.getTime() + DAY_MS) }));
      await tx.$executeRaw`
        INSERT INTO "ReviewDay" ("id", "day", "reviewerId", "approved", "rejected", "edited", "editDistanceSum",
          "editDistanceCount", "messages", "llmCalls", "llmTokens", "llmCostUsd", "reviewSeconds", "waitSeconds")
        SELECT gen_random_uuid(), s."day", s."reviewerId", s."approved", s."rejected", s."edited", s."editDistanceSum",
          s."editDistanceCount", s."messages", s."llmCalls", s."llmTokens", s."llmCostUsd", s."reviewSeconds",
          s."waitSeconds"
        FROM (${decidedDays(within(Prisma.sql`d."reviewedAt"`, spans))}) s`;
      await tx.$executeRaw`
        INSERT INTO "StatsDay" ("day", "llmCalls", "llmTokens", "llmCostUsd")
        SELECT u."day", coalesce(l."llmCalls", 0), coalesce(l."llmTokens", 0), coalesce(l."llmCostUsd", 0)
        FROM unnest(${dayList(missing)}) AS u("day")
        LEFT JOIN (${llmDays(within(Prisma.sql`c."createdAt"`, spans))}) l ON l."day" = u."day"`;
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}

/**
 * The per-day, per-reviewer rows of [from, to) (optionally one reviewer's) and the LLM spend per day: whole
 * settled days from the rollup, built on first use; the rest live from the rows.
 */
export async function dayRows(
  core: Core,
  range: Interval,
  reviewerId: string | null,
  now = new Date(),
): Promise<{ decisions: DayRow[]; llm: LlmDayRow[] }> {
  const { days, live } = splitRange(range, now);
  if (days.length > 0) {
    const built = await core.analytics.statsDay.count({ where: { day: { in: days } } });
    if (built < days.length) await buildDays(core, days);
  }
  const reviewer = reviewerId === null ? Prisma.empty : Prisma.sql`AND s."reviewerId" = ${reviewerId}::uuid`;
  const liveReviewer = reviewerId === null ? Prisma.empty : Prisma.sql`AND d."reviewedById" = ${reviewerId}::uuid`;
  const first = days[0];
  const last = days.at(-1);
  const [summed, fresh, llmSummed, llmFresh] = await Promise.all([
    first && last
      ? core.analytics.$queryRaw<DayRow[]>`
          SELECT ${SUMMED_COLUMNS} FROM "ReviewDay" s
          WHERE s."day" >= ${first}::date AND s."day" <= ${last}::date ${reviewer}`
      : [],
    live.length > 0
      ? core.analytics.$queryRaw<DayRow[]>`
          SELECT ${SUMMED_COLUMNS}
          FROM (${decidedDays(Prisma.sql`(${within(Prisma.sql`d."reviewedAt"`, live)}) ${liveReviewer}`)}) s`
      : [],
    first && last && reviewerId === null
      ? core.analytics.$queryRaw<LlmDayRow[]>`
          SELECT "day", "llmCalls", "llmTokens", "llmCostUsd" FROM "StatsDay"
          WHERE "day" >= ${first}::date AND "day" <= ${last}::date`
      : [],
    live.length > 0 && reviewerId === null
      ? core.analytics.$queryRaw<LlmDayRow[]>`${llmDays(within(Prisma.sql`c."createdAt"`, live))}`
      : [],
  ]);
  return { decisions: [...summed, ...fresh], llm: [...llmSummed, ...llmFresh] };
}

/**
 * Drops the summed days an erase changes (the days the person's drafts were decided on, or their LLM calls
 * made), inside the erase's transaction; the next query sums them again without the person.
 */
export async function forgetDaysOf(tx: AnalyticsTx, draftIds: string[]): Promise<void> {
  if (draftIds.length === 0) return;
  const days = await tx.$queryRaw<Array<{ day: Date }>>`
    SELECT date_trunc('day', "reviewedAt")::date AS day FROM "Draft"
    WHERE "id" = ANY(${draftIds}::uuid[]) AND "reviewedAt" IS NOT NULL
    UNION
    SELECT date_trunc('day', "createdAt")::date FROM "LlmCall" WHERE "draftId" = ANY(${draftIds}::uuid[])`;
  if (days.length === 0) return;
  const list = dayList(days.map((d) => d.day));
  await tx.$executeRaw`DELETE FROM "ReviewDay" WHERE "day" = ANY(${list})`;
  await tx.$executeRaw`DELETE FROM "StatsDay" WHERE "day" = ANY(${list})`;
}
