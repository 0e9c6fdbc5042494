import { useState } from 'react';
import { useQuery } from 'urql';
import { LoadMore } from '../../components/LoadMore';
import { describeCombinedError } from '../../lib/errors';
import { dayTime } from '../../lib/time';
import { contactPath, draftPath, Link, useTitle } from '../../router';
import { AuditDetail } from './AuditDetail';
import { AuditFilterOptionsQuery, AuditLogQuery } from './operations';

/** Entries per page; "Load more" asks for the next page after the last one shown (cache.ts merges them). */
const AUDIT_PAGE_SIZE = 50;

interface Filter {
  /** One action ("draft.approve"), a family ending in a dot ("draft."), or '' for all. */
  action: string;
  actorId: string;
  /** Days in the reader's time zone, YYYY-MM-DD, both included; '' for open. */
  from: string;
  to: string;
}

const NO_FILTER: Filter = { action: '', actorId: '', from: '', to: '' };

/** Local midnight of a YYYY-MM-DD day, `plusDays` later, as an ISO time; null for no day. */
function localMidnight(day: string, plusDays = 0): string | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return null;
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** "draft.approve" → "draft.": the families the action filter also offers. */
function families(actions: readonly string[]): string[] {
  return [...new Set(actions.map((a) => `${a.split('.')[0]}.`))];
}

/** Where an entry's subject can be opened: drafts and contacts have pages; other ids are shown as they are. */
function Subject({ action, id }: { action: string; id: string | null }) {
  if (!id) return <span className="muted">–</span>;
  if (action.startsWith('draft.') || action === 'delivery.retry')
    return <Link to={draftPath(id)}>Draft {id.slice(0, 8)}</Link>;
  if (action.startsWith('funnel.')) return <Link to={contactPath(id)}>Contact {id.slice(0, 8)}</Link>;
  return (
    <span className="muted small" title={id}>
      {id.slice(0, 8)}
    </span>
  );
}

/** Every audited action, newest first, with filters by action, actor and days (admins). */
export function AuditPage() {
  useTitle('Audit log');
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  /** The cursor of the last page asked for; null: the first page. Changing the filter starts over. */
  const [after, setAfter] = useState<{ key: string; cursor: string } | null>(null);
  const filterKey = JSON.stringify(filter);
  const cursor = after?.key === filterKey ? after.cursor : null;
  const badDays = filter.from !== '' && filter.to !== '' && filter.from > filter.to;

  const [options] = useQuery({ query: AuditFilterOptionsQuery });
  const [{ data, fetching, error }] = useQuery({
    query: AuditLogQuery,
    variables: {
      first: AUDIT_PAGE_SIZE,
      after: cursor,
      action: filter.action || null,
      actorId: filter.actorId || null,
      from: localMidnight(filter.from),
      to: localMidnight(filter.to, 1),
    },
    pause: badDays,
  });
  const edges = data?.auditLog.edges ?? [];
  const pageInfo = data?.auditLog.pageInfo;
  const actions = options.data?.auditActions ?? [];
  const filtered = filterKey !== JSON.stringify(NO_FILTER);
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section className="page">
      <header className="page-head">
        <h1>Audit log</h1>
        <span className="muted" aria-live="polite" data-testid="audit-count">
          {data ? `${edges.length}${pageInfo?.hasNextPage ? '+' : ''} ${edges.length === 1 ? 'entry' : 'entries'}` : ''}
        </span>
      </header>
      <p className="muted small">
        Who did what, and when: sign-ins, claims, decisions, status changes, payments, erases, team and persona changes,
        retries and exports. Entries are never changed; an erase only removes what named the person.
      </p>

      <search aria-label="Filter the audit log">
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <div className="field filter-status">
            <label htmlFor="audit-action">Action</label>
            <select id="audit-action" value={filter.action} onChange={(e) => set({ action: e.target.value })}>
              <option value="">All actions</option>
              {families(actions).map((family) => (
                <optgroup key={family} label={family.slice(0, -1)}>
                  <option value={family}>All {family}*</option>
                  {actions
                    .filter((a) => a.startsWith(family))
                    .map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="field filter-status">
            <label htmlFor="audit-actor">Who</label>
            <select id="audit-actor" value={filter.actorId} onChange={(e) => set({ actorId: e.target.value })}>
              <option value="">Anyone</option>
              {(options.data?.reviewers ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.displayName} ({r.email})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-from">From</label>
            <input id="audit-from" type="date" value={filter.from} onChange={(e) => set({ from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">To (included)</label>
            <input
              id="audit-to"
              type="date"
              value={filter.to}
              aria-invalid={badDays || undefined}
              onChange={(e) => set({ to: e.target.value })}
            />
          </div>
          {filtered && (
            <div className="field filter-reset">
              <button type="button" onClick={() => setFilter(NO_FILTER)}>
                Clear filters
              </button>
            </div>
          )}
        </form>
      </search>
      {badDays && (
        <p className="field-error" role="alert">
          The first day must not be after the last.
        </p>
      )}

      {error && !data && (
        <p className="banner error" role="alert">
          {describeCombinedError(error)}
        </p>
      )}
      {!data && fetching && <p className="muted">Loading the audit log…</p>}
      {data && edges.length === 0 && (
        <div className="empty">
          {filtered ? (
            <p>No entries match these filters.</p>
          ) : (
            <>
              <p>Nothing audited yet.</p>
              <p className="muted small">Entries appear as people sign in and work the queue.</p>
            </>
          )}
        </div>
      )}

      {edges.length > 0 && (
        <div className="card table-scroll">
          <table className="table audit-table" aria-label="Audit entries">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node: entry }) => (
                <tr key={entry.id} data-action={entry.action}>
                  <td className="cell-when">
                    <time dateTime={entry.createdAt} title={new Date(entry.createdAt).toLocaleString()}>
                      {dayTime(entry.createdAt)}
                    </time>
                  </td>
                  <td>
                    {entry.actor ? (
                      <span title={entry.actor.email}>{entry.actor.displayName}</span>
                    ) : (
                      <span className="muted">nobody signed in</span>
                    )}
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    <Subject action={entry.action} id={entry.subjectId ?? null} />
                  </td>
                  <td>
                    <AuditDetail detail={entry.detail} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <LoadMore pageInfo={pageInfo} fetching={fetching} onMore={(cursor) => setAfter({ key: filterKey, cursor })} />
    </section>
  );
}
