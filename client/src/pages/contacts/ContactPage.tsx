import { useCallback, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { useSession } from '../../auth';
import { count } from '../../lib/count';
import { describeCombinedError } from '../../lib/errors';
import { useAfterReconnect } from '../../live';
import { useNotice } from '../../notice';
import { Link, navigate, useTitle } from '../../router';
import { ContactSummary } from './ContactSummary';
import { Conversation } from './Conversation';
import { CustomerStatusBadge } from './CustomerStatusBadge';
import { EraseContactDialog } from './EraseContactDialog';
import { ContactPageQuery, ContactUpdatedSubscription } from './operations';
import { StatusForm } from './StatusForm';
import { StatusHistory } from './StatusHistory';

/**
 * The latest messages are shown first; "Show earlier messages" asks for the page before them
 * (cache.ts merges them).
 */
const MESSAGES_PAGE_SIZE = 50;

export function ContactPage({ id }: { id: string }) {
  const session = useSession();
  const { show } = useNotice();
  const [before, setBefore] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ContactPageQuery,
    variables: { id, last: MESSAGES_PAGE_SIZE, before },
  });
  // Live: each change brings the newest page of messages and the rest of the page; graphcache merges it
  // with the earlier pages already shown.
  useSubscription({ query: ContactUpdatedSubscription, variables: { id, last: MESSAGES_PAGE_SIZE, before: null } });
  useAfterReconnect(useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]));
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
          <ContactSummary contact={contact} />
          <div className="contact-grid">
            <Conversation contact={contact} loading={fetching} onEarlier={setBefore} />
            <div className="column">
              {session.reviewer.role === 'VIEWER' ? (
                <p className="muted small">Viewers can read contacts; reviewers and admins change their status.</p>
              ) : (
                <StatusForm key={contact.id} contact={contact} canOverride={session.reviewer.role === 'ADMIN'} />
              )}
              <StatusHistory contact={contact} />
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
