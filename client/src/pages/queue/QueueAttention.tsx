import { useCallback } from 'react';
import { useQuery, useSubscription } from 'urql';
import { getFragmentData } from '../../gql';
import type { DraftQueuedSubscription as DraftQueuedResult } from '../../gql/graphql';
import { playTone } from '../../lib/tone';
import { draftPath, navigate, useTitleCount } from '../../router';
import { useSettings } from '../../settings';
import { DraftQueuedSubscription, QueueItemDraft, ReviewQueueQuery } from './operations';
import { QUEUE_PAGE_SIZE } from './QueuePage';

/**
 * Tells the reviewer about waiting drafts whichever page is open: their number leads the tab title,
 * and a draft arriving while the tab is hidden plays a tone and shows a notification, as the
 * reviewer's settings say. Reads the live queue the cache already holds: no request of its own.
 */
export function QueueAttention() {
  const [{ data }] = useQuery({
    query: ReviewQueueQuery,
    variables: { first: QUEUE_PAGE_SIZE },
    requestPolicy: 'cache-first',
  });
  const edges = data?.reviewQueue.edges ?? [];
  const waiting = edges.filter((edge) => edge.node.status === 'PENDING').length;
  const more = data?.reviewQueue.pageInfo.hasNextPage === true && edges.length > 0;
  useTitleCount(waiting > 0 ? `${waiting}${more ? '+' : ''}` : '');

  const { settings } = useSettings();
  const onQueued = useCallback(
    (_previous: DraftQueuedResult | undefined, event: DraftQueuedResult) => {
      if (document.visibilityState !== 'hidden') return event;
      if (settings.sound) playTone();
      if (settings.notifications && 'Notification' in window && Notification.permission === 'granted') {
        const draft = getFragmentData(QueueItemDraft, event.draftQueued);
        const notification = new Notification(`New draft for ${draft.contact.displayName}`, {
          body: draft.inboundText.slice(0, 120),
          tag: 'countersign-queue',
        });
        notification.onclick = () => {
          window.focus();
          navigate(draftPath(draft.id));
          notification.close();
        };
      }
      return event;
    },
    [settings.sound, settings.notifications],
  );
  useSubscription({ query: DraftQueuedSubscription }, onQueued);
  return null;
}
