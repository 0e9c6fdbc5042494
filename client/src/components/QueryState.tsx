import type { CombinedError } from 'urql';
import { describeCombinedError } from '../lib/errors';

/** What a query's section shows before it has data: why it failed, or that it is loading. */
export function QueryState({
  result,
  loading,
}: {
  result: { data?: unknown; fetching: boolean; error?: CombinedError };
  loading: string;
}) {
  if (result.data) return null;
  if (result.error) {
    return (
      <p className="banner error" role="alert">
        {describeCombinedError(result.error)}
      </p>
    );
  }
  return result.fetching ? <p className="muted">{loading}</p> : null;
}
