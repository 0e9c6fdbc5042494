import type { CustomerStatus, DraftStatus, Prisma } from '../db.js';
import type { SafetyRecommendation } from '../drafting/safety.js';
import { NEEDS_ATTENTION } from './order.js';

/** What a reviewer narrowed the queue to. Each list given keeps the drafts in it; absent or empty, no narrowing. */
export interface QueueFilter {
  status?: readonly DraftStatus[] | null;
  safety?: readonly SafetyRecommendation[] | null;
  customerStatus?: readonly CustomerStatus[] | null;
  /** Only the drafts the asking reviewer holds. */
  claimedByMe?: boolean | null;
  /** Only the drafts of people who wrote to this Telegram account. */
  accountId?: string | null;
}

const given = <T>(list: readonly T[] | null | undefined): list is readonly T[] => !!list && list.length > 0;

export const isFiltered = (filter: QueueFilter) =>
  given(filter.status) ||
  given(filter.safety) ||
  given(filter.customerStatus) ||
  !!filter.claimedByMe ||
  !!filter.accountId;

/** The queue's rows that pass the filter, for `reviewerId`. */
export function queueWhere(filter: QueueFilter, reviewerId: string): Prisma.DraftWhereInput {
  const and: Prisma.DraftWhereInput[] = [NEEDS_ATTENTION];
  if (given(filter.status)) and.push({ status: { in: [...filter.status] } });
  if (given(filter.safety))
    and.push({ OR: filter.safety.map((r) => ({ safety: { path: ['recommendation'], equals: r } })) });
  if (given(filter.customerStatus)) and.push({ contact: { customerStatus: { in: [...filter.customerStatus] } } });
  if (filter.claimedByMe) and.push({ status: 'CLAIMED', claimedById: reviewerId });
  if (filter.accountId) and.push({ contact: { account: filter.accountId } });
  return { AND: and };
}

/** What a draft must carry to be checked against a filter without reading it again. */
export interface FilteredRow {
  status: DraftStatus;
  safety: unknown;
  claimedById: string | null;
  contact: { customerStatus: CustomerStatus; account: string };
}

export const FILTERED_ROW = {
  status: true,
  safety: true,
  claimedById: true,
  contact: { select: { customerStatus: true, account: true } },
} as const;

/** queueWhere's narrowing, on a row in hand (the queue's own rule is the caller's). */
export function passesFilter(row: FilteredRow, filter: QueueFilter, reviewerId: string): boolean {
  const recommendation = (row.safety as { recommendation?: SafetyRecommendation } | null)?.recommendation;
  if (given(filter.status) && !filter.status.includes(row.status)) return false;
  if (given(filter.safety) && !(recommendation && filter.safety.includes(recommendation))) return false;
  if (given(filter.customerStatus) && !filter.customerStatus.includes(row.contact.customerStatus)) return false;
  if (filter.claimedByMe && !(row.status === 'CLAIMED' && row.claimedById === reviewerId)) return false;
  if (filter.accountId && row.contact.account !== filter.accountId) return false;
  return true;
}
