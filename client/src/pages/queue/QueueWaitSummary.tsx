import { useEffect } from 'react';
import { useQuery } from 'urql';
import { duration } from '../../lib/time';
import { QueueStatsQuery } from './operations';

/** The median is over a sliding hour, so it changes with time as well as with claims. */
const REFRESH_MS = 60_000;
/** Claims come in bursts (a reviewer working down the list): one refresh after they settle. */
const SETTLE_MS = 1_500;

/**
 * "Median wait, last hour: 2 min": how long drafts waited for their first claim, for the queue's header.
 * Asked again every minute and shortly after the number of waiting drafts changes.
 */
export function QueueWaitSummary({ pending }: { pending: number }) {
  const [{ data }, refetch] = useQuery({ query: QueueStatsQuery, requestPolicy: 'network-only' });

  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refetch]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of `pending` is the trigger.
  useEffect(() => {
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [pending, refetch]);

  const stats = data?.queueStats;
  if (!stats) return null;
  const median = stats.medianWaitSeconds;
  return (
    <span
      className="muted small"
      data-testid="queue-median-wait"
      title={`Median time from entering the queue to the first claim, over the ${stats.claimedLastHour} drafts claimed in the last hour`}
    >
      {median === null ? 'No draft claimed in the last hour' : `Median wait, last hour: ${duration(median)}`}
    </span>
  );
}
