import type { Core } from '../core.js';
import { type CustomerStatus, Prisma } from '../db.js';
import { BadInputError } from '../errors.js';
import { DAY_MS, type DayRow, dayRows } from './rollup.js';

/** The default range: the last 30 days. */
const DEFAULT_DAYS = 30;
/** The longest range one query may ask for (one row per day comes back). */
export const MAX_RANGE_DAYS = 366;

export interface Range {
  from: Date;
  to: Date;
}

/** [from, to): `to` defaults to now, `from` to 30 days before `to`; at most MAX_RANGE_DAYS long. */
export function statsRange(from: Date | null | undefined, to: Date | null | undefined, now = new Date()): Range {
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - DEFAULT_DAYS * DAY_MS);
  if (start.getTime() > end.getTime()) throw new BadInputError('from', '`from` must not be later than `to`');
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY_MS)
    throw new BadInputError('from', `A range may span at most ${MAX_RANGE_DAYS} days`);
  return { from: start, to: end };
}

/** Every UTC day that [from, to) touches, as midnight dates. */
export function utcDays({ from, to }: Range): Date[] {
  const days: Date[] = [];
  for (let day = Math.floor(from.getTime() / DAY_MS) * DAY_MS; day < to.getTime(); day += DAY_MS) {
    days.push(new Date(day));
  }
  return days;
}

/** The review measures of one population of decided drafts (everyone, one reviewer, one day). */
export interface ReviewMeasures {
  decided: number;
  approved: number;
  rejected: number;
  edited: number;
  approvalRate: number | null;
  editedShare: number | null;
  meanEditDistance: number | null;
  medianReviewSeconds: number | null;
  p90ReviewSeconds: number | null;
  medianWaitSeconds: number | null;
  llmCalls: number;
  llmTokens: number;
  llmCostUsd: string;
  messagesPerDraft: number | null;
}

export interface ReviewerStats extends ReviewMeasures {
  reviewerId: string;
}

export interface DailyReviewStats extends ReviewMeasures {
  day: Date;
}

export interface ReviewStats extends ReviewMeasures {
  from: Date;
  to: Date;
  reviewerId: string | null;
  byReviewer: ReviewerStats[];
  daily: DailyReviewStats[];
}

/** The k-th smallest value (0-based) of `values`, which it reorders: Hoare's selection, linear on average. */
function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** percentile_cont, as PostgreSQL computes it: the value at fraction `p`, interpolated between neighbours. */
export function percentile(values: Float64Array, p: number): number | null {
  if (values.length === 0) return null;
  const at = p * (values.length - 1);
  const low = Math.floor(at);
  const below = select(values, low);
  if (low === at) return below;
  // After selecting `low`, everything right of it is at least as large: the next value is their minimum.
  let above = Number.POSITIVE_INFINITY;
  for (let i = low + 1; i < values.length; i++) if (values[i]! < above) above = values[i]!;
  return below + (above - below) * (at - low);
}

/** The float8 values the rows hold (base64 of big-endian values, back to back), in one array. */
function valuesOf(rows: DayRow[], pick: (r: DayRow) => string): Float64Array {
  const decoded = rows.map((r) => Buffer.from(pick(r), 'base64'));
  const values = new Float64Array(decoded.reduce((n, bytes) => n + bytes.byteLength / 8, 0));
  let i = 0;
  for (const bytes of decoded) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at < bytes.byteLength; at += 8) values[i++] = view.getFloat64(at, false);
  }
  return values;
}

interface LlmSum {
  llmCalls: number;
  llmTokens: bigint;
  llmCostUsd: Prisma.Decimal;
}

function sumLlm(rows: LlmSum[]): LlmSum {
  return rows.reduce(
    (s, r) => ({
      llmCalls: s.llmCalls + r.llmCalls,
      llmTokens: s.llmTokens + BigInt(r.llmTokens),
      llmCostUsd: s.llmCostUsd.add(r.llmCostUsd),
    }),
    { llmCalls: 0, llmTokens: 0n, llmCostUsd: new Prisma.Decimal(0) },
  );
}

