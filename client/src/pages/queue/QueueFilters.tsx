import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { CustomerStatus, DraftStatus, SafetyRecommendation } from '../../gql/graphql';
import { ALL_STATUSES, statusLabel } from '../../lib/funnel';
import { navigate, useSearch } from '../../router';
import { QueueAccountsQuery } from './operations';

/** The queue's filters, as the reviewQueue query takes them; kept in the address, so a reload or a link keeps them. */
export interface QueueFilter {
  status?: DraftStatus[];
  safety?: SafetyRecommendation[];
  customerStatus?: CustomerStatus[];
  claimedByMe?: boolean;
  /** Only drafts that came through this Telegram account. */
  accountId?: string;
}

const DRAFT_STATES: ReadonlyArray<[DraftStatus, string]> = [
  ['PENDING', 'Pending'],
  ['CLAIMED', 'In review'],
  ['FAILED', 'Drafting failed'],
  ['APPROVED', 'Not delivered'],
];
const SAFETY: ReadonlyArray<[SafetyRecommendation, string]> = [
  ['approve', 'OK'],
  ['review', 'Review'],
  ['flag', 'Flagged'],
];

/** One comma-separated list of the address, keeping only the values the filter knows. */
function listParam<T extends string>(params: URLSearchParams, name: string, known: readonly T[]): T[] | undefined {
  const values = (params.get(name) ?? '').split(',').filter((v): v is T => (known as readonly string[]).includes(v));
  return values.length > 0 ? values : undefined;
}

/** The filter in the current address (`/queue?status=PENDING,CLAIMED&safety=flag&customer=CUSTOMER&mine=1`). */
export function useQueueFilter(): QueueFilter {
  const search = useSearch();
  return useMemo(() => {
    const params = new URLSearchParams(search);
    const filter: QueueFilter = {
      status: listParam(
        params,
        'status',
        DRAFT_STATES.map(([s]) => s),
      ),
      safety: listParam(
        params,
        'safety',
        SAFETY.map(([s]) => s),
      ),
      customerStatus: listParam(params, 'customer', ALL_STATUSES),
      claimedByMe: params.get('mine') === '1' || undefined,
      accountId: params.get('account') || undefined,
    };
    // Absent keys, not undefined values: the variables (and so the cached list) of "no filter" stay the same.
    return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as QueueFilter;
  }, [search]);
}

function filterPath(filter: QueueFilter): string {
  const params = new URLSearchParams();
  if (filter.status?.length) params.set('status', filter.status.join(','));
  if (filter.safety?.length) params.set('safety', filter.safety.join(','));
  if (filter.customerStatus?.length) params.set('customer', filter.customerStatus.join(','));
  if (filter.claimedByMe) params.set('mine', '1');
  if (filter.accountId) params.set('account', filter.accountId);
  const query = params.toString();
  return `${window.location.pathname}${query ? `?${query.replace(/%2C/g, ',')}` : ''}`;
}

const toggle = <T,>(list: T[] | undefined, value: T): T[] =>
  list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];

function Choices<T extends string>(props: {
  legend: string;
  options: ReadonlyArray<[T, string]>;
  chosen: T[] | undefined;
  onToggle(value: T): void;
}) {
  return (
    <fieldset className="queue-filter-group">
      <legend>{props.legend}</legend>
      {props.options.map(([value, label]) => (
        <label key={value} className="check">
          <input
            type="checkbox"
            checked={props.chosen?.includes(value) ?? false}
            onChange={() => props.onToggle(value)}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** The queue's filter controls: draft state, safety recommendation, the person's status, and "claimed by me". */
export function QueueFilters() {
  const filter = useQueueFilter();
  const set = (next: QueueFilter) => navigate(filterPath(next), { replace: true });
  const [{ data: accounts }] = useQuery({ query: QueueAccountsQuery });
  const active =
    (filter.status?.length ?? 0) +
    (filter.safety?.length ?? 0) +
    (filter.customerStatus?.length ?? 0) +
    (filter.claimedByMe ? 1 : 0) +
    (filter.accountId ? 1 : 0);

  return (
    <details className="queue-filters" data-testid="queue-filters">
      <summary>Filters{active > 0 ? ` (${active})` : ''}</summary>
      <div className="queue-filter-panel">
        <Choices
          legend="Draft"
          options={DRAFT_STATES}
          chosen={filter.status}
          onToggle={(v) => set({ ...filter, status: toggle(filter.status, v) })}
        />
        <Choices
          legend="Safety"
          options={SAFETY}
          chosen={filter.safety}
          onToggle={(v) => set({ ...filter, safety: toggle(filter.safety, v) })}
        />
        <Choices
          legend="Person"
          options={ALL_STATUSES.map((s) => [s, statusLabel(s)] as [CustomerStatus, string])}
          chosen={filter.customerStatus}
          onToggle={(v) => set({ ...filter, customerStatus: toggle(filter.customerStatus, v) })}
        />
        <fieldset className="queue-filter-group">
          <legend>Reviewer</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={filter.claimedByMe ?? false}
              onChange={(e) => set({ ...filter, claimedByMe: e.target.checked })}
            />{' '}
            Claimed by me
          </label>
        </fieldset>
        {(accounts?.telegramAccounts.length ?? 0) > 1 && (
          <fieldset className="queue-filter-group">
            <legend>Account</legend>
            <select
              aria-label="Telegram account"
              value={filter.accountId ?? ''}
              onChange={(e) => set({ ...filter, accountId: e.target.value || undefined })}
            >
              <option value="">Every account</option>
              {accounts?.telegramAccounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </select>
          </fieldset>
        )}
        {active > 0 && (
          <button type="button" className="chip" onClick={() => set({})}>
            Clear filters
          </button>
        )}
      </div>
    </details>
  );
}
