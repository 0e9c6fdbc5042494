import { useState } from 'react';
import { useQuery } from 'urql';
import { ConversationHistory } from '../../components/ConversationHistory';
import { describeCombinedError } from '../../lib/errors';
import { DraftHistoryQuery } from './operations';

/** Turns shown at first and added by each "Load older" (cache.ts merges the pages). */
const TURNS_PAGE_SIZE = 10;

/** What came before this draft's burst: the person's earlier turns, with the replies they were sent. */
export function DraftHistory({ draftId }: { draftId: string }) {
  const [before, setBefore] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: DraftHistoryQuery,
    variables: { id: draftId, last: TURNS_PAGE_SIZE, before },
    // A reply sent since the last visit changes its mark.
    requestPolicy: 'cache-and-network',
  });
  const draft = data?.draft;
  if (!draft) {
    if (error) return <p className="banner error">{describeCombinedError(error)}</p>;
    return fetching ? <p className="muted small">Loading the conversation…</p> : null;
  }
  const { edges, pageInfo } = draft.history;
  const cursor = pageInfo.startCursor;
  return (
    <ConversationHistory
      title="Earlier in the conversation"
      turns={edges.map((edge) => edge.node)}
      displayName={draft.contact.displayName}
      hasOlder={pageInfo.hasPreviousPage && cursor != null}
      loading={fetching}
      onOlder={() => cursor && setBefore(cursor)}
      empty="Nothing before this burst: it is the first time they write."
    />
  );
}
