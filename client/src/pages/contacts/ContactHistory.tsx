import { ConversationHistory } from '../../components/ConversationHistory';
import { type FragmentType, getFragmentData } from '../../gql';
import { ContactHistoryContact } from './operations';

/** The page of turns the query's `$last` and `$before` ask for (cache.ts merges the pages). */
interface Props {
  contact: FragmentType<typeof ContactHistoryContact>;
  loading: boolean;
  onOlder(cursor: string): void;
}

/** The whole conversation with the person, turn by turn, the open draft's turn and what they are still writing last. */
export function ContactHistory({ contact: contactRef, loading, onOlder }: Props) {
  const contact = getFragmentData(ContactHistoryContact, contactRef);
  const { edges, pageInfo } = contact.history;
  const cursor = pageInfo.startCursor;
  return (
    <ConversationHistory
      title="Conversation"
      turns={edges.map((edge) => edge.node)}
      displayName={contact.displayName}
      hasOlder={pageInfo.hasPreviousPage && cursor != null}
      loading={loading}
      onOlder={() => cursor && onOlder(cursor)}
      waiting={contact.pendingMessages}
      empty="No messages."
    />
  );
}
