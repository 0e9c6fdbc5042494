import { useCallback } from 'react';
import { useClient, useSubscription } from 'urql';
import { useAfterReconnect } from '../../live';
import { DraftQueuedSubscription, DraftUpdatedSubscription, ReviewQueueQuery } from './operations';
import { QUEUE_PAGE_SIZE } from './QueuePage';

// The payloads select the whole queue row, so graphcache can add a new draft to the cached
// list (see cache.ts) and update a changed one everywhere it is shown.
/**
 * Keeps the review queue live for the whole signed-in session, whichever page is open: the app
 * shell mounts it, so the queue is current the moment it is shown.
 */
export function QueueLiveUpdates() {
  useSubscription({ query: DraftQueuedSubscription });
  useSubscription({ query: DraftUpdatedSubscription });

  // Events published while the socket was down are not replayed: after a reconnect, reload the
  // cached first page of the queue so it is right again.
  const client = useClient();
  useAfterReconnect(
    useCallback(() => {
      void client.query(ReviewQueueQuery, { first: QUEUE_PAGE_SIZE }, { requestPolicy: 'network-only' }).toPromise();
    }, [client]),
  );

  return null;
}
