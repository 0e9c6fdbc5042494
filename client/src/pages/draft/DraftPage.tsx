import { useEffect } from 'react';
import { useQuery, useSubscription } from 'urql';
import { DraftPresence } from '../../components/DraftPresence';
import { DraftStatusBadge } from '../../components/DraftStatusBadge';
import { PersonPanel } from '../../components/PersonPanel';
import { describeCombinedError } from '../../lib/errors';
import { usePresenceHeartbeat } from '../../presence';
import { Link, useTitle } from '../../router';
import { DeliveryPanel } from './DeliveryPanel';
import { DraftForm } from './DraftForm';
import { DraftHistory } from './DraftHistory';
import { InboundBurst } from './InboundBurst';
import { DraftEditorQuery, DraftEditorUpdatedSubscription } from './operations';
import { SafetyPanel } from './SafetyPanel';
import { CLAIMABLE, useClaim } from './useClaim';

/** Any change to a draft; the editor reloads its own draft when it is the one that changed. */
export function DraftPage({ id }: { id: string }) {
  const [{ data, error, fetching }, reload] = useQuery({ query: DraftEditorQuery, variables: { id } });
  const draft = data?.draft;
  // New messages from the person (and a redraft becoming ready) show while the editor is open.
  const [{ data: updated }] = useSubscription({ query: DraftEditorUpdatedSubscription });
  useEffect(() => {
    if (updated?.draftUpdated.id === id) reload({ requestPolicy: 'network-only' });
  }, [updated, id, reload]);
  const claim = useClaim(id, draft != null && CLAIMABLE.has(draft.status));
  usePresenceHeartbeat(id, claim.state === 'held');
  useTitle(draft ? `Draft for ${draft.contact.displayName}` : 'Draft');

  return (
    <section className="page editor">
      <header className="page-head">
        <Link to="/" className="back">
          ← Queue
        </Link>
        <h1>{draft ? `Reply to ${draft.contact.displayName}` : 'Draft'}</h1>
        {draft?.account && (
          <span
            className="badge account-badge"
            data-testid="draft-account"
            title="The Telegram account it came through"
          >
            via {draft.account.label}
          </span>
        )}
        {draft && <DraftStatusBadge status={draft.status} />}
        <DraftPresence draftId={id} />
      </header>
      {error && !data && (
        <p className="banner error" role="alert">
          {describeCombinedError(error)}
        </p>
      )}
      {!data && fetching && <p className="muted">Loading the draft…</p>}
      {data && !draft && <p className="banner error">This draft does not exist (or was erased).</p>}
      {draft && (
        <div className="editor-grid">
          <div className="column">
            <DraftHistory draftId={draft.id} />
            <InboundBurst draft={draft} />
            <PersonPanel contact={draft.contact} />
            <SafetyPanel draft={draft} />
          </div>
          <div className="column">
            {draft.status === 'APPROVED' ? (
              <DeliveryPanel draft={draft} />
            ) : (
              <DraftForm key={`${draft.id}:${draft.status === 'GENERATING'}`} draft={draft} claim={claim} />
            )}
          </div>
        </div>
      )}
    </section>
  );
}
