import { type MouseEvent, memo, type Ref, useState } from 'react';
import { useMutation } from 'urql';
import { DraftPresence } from '../../components/DraftPresence';
import { DraftStatusBadge } from '../../components/DraftStatusBadge';
import { SafetyBadge } from '../../components/SafetyBadge';
import { type FragmentType, getFragmentData } from '../../gql';
import { failureReasons } from '../../lib/delivery';
import { describeCombinedError } from '../../lib/errors';
import { statusLabel } from '../../lib/funnel';
import { age, duration } from '../../lib/time';
import { draftPath, Link, navigate } from '../../router';
import { QueueItemDraft, RetryDraftMutation } from './operations';

const PREVIEW_LENGTH = 160;

/** "the bubble", "all 3 bubbles" or "1 of 3 bubbles": which of a reply's bubbles were not delivered. */
function undeliveredBubbles(failed: number, total: number): string {
  if (failed < total) return `${failed} of ${total} bubbles`;
  return total === 1 ? 'the bubble' : `all ${total} bubbles`;
}

/** A card's wait to the minute (the card is redrawn every 30 s): "under 1 min", "4 min", "1 h 5 min". */
function waitLabel(since: string, now: number): string {
  const seconds = (now - Date.parse(since)) / 1000;
  return seconds < 60 ? 'under 1 min' : duration(Math.floor(seconds / 60) * 60);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/** Clicks on these keep their own action instead of opening the draft. */
const OWN_ACTION = 'a, button, input, select, textarea, label, summary, [role="button"]';

interface Props {
  ref: Ref<HTMLLIElement>;
  /** The card's place in the whole queue (only the cards on screen are rendered). */
  index: number;
  total: number;
  /** Where the card sits in the list, in px from its top. */
  offset: number;
  draft: FragmentType<typeof QueueItemDraft>;
  selected: boolean;
  now: number;
  currentReviewerId: string;
  onSelect(id: string): void;
}

/** Memoised: scrolling the virtualised list re-renders the page, and only cards that moved or changed need to. */
export const QueueItem = memo(function QueueItem({
  ref,
  index,
  total,
  offset,
  draft: draftRef,
  selected,
  now,
  currentReviewerId,
  onSelect,
}: Props) {
  const draft = getFragmentData(QueueItemDraft, draftRef);
  const [retry, executeRetry] = useMutation(RetryDraftMutation);
  const [retryError, setRetryError] = useState<string | null>(null);

  const onRetry = async () => {
    setRetryError(null);
    const result = await executeRetry({ id: draft.id });
    if (result.error) setRetryError(describeCombinedError(result.error));
    else if (result.data?.retryDraft.__typename !== 'RetryDraftSuccess')
      setRetryError(result.data?.retryDraft.message ?? 'Retry failed');
  };

  // The person waits until a reply is approved: from the draft entering the queue, claimed or not.
  const waiting =
    (draft.status === 'PENDING' || draft.status === 'CLAIMED') && draft.pendingAt ? draft.pendingAt : null;
  const claimedByOther = draft.status === 'CLAIMED' && draft.claimedBy && draft.claimedBy.id !== currentReviewerId;
  // An approved reply that could not (all) be sent: the editor offers to send it again.
  const undelivered = draft.status === 'APPROVED' ? draft.deliveries.filter((d) => d.status === 'FAILED') : [];

  // A click anywhere on the card opens the draft, unless it selected text or hit a control of its own.
  const onClick = (event: MouseEvent<HTMLLIElement>) => {
    if (event.button !== 0 || event.defaultPrevented) return;
    if ((event.target as Element).closest(OWN_ACTION)) return;
    if (window.getSelection()?.toString()) return;
    navigate(draftPath(draft.id));
  };

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard opens the card with j/k and Enter, or its contact link.
    <li
      ref={ref}
      className={`queue-item${selected ? ' selected' : ''}`}
      aria-current={selected ? true : undefined}
      aria-posinset={index + 1}
      aria-setsize={total}
      data-index={index}
      data-draft-id={draft.id}
      data-status={draft.status}
      style={{ transform: `translateY(${offset}px)` }}
      onMouseDown={() => onSelect(draft.id)}
      onClick={onClick}
    >
      <div className="queue-item-head">
        <Link to={draftPath(draft.id)} className="queue-contact">
          {draft.contact.displayName}
        </Link>
        <span className="muted small">
          Telegram {draft.contact.telegramUserId} · {statusLabel(draft.contact.customerStatus)}
        </span>
        {draft.account && (
          <span
            className="badge account-badge"
            data-testid="draft-account"
            title="The Telegram account it came through"
          >
            {draft.account.label}
          </span>
        )}
        <span className="spacer" />
        <DraftStatusBadge status={draft.status} />
        {undelivered.length > 0 && <span className="badge status-failed">Not delivered</span>}
        <SafetyBadge recommendation={draft.safety?.recommendation} />
        {waiting ? (
          <time
            className="queue-wait small"
            dateTime={waiting}
            title={`In the queue since ${new Date(waiting).toLocaleString()}`}
            data-testid="queue-wait"
          >
            Waiting {waitLabel(waiting, now)}
          </time>
        ) : (
          <time className="muted small" dateTime={draft.createdAt} title={new Date(draft.createdAt).toLocaleString()}>
            {age(draft.createdAt, now)}
          </time>
        )}
      </div>
      <p className="queue-preview">{preview(draft.inboundText)}</p>
      <DraftPresence draftId={draft.id} />
      {claimedByOther && <p className="muted small">Being reviewed by {draft.claimedBy?.displayName}</p>}
      {undelivered.length > 0 && (
        <fieldset className="queue-failure" aria-label="Delivery failed">
          <span>
            <strong>Not delivered ({undeliveredBubbles(undelivered.length, draft.deliveries.length)}):</strong>{' '}
            {failureReasons(undelivered)}
          </span>
          <span className="muted small">Open it to send again.</span>
        </fieldset>
      )}
      {draft.status === 'FAILED' && (
        <fieldset className="queue-failure" aria-label="Drafting failed">
          <span>
            <strong>Drafting failed:</strong> {draft.failureReason ?? 'no reason recorded'}
          </span>
          <button type="button" onClick={onRetry} disabled={retry.fetching}>
            {retry.fetching ? 'Retrying…' : 'Retry'}
          </button>
          {retryError && (
            <span className="field-error" role="alert">
              {retryError}
            </span>
          )}
        </fieldset>
      )}
    </li>
  );
});
