import { type FormEvent, type KeyboardEvent, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { type FragmentType, getFragmentData } from '../../gql';
import { describeCombinedError, type FieldErrors, placeError } from '../../lib/errors';
import { randomId } from '../../lib/id';
import { clockTime } from '../../lib/time';
import { useAfterReconnect } from '../../live';
import { SandboxChatMessage, SandboxChatQuery, SandboxRepliesSubscription, SandboxSendMutation } from './operations';

/** What the server may refuse a sandbox message for: the user's id, their name or the text. */
export type SendField = 'telegramUserId' | 'firstName' | 'text';

interface Props {
  telegramUserId: string;
  /** The sandbox account written to; absent: the default one. */
  accountId?: string;
  firstName: string;
  errors: FieldErrors<SendField>;
  setErrors(errors: FieldErrors<SendField>): void;
}

/** The chat of one sandbox user with Countersign: what they wrote and the replies sent to them, live. */
export function SandboxChat({ telegramUserId, accountId, firstName, errors, setErrors }: Props) {
  // The default sandbox account's chat is asked for without an account, as before accounts were data.
  const chat = accountId ? { telegramUserId, accountId } : { telegramUserId };
  const [{ data, error, fetching }, refetch] = useQuery({ query: SandboxChatQuery, variables: chat });
  useSubscription({ query: SandboxRepliesSubscription, variables: chat });
  const [sending, send] = useMutation(SandboxSendMutation);
  const [text, setText] = useState('');
  const logRef = useRef<HTMLOListElement>(null);
  const messages = data?.sandboxChat ?? [];

  // Replies delivered while the socket was down are in the chat: fetch it once after a reconnect.
  useAfterReconnect(useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]));

  // Each new message scrolls the log to the bottom, where it is.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && messages.length > 0) log.scrollTop = log.scrollHeight;
  }, [messages.length]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text;
    if (body.trim() === '' || sending.fetching) return;
    setErrors({});
    const result = await send({
      input: {
        ...chat,
        text: body,
        firstName: firstName.trim() || null,
        clientMessageId: randomId(),
      },
    });
    if (result.error) return setErrors({ form: describeCombinedError(result.error) });
    const outcome = result.data?.sandboxSend;
    if (outcome?.__typename === 'ValidationError')
      return setErrors(placeError(outcome, ['telegramUserId', 'firstName', 'text']));
    if (outcome && outcome.__typename !== 'SandboxSendSuccess') return setErrors({ form: outcome.message });
    // The chat is fetched again with the message in it (see cache.ts).
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <div className="card chat">
      <h2>
        Chat with Countersign <span className="muted small">as {telegramUserId}</span>
      </h2>
      {error && !data && (
        <p className="banner error" role="alert">
          {describeCombinedError(error)}
        </p>
      )}
      <ol
        className="chat-log"
        ref={logRef}
        aria-label="Messages"
        aria-live="polite"
        data-loaded={data ? 'true' : 'false'}
      >
        {!data && fetching && <li className="muted">Loading…</li>}
        {data && messages.length === 0 && <li className="muted center">No messages yet. Say hello.</li>}
        {messages.map((m) => (
          <ChatBubble key={m.id} message={m} />
        ))}
      </ol>
      <form className="composer" onSubmit={submit}>
        <label htmlFor="sandbox-text" className="visually-hidden">
          Message
        </label>
        <textarea
          id="sandbox-text"
          rows={2}
          placeholder="Write a message (Enter sends, Shift+Enter for a new line)"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={errors.text ? true : undefined}
        />
        <button type="submit" className="primary" disabled={sending.fetching || text.trim() === ''}>
          Send
        </button>
      </form>
      {(errors.text ?? errors.form) && (
        <p className="field-error" role="alert">
          {errors.text ?? errors.form}
        </p>
      )}
    </div>
  );
}

function ChatBubble({ message: messageRef }: { message: FragmentType<typeof SandboxChatMessage> }) {
  const message = getFragmentData(SandboxChatMessage, messageRef);
  const mine = message.direction === 'INBOUND';
  return (
    <li className={`chat-row ${mine ? 'mine' : 'theirs'}`} data-direction={message.direction}>
      <p className={`bubble ${mine ? 'inbound' : 'outbound'}`}>
        <span className="bubble-text">{message.text}</span>
        <time className="bubble-time" dateTime={message.sentAt}>
          {clockTime(message.sentAt)}
        </time>
      </p>
    </li>
  );
}
