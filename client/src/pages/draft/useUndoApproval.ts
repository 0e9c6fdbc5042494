import { useCallback } from 'react';
import { useClient } from 'urql';
import { describeCombinedError } from '../../lib/errors';
import { useNotice } from '../../notice';
import { draftPath, navigate } from '../../router';
import { UndoApprovalMutation } from './operations';

/**
 * Takes an approval back (within the server's undo window) and opens the draft again: it is yours, claimed,
 * with your edits. Runs from a notice after the editor has gone, so it holds no component state.
 */
export function useUndoApproval(): (draftId: string) => Promise<void> {
  const client = useClient();
  const { show } = useNotice();
  return useCallback(
    async (draftId: string) => {
      const result = await client.mutation(UndoApprovalMutation, { draftId }).toPromise();
      const outcome = result.data?.undoApproval;
      if (result.error || !outcome) {
        show('error', result.error ? describeCombinedError(result.error) : 'No answer from the server.');
        return;
      }
      if (outcome.__typename !== 'UndoApprovalSuccess') {
        show('error', outcome.message);
        return;
      }
      const status = outcome.customerStatus ? ` The customer status is back to ${outcome.customerStatus}.` : '';
      show('info', `Approval undone: nothing was sent, and the draft is yours again with your edits.${status}`);
      navigate(draftPath(draftId));
    },
    [client, show],
  );
}
