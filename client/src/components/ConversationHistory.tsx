import { useLayoutEffect, useRef } from 'react';
import { type FragmentType, getFragmentData } from '../gql';
import type { ConversationTurnDraftFragment } from '../gql/graphql';
import { count } from '../lib/count';
import { failureReasons } from '../lib/delivery';
import { dayTime } from '../lib/time';
import { ConversationTurnDraft } from './fragments';

interface Props {
  /** Oldest first, as the history connection returns them. */
  turns: ReadonlyArray<FragmentType<typeof ConversationTurnDraft>>;
  /** The person's name, beside what they wrote. */
  displayName: string;
  hasOlder: boolean;
  loading: boolean;
  onOlder(): void;
  /** Messages in no turn yet (the person is still writing), shown after the turns. */
  waiting?: ReadonlyArray<{ id: string; text: string; sentAt: string }>;
  /** Shown when there is nothing at all. */
  empty: string;
  title: string;
}

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {dayTime(iso)}
    </time>
  );
}

/** Where an approved reply's bubbles are: all sent, some on their way, or some that could not be sent. */
function deliveryNote(turn: ConversationTurnDraftFragment): { text: string; tone: 'ok' | 'warn' | 'danger' } {
  const { deliveries } = turn;
  const sent = deliveries.filter((d) => d.status === 'SENT').length;
  if (deliveries.some((d) => d.status === 'FAILED'))
    return {
      text: `not delivered (${sent} of ${deliveries.length} sent): ${failureReasons(deliveries)}`,
      tone: 'danger',
    };
  if (deliveries.length > 0 && sent === deliveries.length) return { text: 'delivered', tone: 'ok' };
  return { text: `not delivered yet (${sent} of ${deliveries.length} sent)`, tone: 'warn' };
}

/** How a turn was answered, for the line under it. */
function outcome(turn: ConversationTurnDraftFragment): string {
  switch (turn.status) {
    case 'REJECTED':
      return `Rejected${turn.reviewedBy ? ` by ${turn.reviewedBy.displayName}` : ''}: no reply was sent`;
    case 'FAILED':
      return 'Drafting failed: no reply yet';
    case 'GENERATING':
      return 'Drafting a reply…';
    default:
      return 'Waiting for review';
  }
}

/**
 * The conversation turn by turn, oldest at the top, as plain text: what the person wrote and how each turn
 * was answered. Approved replies are marked with who approved them, when, and whether they were delivered.
 */
export function ConversationHistory({
  turns: turnRefs,
  displayName,
  hasOlder,
  loading,
  onOlder,
  waiting = [],
  empty,
  title,
}: Props) {
  const turns = turnRefs.map((ref) => getFragmentData(ConversationTurnDraft, ref));
  const logRef = useRef<HTMLOListElement>(null);
  const newestId = waiting.at(-1)?.id ?? turns.at(-1)?.id;

  // Opens at the newest turn; older pages added above leave the view where it is.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && newestId !== undefined) log.scrollTop = log.scrollHeight;
  }, [newestId]);

  const messages = turns.reduce((sum, turn) => sum + turn.burst.length, waiting.length);
  return (
    <section className="card" aria-label={title} data-testid="conversation-history">
      <h2>
        {title}{' '}
        <span className="muted small">
          {turns.length > 0 && (hasOlder ? `${messages}+ messages` : count(messages, 'message'))}
        </span>
      </h2>
      {turns.length === 0 && waiting.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ol className="conversation" ref={logRef} aria-label="Conversation history">
          {hasOlder && (
            <li className="center">
              <button type="button" onClick={onOlder} disabled={loading}>
                {loading ? 'Loading…' : 'Load older'}
              </button>
            </li>
          )}
          {turns.map((turn) => (
            <li key={turn.id} className="turn" data-status={turn.status}>
              <Inbound messages={turn.burst} displayName={displayName} />
              {turn.status === 'APPROVED' ? (
                <Reply turn={turn} />
              ) : (
                <p className="turn-outcome muted small">{outcome(turn)}</p>
              )}
            </li>
          ))}
          {waiting.length > 0 && (
            <li className="turn" data-status="WRITING">
              <Inbound messages={waiting} displayName={displayName} />
              <p className="turn-outcome muted small">Still writing: drafting starts when they pause.</p>
            </li>
          )}
        </ol>
      )}
    </section>
  );
}

function Inbound({
  messages,
  displayName,
}: {
  messages: ReadonlyArray<{ id: string; text: string; sentAt: string }>;
  displayName: string;
}) {
  return (
    <ol className="turn-messages">
      {messages.map((message) => (
        <li key={message.id} className="message inbound">
          <p className="bubble inbound">{message.text}</p>
          <span className="bubble-time">
            {displayName} · <When iso={message.sentAt} />
          </span>
        </li>
      ))}
    </ol>
  );
}

/** An approved reply: its bubbles (as delivered, or as approved before delivery began) and its mark. */
function Reply({ turn }: { turn: ConversationTurnDraftFragment }) {
  const bubbles =
    turn.deliveries.length > 0
      ? turn.deliveries.map((d) => ({ key: d.id, text: d.text, failed: d.status === 'FAILED' }))
      : turn.finalBubbles.map((text, index) => ({ key: String(index), text, failed: false }));
  const delivery = deliveryNote(turn);
  return (
    <div className="reply" data-testid="approved-reply">
      <ol className="turn-messages">
        {bubbles.map((bubble) => (
          <li key={bubble.key} className="message outbound">
            <p className={`bubble outbound${bubble.failed ? ' failed' : ''}`}>{bubble.text}</p>
          </li>
        ))}
      </ol>
      <p className="reply-mark small">
        <span className="badge status-approved">Approved</span>{' '}
        {turn.reviewedBy ? `by ${turn.reviewedBy.displayName}` : 'by a removed reviewer'}
        {turn.reviewedAt && (
          <>
            {' '}
            · <When iso={turn.reviewedAt} />
          </>
        )}{' '}
        · <span className={`delivery-${delivery.tone}`}>{delivery.text}</span>
      </p>
    </div>
  );
}