/** The measures of a population of decided drafts (its day rows) and the LLM spend that goes with it. */
function measures(rows: DayRow[], llm: LlmSum): ReviewMeasures {
  const sum = (pick: (r: DayRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const approved = sum((r) => r.approved);
  const rejected = sum((r) => r.rejected);
  const edited = sum((r) => r.edited);
  const distances = sum((r) => r.editDistanceCount);
  const decided = approved + rejected;
  const review = valuesOf(rows, (r) => r.reviewSeconds);
  return {
    decided,
    approved,
    rejected,
    edited,
    approvalRate: decided > 0 ? approved / decided : null,
    editedShare: approved > 0 ? edited / approved : null,
    meanEditDistance: distances > 0 ? sum((r) => r.editDistanceSum) / distances : null,
    medianReviewSeconds: percentile(review, 0.5),
    p90ReviewSeconds: percentile(review, 0.9),
    medianWaitSeconds: percentile(
      valuesOf(rows, (r) => r.waitSeconds),
      0.5,
    ),
    messagesPerDraft: approved > 0 ? sum((r) => r.messages) / approved : null,
    llmCalls: llm.llmCalls,
    llmTokens: Number(llm.llmTokens),
    llmCostUsd: llm.llmCostUsd.toFixed(6),
  };
}

const dayKey = (day: Date) => day.toISOString().slice(0, 10);

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * The review measures over the drafts decided in [from, to), in total, per reviewer and per UTC day. LLM spend
 * is every call made in the range (per day: by the call's day); per reviewer, and for everything when
 * `reviewerId` is given, the calls of the drafts they decided (per day: by the decision's day).
 */
export async function reviewStats(core: Core, range: Range, reviewerId: string | null): Promise<ReviewStats> {
  const { decisions, llm } = await dayRows(core, range, reviewerId);
  const byDay = groupBy(decisions, (r) => dayKey(r.day));
  const llmByDay = groupBy(llm, (r) => dayKey(r.day));
  const spendOf = (rows: DayRow[], day?: string) =>
    reviewerId === null ? sumLlm(day === undefined ? llm : (llmByDay.get(day) ?? [])) : sumLlm(rows);
  return {
    from: range.from,
    to: range.to,
    reviewerId,
    ...measures(decisions, spendOf(decisions)),
    byReviewer: [...groupBy(decisions, (r) => r.reviewerId)]
      .filter((entry): entry is [string, DayRow[]] => entry[0] !== null)
      .map(([id, rows]) => ({ reviewerId: id, ...measures(rows, sumLlm(rows)) })),
    daily: utcDays(range).map((day) => {
      const rows = byDay.get(dayKey(day)) ?? [];
      return { day, ...measures(rows, spendOf(rows, dayKey(day))) };
    }),
  };
}

export interface QueueStats {
  pending: number;
  oldestPendingAt: Date | null;
  claimedLastHour: number;
  medianWaitSeconds: number | null;
}

/** The queue header: drafts waiting now, and how long the drafts first claimed in the last hour had waited. */
export async function queueStats(core: Core, now = new Date()): Promise<QueueStats> {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const [row] = await core.analytics.$queryRaw<
    Array<{ pending: bigint; oldest: Date | null; claimed: bigint; median: number | null }>
  >`
    SELECT
      (SELECT count(*) FROM "Draft" WHERE "status" = 'PENDING') AS pending,
      (SELECT min(coalesce("pendingAt", "createdAt")) FROM "Draft" WHERE "status" = 'PENDING') AS oldest,
      count(*) AS claimed,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "firstClaimedAt" - "pendingAt")::float8)
        AS median
    FROM "Draft"
    WHERE "firstClaimedAt" >= ${hourAgo} AND "firstClaimedAt" <= ${now} AND "firstClaimedAt" >= "pendingAt"`;
  return {
    pending: Number(row?.pending ?? 0),
    oldestPendingAt: row?.oldest ?? null,
    claimedLastHour: Number(row?.claimed ?? 0),
    medianWaitSeconds: row?.median ?? null,
  };
}

export interface FunnelStats {
  from: Date;
  to: Date;
  byStatus: Array<{ status: CustomerStatus; contacts: number }>;
  transitions: Array<{ from: CustomerStatus; to: CustomerStatus; count: number; overrides: number }>;
  ltvAdded: string;
  ltvTotal: string;
  daily: Array<{ day: Date; newCustomers: number; winBacks: number; ltvAdded: string }>;
}

const STATUSES: CustomerStatus[] = ['PROSPECT', 'LEAD_QUALIFIED', 'CUSTOMER', 'CHURNED', 'LEAD_EXHAUSTED'];
const money = (column: Prisma.Sql) => Prisma.sql`to_char(coalesce(sum(${column}), 0), 'FM999999999990.00')`;

/**
 * The funnel: contacts per status now and the lifetime value of them all; in [from, to), the status moves,
 * the payments, and per UTC day the new customers (moves into CUSTOMER, except from CHURNED, which are
 * win-backs) and the LTV added.
 */
export async function funnelStats(core: Core, range: Range): Promise<FunnelStats> {
  const { from, to } = range;
  const db = core.analytics;
  const [statuses, totals, transitions, conversions, payments] = await Promise.all([
    db.$queryRaw<Array<{ status: CustomerStatus; contacts: bigint }>>`
      SELECT "customerStatus" AS status, count(*) AS contacts FROM "Contact" GROUP BY "customerStatus"`,
    db.$queryRaw<Array<{ total: string }>>`SELECT ${money(Prisma.sql`"ltvTotal"`)} AS total FROM "Contact"`,
    db.$queryRaw<Array<{ from: CustomerStatus; to: CustomerStatus; count: bigint; overrides: bigint }>>`
      SELECT "fromStatus" AS from, "toStatus" AS to, count(*) AS count, count(*) FILTER (WHERE "override") AS overrides
      FROM "StatusChange" WHERE "createdAt" >= ${from} AND "createdAt" < ${to}
      GROUP BY "fromStatus", "toStatus" ORDER BY count(*) DESC, "fromStatus", "toStatus"`,
    db.$queryRaw<Array<{ day: Date; new_customers: bigint; win_backs: bigint }>>`
      SELECT date_trunc('day', "createdAt") AS day,
        count(*) FILTER (WHERE "fromStatus" <> 'CHURNED') AS new_customers,
        count(*) FILTER (WHERE "fromStatus" = 'CHURNED') AS win_backs
      FROM "StatusChange" WHERE "createdAt" >= ${from} AND "createdAt" < ${to} AND "toStatus" = 'CUSTOMER'
      GROUP BY 1`,
    db.$queryRaw<Array<{ day: Date | null; added: string }>>`
      SELECT date_trunc('day', "createdAt") AS day, ${money(Prisma.sql`"amount"`)} AS added
      FROM "LtvPayment" WHERE "createdAt" >= ${from} AND "createdAt" < ${to}
      GROUP BY GROUPING SETS ((), (date_trunc('day', "createdAt")))`,
  ]);
  const count = new Map(statuses.map((s) => [s.status, Number(s.contacts)]));
  const converted = new Map(conversions.map((c) => [dayKey(c.day), c]));
  const paid = new Map(payments.filter((p) => p.day).map((p) => [dayKey(p.day!), p.added]));
  return {
    from,
    to,
    byStatus: STATUSES.map((status) => ({ status, contacts: count.get(status) ?? 0 })),
    transitions: transitions.map((t) => ({ ...t, count: Number(t.count), overrides: Number(t.overrides) })),
    ltvAdded: payments.find((p) => p.day === null)?.added ?? '0.00',
    ltvTotal: totals[0]?.total ?? '0.00',
    daily: utcDays(range).map((day) => ({
      day,
      newCustomers: Number(converted.get(dayKey(day))?.new_customers ?? 0),
      winBacks: Number(converted.get(dayKey(day))?.win_backs ?? 0),
      ltvAdded: paid.get(dayKey(day)) ?? '0.00',
    })),
  };
}
