import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../../auth';
import { describeCombinedError } from '../../lib/errors';
import { isTypingTarget } from '../../lib/keyboard';
import { useNow } from '../../lib/time';
import { useAfterReconnect, useLiveStatus } from '../../live';
import { draftPath, navigate, useTitle } from '../../router';
import { ReviewQueueQuery } from './operations';
import { QueueFilters, useQueueFilter } from './QueueFilters';
import { QueueItem } from './QueueItem';
import { QueueWaitSummary } from './QueueWaitSummary';

/** Drafts per page of the queue; QueueLiveUpdates refreshes this first page after a reconnect. */
export const QUEUE_PAGE_SIZE = 50;

export function QueuePage() {
  useTitle('Review queue');
  const session = useSession();
  const live = useLiveStatus();
  const now = useNow();
  const [first, setFirst] = useState(QUEUE_PAGE_SIZE);
  const filter = useQueueFilter();
  const filtered = Object.keys(filter).length > 0;
  // Once loaded, the cached list is kept current by the subscriptions (QueueLiveUpdates, mounted for
  // the whole session), so coming back to this page needs no refetch, which could also race a
  // live insert. The network is asked only when the list is missing, after a reconnect, and to
  // backfill a page that approvals have shortened.
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ReviewQueueQuery,
    variables: { first, ...filter },
    requestPolicy: 'cache-first',
  });
  const edges = data?.reviewQueue.edges ?? [];
  const shortPage = !fetching && data?.reviewQueue.pageInfo.hasNextPage === true && edges.length < first;
  useEffect(() => {
    if (shortPage) refetch({ requestPolicy: 'network-only' });
  }, [shortPage, refetch]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // After a reconnect, events sent while the socket was down are lost: fetch the list once
  // (QueueLiveUpdates does so for the first page whichever page is open; this covers "Show more").
  useAfterReconnect(useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]));

  const selectedIndex = Math.max(
    0,
    edges.findIndex((edge) => edge.node.id === selectedId),
  );
  const selected = edges[selectedIndex]?.node;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event) || edges.length === 0) return;
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        const next = Math.min(edges.length - 1, Math.max(0, selectedIndex + (event.key === 'j' ? 1 : -1)));
        const id = edges[next]?.node.id ?? null;
        setSelectedId(id);
        listRef.current?.querySelector<HTMLElement>(`[data-draft-id="${id}"]`)?.scrollIntoView({ block: 'nearest' });
      } else if (event.key === 'Enter' && selected) {
        event.preventDefault();
        navigate(draftPath(selected.id));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [edges, selectedIndex, selected]);

  return (
    <section className="page">
      <header className="page-head">
        <h1>Review queue</h1>
        <span className="muted" aria-live="polite" data-testid="queue-count">
          {data ? `${edges.length}${data.reviewQueue.pageInfo.hasNextPage ? '+' : ''} waiting` : ''}
        </span>
        <QueueWaitSummary pending={edges.filter((edge) => edge.node.status === 'PENDING').length} />
        <span className="spacer" />
        <QueueFilters />
        <span className="muted small keys-hint">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open
        </span>
      </header>

      {error && !data && (
        <p className="banner error" role="alert">
          {describeCombinedError(error)}
        </p>
      )}
      {!data && fetching && <p className="muted">Loading the queue…</p>}
      {data && edges.length === 0 && filtered && (
        <div className="empty">
          <p>No draft matches these filters.</p>
        </div>
      )}
      {data && edges.length === 0 && !filtered && (
        <div className="empty">
          <p>Nothing waiting for review.</p>
          <p className="muted small">
            New drafts appear here as they arrive{live.state === 'live' ? '' : ' (once the live connection is back)'}.
          </p>
        </div>
      )}

      {edges.length > 0 && (
        <ol className="queue" ref={listRef} aria-label="Drafts awaiting review">
          {edges.map((edge, index) => (
            <QueueItem
              key={edge.node.id}
              draft={edge.node}
              selected={index === selectedIndex}
              now={now}
              currentReviewerId={session.reviewer.id}
              onSelect={() => setSelectedId(edge.node.id)}
            />
          ))}
        </ol>
      )}

      {data?.reviewQueue.pageInfo.hasNextPage && (
        <p className="center">
          <button type="button" onClick={() => setFirst((n) => n + QUEUE_PAGE_SIZE)} disabled={fetching}>
            Show more
          </button>
        </p>
      )}
    </section>
  );
}
