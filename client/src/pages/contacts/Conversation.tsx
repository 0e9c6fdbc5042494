import { useLayoutEffect, useRef } from 'react';
import { type FragmentType, getFragmentData } from '../../gql';
import { count } from '../../lib/count';
import { dayTime } from '../../lib/time';
import { ConversationContact } from './operations';

/** The page of messages the query's `$last` and `$before` ask for (cache.ts merges the pages). */
interface Props {
  contact: FragmentType<typeof ConversationContact>;
  loading: boolean;
  onEarlier(cursor: string): void;
}

/** What the person wrote and the replies they were sent, oldest at the top, as plain text. */
export function Conversation({ contact: contactRef, loading, onEarlier }: Props) {
  const contact = getFragmentData(ConversationContact, contactRef);
  const { edges, pageInfo } = contact.messages;
  const logRef = useRef<HTMLOListElement>(null);
  const newestId = edges[edges.length - 1]?.node.id;

  // Opens at the newest message; earlier pages added above leave the view where it is.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && newestId !== undefined) log.scrollTop = log.scrollHeight;
  }, [newestId]);

  return (
    <section className="card" aria-labelledby="conversation-title">
      <h2 id="conversation-title">
        Conversation{' '}
        <span className="muted small">
          {edges.length > 0 &&
            (pageInfo.hasPreviousPage ? `${edges.length}+ messages` : count(edges.length, 'message'))}
        </span>
      </h2>
      {edges.length === 0 ? (
        <p className="muted">No messages.</p>
      ) : (
        <ol className="conversation" ref={logRef} aria-label="Messages">
          {pageInfo.hasPreviousPage && pageInfo.startCursor && (
            <li className="center">
              <button type="button" onClick={() => onEarlier(pageInfo.startCursor ?? '')} disabled={loading}>
                {loading ? 'Loading…' : 'Show earlier messages'}
              </button>
            </li>
          )}
          {edges.map(({ node: message }) => {
            const inbound = message.direction === 'INBOUND';
            return (
              <li
                key={message.id}
                className={`message ${inbound ? 'inbound' : 'outbound'}`}
                data-direction={message.direction}
              >
                <p className={`bubble ${inbound ? 'inbound' : 'outbound'}`}>{message.text}</p>
                <span className="bubble-time">
                  {inbound ? contact.displayName : 'Reply'} ·{' '}
                  <time dateTime={message.sentAt} title={new Date(message.sentAt).toLocaleString()}>
                    {dayTime(message.sentAt)}
                  </time>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
