import { type FormEvent, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { Field } from '../../components/Field';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { describeCombinedError, type FieldErrors, placeError } from '../../lib/errors';
import { randomId } from '../../lib/id';
import { clockTime } from '../../lib/time';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { useLiveStatus } from '../../live';
import { useTitle } from '../../router';

const SandboxChatMessage = graphql(`
  fragment SandboxChatMessage on Message {
    id
    direction
    text
    sentAt
  }
`);

const SandboxChatQuery = graphql(`
  query SandboxChat($telegramUserId: String!) {
    sandboxChat(telegramUserId: $telegramUserId) {
      id
      ...SandboxChatMessage
    }
  }
`);

const SandboxRepliesSubscription = graphql(`
  subscription SandboxReplies($telegramUserId: String!) {
    sandboxMessage(telegramUserId: $telegramUserId) {
      id
      sentAt
      ...SandboxChatMessage
    }
  }
`);

const SandboxSendMutation = graphql(`
  mutation SandboxSend($input: SandboxSendInput!) {
    sandboxSend(input: $input) {
      __typename
      ... on SandboxSendSuccess {
        duplicate
        sent {
          id
          sentAt
          ...SandboxChatMessage
        }
      }
      ... on ValidationError {
        field
        message
      }
    }
  }
`);

const STORAGE_KEY = 'countersign.sandbox';
const TELEGRAM_ID = /^\d{1,20}$/;

interface Persona {
  telegramUserId: string;
  firstName: string;
}

function readPersona(): Persona {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Persona> | null;
    if (stored && typeof stored.telegramUserId === 'string' && typeof stored.firstName === 'string') {
      return { telegramUserId: stored.telegramUserId, firstName: stored.firstName };
    }
  } catch {
    // A damaged entry: start over.
  }
  return { telegramUserId: '1001', firstName: 'Test' };
}

type SendField = 'telegramUserId' | 'firstName' | 'text';

/** Plays a Telegram user: what they write goes through intake like a real message. */
export function SandboxPage() {
  useTitle('Sandbox');
  const [persona, setPersona] = useState<Persona>(readPersona);
  const { errors, setErrors } = useFieldErrors<SendField>();
  const validId = TELEGRAM_ID.test(persona.telegramUserId.trim());
  const chatId = validId ? persona.telegramUserId.trim() : null;

  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(persona));
  }, [persona]);

  return (
    <section className="page sandbox">
      <p className="sandbox-label" role="note">
        Sandbox — plays Telegram, nothing leaves Countersign
      </p>
      <header className="page-head">
        <h1>Sandbox chat</h1>
      </header>
      <div className="sandbox-grid">
        <form className="card persona" onSubmit={(e) => e.preventDefault()} aria-label="Telegram user">
          <h2>Write as</h2>
          <div className="field">
            <label htmlFor="sandbox-user-id">Telegram user id</label>
            <input
              id="sandbox-user-id"
              inputMode="numeric"
              autoComplete="off"
              value={persona.telegramUserId}
              onChange={(e) => setPersona({ ...persona, telegramUserId: e.target.value })}
              aria-invalid={!validId || errors.telegramUserId ? true : undefined}
            />
            {!validId ? (
              <p className="field-error">Digits only, such as 1001.</p>
            ) : (
              errors.telegramUserId && (
                <p className="field-error" role="alert">
                  {errors.telegramUserId}
                </p>
              )
            )}
          </div>
          <Field id="sandbox-first-name" label="First name" error={errors.firstName}>
            {/* Only the id: this input does not set aria-invalid. */}
            {({ id }) => (
              <input
                id={id}
                autoComplete="off"
                maxLength={200}
                value={persona.firstName}
                onChange={(e) => setPersona({ ...persona, firstName: e.target.value })}
              />
            )}
          </Field>
          <p className="help">Each id is its own person and chat. The name is used when the person first writes.</p>
        </form>
        {chatId ? (
          <Chat
            key={chatId}
            telegramUserId={chatId}
            firstName={persona.firstName}
            errors={errors}
            setErrors={setErrors}
          />
        ) : (
          <div className="card chat muted">Enter a Telegram user id to open the chat.</div>
        )}
      </div>
    </section>
  );
}

interface ChatProps {
  telegramUserId: string;
  firstName: string;
  errors: FieldErrors<SendField>;
  setErrors(errors: FieldErrors<SendField>): void;
}

function Chat({ telegramUserId, firstName, errors, setErrors }: ChatProps) {
  const live = useLiveStatus();
  const [{ data, error, fetching }, refetch] = useQuery({ query: SandboxChatQuery, variables: { telegramUserId } });
  useSubscription({ query: SandboxRepliesSubscription, variables: { telegramUserId } });
  const [sending, send] = useMutation(SandboxSendMutation);
  const [text, setText] = useState('');
  const logRef = useRef<HTMLOListElement>(null);
  const messages = data?.sandboxChat ?? [];

  // Replies delivered while the socket was down are in the chat: fetch it once after a reconnect.
  const seenConnections = useRef(live.connections);
  useEffect(() => {
    if (live.connections > 1 && live.connections !== seenConnections.current)
      refetch({ requestPolicy: 'network-only' });
    seenConnections.current = live.connections;
  }, [live.connections, refetch]);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text;
    if (body.trim() === '' || sending.fetching) return;
    setErrors({});
    const result = await send({
      input: { telegramUserId, text: body, firstName: firstName.trim() || null, clientMessageId: randomId() },
    });
    if (result.error) return setErrors({ form: describeCombinedError(result.error) });
    const outcome = result.data?.sandboxSend;
    if (outcome?.__typename === 'ValidationError')
      return setErrors(placeError(outcome, ['telegramUserId', 'firstName', 'text']));
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
