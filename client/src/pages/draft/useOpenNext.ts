import { useCallback } from 'react';
import { useClient } from 'urql';
import { draftPath, navigate } from '../../router';
import { useSettings } from '../../settings';
import { NextDraftsQuery } from './operations';

/** The queue's first page (QUEUE_PAGE_SIZE), which the app keeps cached for the tab title's count. */
const QUEUE_HEAD = 50;

/**
 * Where the editor goes once a draft is decided: with "approve and next" on, the next draft waiting
 * for a reviewer (read from the cached queue); otherwise, or when none waits, back to the queue.
 */
export function useOpenNext(currentId: string): () => Promise<void> {
  const client = useClient();
  const { settings } = useSettings();
  return useCallback(async () => {
    if (!settings.approveAndNext) return navigate('/');
    const result = await client
      .query(NextDraftsQuery, { first: QUEUE_HEAD }, { requestPolicy: 'cache-first' })
      .toPromise();
    const next = result.data?.reviewQueue.edges.find(
      (edge) => edge.node.status === 'PENDING' && edge.node.id !== currentId,
    );
    navigate(next ? draftPath(next.node.id) : '/');
  }, [client, settings.approveAndNext, currentId]);
}
