import { type MouseEvent, useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { LoadMore } from '../../components/LoadMore';
import type { CustomerStatus } from '../../gql/graphql';
import { describeCombinedError } from '../../lib/errors';
import { ALL_STATUSES, statusLabel } from '../../lib/funnel';
import { contactPath, Link, navigate, useTitle } from '../../router';
import { CustomerStatusBadge } from './CustomerStatusBadge';
import { ContactsQuery } from './operations';

/** Contacts per page; "Load more" asks for the next page after the last one shown (cache.ts merges them). */
const CONTACTS_PAGE_SIZE = 50;
/** Typing pauses this long before the list is asked for again. */
const SEARCH_DELAY_MS = 250;

interface Filter {
  search: string;
  status: CustomerStatus | '';
}

/** Everyone who has written in, with their customer status and lifetime value. */
export function ContactsPage() {
  useTitle('Contacts');
  const [filter, setFilter] = useState<Filter>({ search: '', status: '' });
  const search = useDebounced(filter.search.trim(), SEARCH_DELAY_MS);
  /** The cursor of the last page asked for; null: the first page. Changing the filter starts over. */
  const [after, setAfter] = useState<{ key: string; cursor: string } | null>(null);
  const filterKey = `${filter.status}\n${search}`;
  const cursor = after?.key === filterKey ? after.cursor : null;

  const [{ data, fetching, error }] = useQuery({
    query: ContactsQuery,
    variables: { first: CONTACTS_PAGE_SIZE, after: cursor, search: search || null, status: filter.status || null },
  });
  const edges = data?.contacts.edges ?? [];
  const pageInfo = data?.contacts.pageInfo;
  const filtered = search !== '' || filter.status !== '';
  const more = pageInfo?.hasNextPage ? '+' : '';

  // A click anywhere on a row opens the contact; the name is the link for keyboards and new tabs.
  const openRow = (event: MouseEvent<HTMLTableRowElement>, id: string) => {
    if ((event.target as HTMLElement).closest('a, button') || window.getSelection()?.toString()) return;
    navigate(contactPath(id));
  };

  return (
    <section className="page">
      <header className="page-head">
        <h1>Contacts</h1>
        <span className="muted" aria-live="polite" data-testid="contacts-count">
          {data ? `${edges.length}${more} ${edges.length === 1 && !more ? 'contact' : 'contacts'}` : ''}
        </span>
      </header>

      <search aria-label="Find contacts">
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <div className="field filter-search">
            <label htmlFor="contacts-search">Search</label>
            <input
              id="contacts-search"
              type="search"
              autoComplete="off"
              maxLength={200}
              placeholder="Name, username, Telegram id or words they wrote"
              value={filter.search}
              onChange={(e) => setFilter({ ...filter, search: e.target.value })}
            />
          </div>
          <div className="field filter-status">
            <label htmlFor="contacts-status">Status</label>
            <select
              id="contacts-status"
              value={filter.status}
              onChange={(e) => setFilter({ ...filter, status: e.target.value as CustomerStatus | '' })}
            >
              <option value="">All statuses</option>
              {ALL_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          </div>
        </form>
      </search>

      {error && !data && (
        <p className="banner error" role="alert">
          {describeCombinedError(error)}
        </p>
      )}
      {!data && fetching && <p className="muted">Loading contacts…</p>}
      {data && edges.length === 0 && (
        <div className="empty">
          {filtered ? (
            <>
              <p>No contacts match.</p>
              {search && (
                <p className="muted small">
                  Searched for “{search}”: each word finds the start of a word of a name, username or message; a
                  Telegram id is matched whole.
                </p>
              )}
            </>
          ) : (
            <>
              <p>No contacts yet.</p>
              <p className="muted small">People appear here when they first write in.</p>
            </>
          )}
        </div>
      )}

      {edges.length > 0 && (
        <div className="card">
          <table className="table contacts-table" aria-label="Contacts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Telegram id</th>
                <th scope="col">Status</th>
                <th scope="col" className="cell-number">
                  LTV
                </th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node: contact }) => (
                <tr key={contact.id} className="row-link" onClick={(e) => openRow(e, contact.id)}>
                  <td className="cell-name">
                    <Link to={contactPath(contact.id)} className="contact-link">
                      {contact.displayName}
                    </Link>
                    {contact.username && <span className="muted small"> @{contact.username}</span>}
                  </td>
                  <td>{contact.telegramUserId}</td>
                  <td>
                    <CustomerStatusBadge status={contact.customerStatus} />
                  </td>
                  <td className="cell-number">{contact.ltv}</td>
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

/** The value once it has stopped changing for `delayMs`. */
function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
