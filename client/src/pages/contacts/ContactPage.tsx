import { type FormEvent, useLayoutEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth';
import { FormError } from '../../components/FormError';
import {
  type FunnelField,
  FunnelFields,
  type FunnelValue,
  resultingStatus,
  staleFunnelErrors,
} from '../../components/FunnelFields';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { ContactPageQuery as ContactPageData, CustomerStatus } from '../../gql/graphql';
import { describeCombinedError, placeError } from '../../lib/errors';
import { describeFunnelOutcome, statusLabel } from '../../lib/funnel';
import { dayTime } from '../../lib/time';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { useNotice } from '../../notice';
import { Link, navigate, useTitle } from '../../router';
import { CustomerStatusBadge } from './CustomerStatusBadge';
import { EraseContactDialog } from './EraseContactDialog';

const ContactPageQuery = graphql(`
  query ContactPage($id: ID!, $last: Int!, $before: String) {
    contact(id: $id) {
      id
      displayName
      username
      telegramUserId
      customerStatus
      ltv
      createdAt
      messages(last: $last, before: $before) {
        edges {
          node {
            id
            direction
            text
            sentAt
            draftId
          }
        }
        pageInfo {
          hasPreviousPage
          startCursor
        }
      }
      ...ContactStatusHistory
      ...FunnelFieldsContact
    }
  }
`);

const ContactStatusHistory = graphql(`
  fragment ContactStatusHistory on Contact {
    statusHistory {
      id
      fromStatus
      toStatus
      reason
      override
      draftId
      createdAt
      by {
        id
        displayName
      }
    }
  }
`);

const SetCustomerStatusMutation = graphql(`
  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {
    setCustomerStatus(input: $input) {
      __typename
      ... on SetCustomerStatusSuccess {
        previousStatus
        newStatus
        ltvAdded
        ltvTotal
        contact {
          id
          customerStatus
          ltv
          ...ContactStatusHistory
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on InvalidTransitionError {
        field
      }
    }
  }
`);

/** The latest messages are shown first; "Show earlier messages" asks for the page before them (cache.ts merges them). */
const MESSAGES_PAGE_SIZE = 50;

type Contact = NonNullable<ContactPageData['contact']>;

export function ContactPage({ id }: { id: string }) {
  const session = useSession();
  const { show } = useNotice();
  const [before, setBefore] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: ContactPageQuery,
    variables: { id, last: MESSAGES_PAGE_SIZE, before },
  });
  const [erasing, setErasing] = useState(false);
  const contact = data?.contact;
  useTitle(contact ? contact.displayName : 'Contact');

  return (
    <section className="page">
      <header className="page-head">
        <Link to="/contacts" className="back">
          ← Contacts
        </Link>
        <h1>{contact ? contact.displayName : 'Contact'}</h1>
        {contact && <CustomerStatusBadge status={contact.customerStatus} />}
      </header>
      {error && !data && (
        <p className="banner error" role="alert">
          {describeCombinedError(error)}
        </p>
      )}
      {!data && fetching && <p className="muted">Loading the contact…</p>}
      {data && !contact && <p className="banner error">This contact does not exist (or was erased).</p>}
      {contact && (
        <>
          <dl className="contact-summary" aria-label="Contact details">
            <div>
              <dt>Telegram id</dt>
              <dd>{contact.telegramUserId}</dd>
            </div>
            <div>
              <dt>Username</dt>
              <dd>{contact.username ? `@${contact.username}` : <span className="muted">none</span>}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>{statusLabel(contact.customerStatus)}</dd>
            </div>
            <div>
              <dt>LTV</dt>
              <dd data-testid="contact-ltv">{contact.ltv}</dd>
            </div>
            <div>
              <dt>First wrote</dt>
              <dd>
                <time dateTime={contact.createdAt} title={new Date(contact.createdAt).toLocaleString()}>
                  {dayTime(contact.createdAt)}
                </time>
              </dd>
            </div>
          </dl>
          <div className="contact-grid">
            <Conversation contact={contact} loading={fetching} onEarlier={setBefore} />
            <div className="column">
              {session.reviewer.role === 'VIEWER' ? (
                <p className="muted small">Viewers can read contacts; reviewers and admins change their status.</p>
              ) : (
                <StatusForm key={contact.id} contact={contact} canOverride={session.reviewer.role === 'ADMIN'} />
              )}
              <StatusHistory contact={contact} current={contact.customerStatus} />
              {session.reviewer.role === 'ADMIN' && (
                <section className="card erase" aria-labelledby="erase-title">
                  <h2 id="erase-title">Erase (GDPR)</h2>
                  <p className="muted small">
                    Removes this person from Countersign for good: their messages, drafts, status history, payments and
                    what drafting remembers about them.
                  </p>
                  <div>
                    <button type="button" className="danger-outline" onClick={() => setErasing(true)}>
                      Erase this person…
                    </button>
                  </div>
                </section>
              )}
            </div>
          </div>
          <EraseContactDialog
            open={erasing}
            contactId={contact.id}
            displayName={contact.displayName}
            onClose={() => setErasing(false)}
            onErased={({ erasedMessages, erasedDrafts }) => {
              setErasing(false);
              show(
                'success',
                `Erased ${contact.displayName}: ${count(erasedMessages, 'message')}, ${count(erasedDrafts, 'draft')}.`,
              );
              navigate('/contacts');
            }}
          />
        </>
      )}
    </section>
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What the person wrote and the replies they were sent, oldest at the top, as plain text. */
function Conversation({
  contact,
  loading,
  onEarlier,
}: {
  contact: Contact;
  loading: boolean;
  onEarlier(cursor: string): void;
}) {
  const { edges, pageInfo } = contact.messages;
  const logRef = useRef<HTMLOListElement>(null);
  const newestId = edges[edges.length - 1]?.node.id;

  // Opens at the newest message; earlier pages added above leave the view where it is.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
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

function StatusHistory({
  contact: contactRef,
  current,
}: {
  contact: FragmentType<typeof ContactStatusHistory>;
  current: CustomerStatus;
}) {
  const { statusHistory } = getFragmentData(ContactStatusHistory, contactRef);
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">
        Status history {statusHistory.length > 0 && <span className="muted small">{statusHistory.length}</span>}
      </h2>
      {statusHistory.length === 0 ? (
        <p className="muted small">Still {statusLabel(current)}, as when they first wrote.</p>
      ) : (
        <table className="table history" aria-label="Status history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Change</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {[...statusHistory].reverse().map((change) => (
              <tr key={change.id}>
                <td className="cell-when">
                  <time
                    className="small"
                    dateTime={change.createdAt}
                    title={new Date(change.createdAt).toLocaleString()}
                  >
                    {dayTime(change.createdAt)}
                  </time>
                </td>
                <td>
                  {statusLabel(change.fromStatus)} → {statusLabel(change.toStatus)}
                  {change.override && <span className="badge override">override</span>}
                  {change.draftId && <span className="muted small"> on approval</span>}
                  {change.reason && <p className="history-reason small">{change.reason}</p>}
                </td>
                <td>{change.by ? change.by.displayName : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const STATUS_FIELDS: readonly FunnelField[] = ['customerStatus', 'ltvAmount', 'reason'];
const EMPTY: FunnelValue = { status: '', ltvAmount: '', reason: '' };

/** Moves the contact along the funnel and/or records a payment, outside any draft. */
function StatusForm({ contact, canOverride }: { contact: Contact; canOverride: boolean }) {
  const [funnel, setFunnel] = useState<FunnelValue>(EMPTY);
  const { errors, setErrors, clearError } = useFieldErrors<FunnelField>();
  const [saved, setSaved] = useState<string | null>(null);
  const [state, setStatus] = useMutation(SetCustomerStatusMutation);

  const change = (next: FunnelValue) => {
    clearError(...staleFunnelErrors(funnel, next));
    setSaved(null);
    setFunnel(next);
  };

  const nothingToSave = funnel.status === '' && funnel.ltvAmount.trim() === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (nothingToSave || state.fetching) return;
    setErrors({});
    setSaved(null);
    const result = await setStatus({
      input: {
        contactId: contact.id,
        status: resultingStatus(contact.customerStatus, funnel),
        ltvAmount: funnel.ltvAmount.trim() || null,
        reason: funnel.reason.trim() || null,
      },
    });
    if (result.error) return setErrors({ form: describeCombinedError(result.error) });
    const outcome = result.data?.setCustomerStatus;
    if (!outcome) return setErrors({ form: 'No answer from the server. Please try again.' });
    if (outcome.__typename !== 'SetCustomerStatusSuccess') {
      setErrors(placeError(outcome, STATUS_FIELDS, { status: 'customerStatus' }));
      return;
    }
    // The contact in the result updates the header, the history and this form (graphcache).
    const parts = describeFunnelOutcome(outcome);
    setFunnel(EMPTY);
    setSaved(parts.length > 0 ? `Saved. ${parts.join(' ')}` : 'Nothing changed.');
  };

  return (
    <form className="card status-form" onSubmit={submit} aria-labelledby="status-form-title" noValidate>
      <h2 id="status-form-title">Change status</h2>
      {saved && (
        <p className="banner info" role="status">
          {saved}
        </p>
      )}
      <FunnelFields contact={contact} value={funnel} onChange={change} errors={errors} canOverride={canOverride} />
      <FormError message={errors.form} />
      <div className="actions">
        <span className="spacer" />
        <button type="submit" className="primary" disabled={state.fetching || nothingToSave}>
          {state.fetching ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
