import { useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../../auth';
import { FormError } from '../../components/FormError';
import { type FragmentType, getFragmentData } from '../../gql';
import { hasFailedDelivery } from '../../lib/delivery';
import { payloadOf } from '../../lib/errors';
import { keyedByContent } from '../../lib/listKeys';
import { dayTime, useSecondsLeft } from '../../lib/time';
import { useNotice } from '../../notice';
import { navigate } from '../../router';
import { DeliveryPanelDraft, RetryDeliveryMutation } from './operations';
import { useUndoApproval } from './useUndoApproval';

const DELIVERY_TEXT: Record<string, string> = {
  QUEUED: 'Sending',
  SENT: 'Sent',
  FAILED: 'Not delivered',
};

const DELIVERY_CLASS: Record<string, string> = {
  QUEUED: 'status-pending',
  SENT: 'status-approved',
  FAILED: 'status-failed',
};

function DeliveryStatusBadge({ status }: { status: string }) {
  return <span className={`badge ${DELIVERY_CLASS[status] ?? ''}`}>{DELIVERY_TEXT[status] ?? status}</span>;
}

/**
 * An approved draft: the bubbles as approved, how far each got, and (when some could not be
 * sent) a way to send those again. Approved drafts are decided, so there is nothing to claim.
 */
export function DeliveryPanel({ draft: draftRef }: { draft: FragmentType<typeof DeliveryPanelDraft> }) {
  const draft = getFragmentData(DeliveryPanelDraft, draftRef);
  const session = useSession();
  const { show } = useNotice();
  const [retry, executeRetry] = useMutation(RetryDeliveryMutation);
  const [error, setError] = useState<string | null>(null);
  const undoApproval = useUndoApproval();
  const [undoing, setUndoing] = useState(false);
  const undoSeconds = useSecondsLeft(draft.undoableUntil ? Date.parse(draft.undoableUntil) : null);
  const canUndo =
    undoSeconds > 0 && (draft.reviewedBy?.id === session.reviewer.id || session.reviewer.role === 'ADMIN');

  const failed = draft.deliveries.filter((d) => d.status === 'FAILED');
  const canRetry = hasFailedDelivery(draft.deliveries) && session.reviewer.role !== 'VIEWER';
  const approvedBy = draft.reviewedBy ? ` by ${draft.reviewedBy.displayName}` : '';
  const notDelivered =
    failed.length === draft.deliveries.length ? 'it' : `${failed.length} of ${draft.deliveries.length} bubbles`;

  const onRetry = async () => {
    if (!canRetry || retry.fetching) return;
    setError(null);
    const result = await executeRetry({ draftId: draft.id });
    const outcome = payloadOf(result, 'retryDelivery', setError);
    if (!outcome) return;
    if (outcome.__typename !== 'RetryDeliverySuccess') return setError(outcome.message);
    const bubbles = failed.length === 1 ? '1 bubble is' : `${failed.length} bubbles are`;
    show('success', `Sending again: ${bubbles} on the way to ${draft.contact.displayName}.`);
    navigate('/');
  };

  return (
    <section className="card delivery" aria-labelledby="delivery-title">
      <h2 id="delivery-title">Approved reply</h2>
      {failed.length > 0 ? (
        <p className="banner warn" role="status">
          This draft was approved{approvedBy}, but {notDelivered} could not be delivered.
        </p>
      ) : (
        <p className="muted small">This draft was approved{approvedBy}.</p>
      )}
      {draft.deliveries.length > 0 ? (
        <ol className="deliveries" aria-label="Approved bubbles">
          {draft.deliveries.map((delivery) => (
            <li key={delivery.id} className="delivery-row" data-status={delivery.status}>
              <p className="bubble outbound">{delivery.text}</p>
              <p className="delivery-state small">
                <DeliveryStatusBadge status={delivery.status} />
                {delivery.status === 'FAILED' && (
                  <span className="delivery-reason">{delivery.failureReason?.trim() || 'No reason recorded.'}</span>
                )}
                {delivery.status === 'SENT' && delivery.sentAt && (
                  <time className="muted" dateTime={delivery.sentAt}>
                    {dayTime(delivery.sentAt)}
                  </time>
                )}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <ol className="deliveries" aria-label="Approved bubbles">
          {keyedByContent(draft.finalBubbles, (text) => text).map(({ key, item: text }) => (
            <li key={key} className="delivery-row">
              <p className="bubble outbound">{text}</p>
            </li>
          ))}
        </ol>
      )}
      <FormError message={error} />
      {canUndo && (
        <div className="actions">
          <span className="muted small">Delivery starts when the countdown ends.</span>
          <span className="spacer" />
          <button
            type="button"
            disabled={undoing}
            onClick={async () => {
              setUndoing(true);
              await undoApproval(draft.id);
              setUndoing(false);
            }}
          >
            {undoing ? 'Undoing…' : `Undo (${undoSeconds} s)`}
          </button>
        </div>
      )}
      {hasFailedDelivery(draft.deliveries) && (
        <div className="actions">
          {session.reviewer.role === 'VIEWER' && <span className="muted small">Viewers cannot send replies.</span>}
          <span className="spacer" />
          <button type="button" className="primary" onClick={onRetry} disabled={!canRetry || retry.fetching}>
            {retry.fetching ? 'Sending…' : 'Send again'}
          </button>
        </div>
      )}
    </section>
  );
}
