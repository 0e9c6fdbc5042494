import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
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
/** A card's height before it is measured, and the space between cards (px). */
const CARD_ESTIMATE = 96;
const CARD_GAP = 8;
/** Scrolling to within this many cards of the last loaded one loads the next page. */
const LOAD_AHEAD = 10;
/** How many drafts the queue had loaded when it was last shown: coming back shows as many, from the cache. */
let loadedBefore = QUEUE_PAGE_SIZE;

export function QueuePage() {
  useTitle('Review queue');
  const session = useSession();
  const live = useLiveStatus();
  const now = useNow();
  const [first, setFirst] = useState(loadedBefore);
  useEffect(() => {
    loadedBefore = first;
  }, [first]);
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
  const hasNextPage = data?.reviewQueue.pageInfo.hasNextPage === true;

  // Only the cards on screen (and a few around them) are in the DOM, so a queue of 1,000 drafts
  // renders and scrolls as fast as one of ten. The page itself scrolls, as before.
  const [scrollMargin, setScrollMargin] = useState(0);
  const virtualizer = useWindowVirtualizer({
    count: edges.length,
    estimateSize: () => CARD_ESTIMATE,
    gap: CARD_GAP,
    overscan: 6,
    scrollMargin,
    getItemKey: (index) => edges[index]?.node.id ?? index,
    // React 19 batches the scroll updates itself; a synchronous flush per scroll event only costs frames.
    useFlushSync: false,
  });
  // Where the list starts on the page: it moves when anything above it changes size (a notice, the filters).
  const hasList = edges.length > 0;
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!hasList || !list) return;
    const update = () => setScrollMargin(list.getBoundingClientRect().top + window.scrollY);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [hasList]);
  const virtualItems = virtualizer.getVirtualItems();
  const lastShown = virtualItems[virtualItems.length - 1]?.index ?? -1;
  const nearEnd = hasNextPage && !fetching && edges.length > 0 && lastShown >= edges.length - LOAD_AHEAD;
  useEffect(() => {
    if (nearEnd) setFirst((n) => Math.max(n, edges.length + QUEUE_PAGE_SIZE));
  }, [nearEnd, edges.length]);

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
        setSelectedId(edges[next]?.node.id ?? null);
        virtualizer.scrollToIndex(next, { align: 'auto' });
      } else if (event.key === 'Enter' && selected) {
        event.preventDefault();
        navigate(draftPath(selected.id));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [edges, selectedIndex, selected, virtualizer]);

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
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>?</kbd> all shortcuts
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
        <ol
          className="queue"
          ref={listRef}
          aria-label="Drafts awaiting review"
          data-loaded={edges.length}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualItems.map((item) => {
            const edge = edges[item.index];
            if (!edge) return null;
            return (
              <QueueItem
                key={item.key}
                ref={virtualizer.measureElement}
                index={item.index}
                total={edges.length}
                offset={item.start - virtualizer.options.scrollMargin}
                draft={edge.node}
                selected={item.index === selectedIndex}
                now={now}
                currentReviewerId={session.reviewer.id}
                onSelect={setSelectedId}
              />
            );
          })}
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
