import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { describeCombinedError } from '../../lib/errors';
import { ClaimDraftMutation, ReleaseDraftMutation } from './operations';

export type Claim =
  | { state: 'idle' }
  | { state: 'claiming' }
  | { state: 'held'; expiresAt: string | null }
  | { state: 'refused'; message: string };

/** Only these can be claimed; any other status is decided or not ready, so nothing is asked. */
export const CLAIMABLE: ReadonlySet<string> = new Set(['PENDING', 'CLAIMED']);

/**
 * Opening a draft takes the review lease, renews it while the page stays open, and hands it back
 * on leaving. `wanted` is false until the draft is known to be claimable (an approved draft
 * waiting to be sent again, say, is never claimed), and turning false hands the lease back.
 */
export function useClaim(draftId: string, wanted: boolean): Claim {
  const [claim, setClaim] = useState<Claim>(() => (wanted ? { state: 'claiming' } : { state: 'idle' }));
  const [, executeClaim] = useMutation(ClaimDraftMutation);
  const [, executeRelease] = useMutation(ReleaseDraftMutation);

  useEffect(() => {
    if (!wanted) {
      setClaim({ state: 'idle' });
      return;
    }
    let cancelled = false;
    let held = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const take = async () => {
      const result = await executeClaim({ id: draftId });
      if (cancelled) return;
      const outcome = result.data?.claimDraft;
      // A renewal lost to the network keeps the lease (it has minutes left) and tries again.
      if (held && result.error?.networkError) timer = setTimeout(() => void take(), 10_000);
      else if (result.error) setClaim({ state: 'refused', message: describeCombinedError(result.error) });
      else if (!outcome) setClaim({ state: 'refused', message: 'No answer from the server.' });
      else if (outcome.__typename !== 'ClaimDraftSuccess') setClaim({ state: 'refused', message: outcome.message });
      else {
        const expiresAt = outcome.draft.claimExpiresAt ?? null;
        held = true;
        setClaim({ state: 'held', expiresAt });
        if (expiresAt) {
          const renewIn = Math.max(5_000, (Date.parse(expiresAt) - Date.now()) / 2);
          timer = setTimeout(() => void take(), renewIn);
        }
      }
    };
    setClaim({ state: 'claiming' });
    void take();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      // After approve or reject the server answers that the draft is decided; nothing to undo then.
      if (held) void executeRelease({ id: draftId });
    };
  }, [draftId, wanted, executeClaim, executeRelease]);

  return claim;
}
