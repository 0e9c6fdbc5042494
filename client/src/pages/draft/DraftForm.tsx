import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../../auth';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { FunnelFields, type FunnelValue, staleFunnelErrors } from '../../components/FunnelFields';
import { type FragmentType, getFragmentData } from '../../gql';
import type { DraftFormDraftFragment } from '../../gql/graphql';
import { payloadOf, placeError } from '../../lib/errors';
import { describeFunnelOutcome } from '../../lib/funnel';
import { keyedByContent } from '../../lib/listKeys';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { useNotice } from '../../notice';
import { draftPath, navigate } from '../../router';
import { BubbleEditor, type EditableBubble, editableBubble } from './BubbleEditor';
import { ContextBadges } from './ContextBadges';
import { ApproveDraftMutation, DraftFormDraft, RedraftDraftMutation } from './operations';
import { QualityScore } from './QualityScore';
import { RejectDialog } from './RejectDialog';
import { TagInput } from './TagInput';
import type { Claim } from './useClaim';
import { useOpenNext } from './useOpenNext';
import { useUndoApproval } from './useUndoApproval';

type FormField = 'bubbles' | 'editTags' | 'qualityScore' | 'notes' | 'customerStatus' | 'ltvAmount' | 'reason';
const FORM_FIELDS: readonly FormField[] = [
  'bubbles',
  'editTags',
  'qualityScore',
  'notes',
  'customerStatus',
  'ltvAmount',
  'reason',
];

function lockedMessage(draft: DraftFormDraftFragment, claim: Claim, reviewerId: string): string | null {
  switch (draft.status) {
    case 'APPROVED':
      return `This draft was approved${draft.reviewedBy ? ` by ${draft.reviewedBy.displayName}` : ''}.`;
    case 'REJECTED':
      return `This draft was rejected${draft.reviewedBy ? ` by ${draft.reviewedBy.displayName}` : ''}.`;
    case 'SUPERSEDED':
      return 'The person wrote again, so this draft was replaced by a new one in the queue.';
    case 'GENERATING':
      return 'A new suggestion is being drafted.';
    case 'FAILED':
      return `Drafting failed: ${draft.failureReason ?? 'no reason recorded'}. Retry it from the queue.`;
    default:
      break;
  }
  if (draft.status === 'CLAIMED' && draft.claimedBy && draft.claimedBy.id !== reviewerId) {
    return `${draft.claimedBy.displayName} is reviewing this draft.`;
  }
  if (claim.state === 'refused') return claim.message;
  return null;
}

/** The review of a draft still to be decided: edit the bubbles, record the funnel, approve or reject. */
export function DraftForm({ draft: draftRef, claim }: { draft: FragmentType<typeof DraftFormDraft>; claim: Claim }) {
  const draft = getFragmentData(DraftFormDraft, draftRef);
  const session = useSession();
  const { show } = useNotice();
  // An undone approval comes back with the edits it was approved with.
  const [bubbles, setBubbles] = useState<EditableBubble[]>(() =>
    (draft.finalBubbles.length > 0 ? draft.finalBubbles : draft.bubbles).map(editableBubble),
  );
  const [funnel, setFunnel] = useState<FunnelValue>({ status: '', ltvAmount: '', reason: '' });
  const [tags, setTags] = useState<string[]>(() => [...draft.editTags]);
  const [score, setScore] = useState<number | null>(draft.qualityScore ?? null);
  const [notes, setNotes] = useState(draft.notes ?? '');
  const { errors, setErrors, clearError } = useFieldErrors<FormField>();
  const [rejecting, setRejecting] = useState(false);
  const [approval, approve] = useMutation(ApproveDraftMutation);
  const [redrafting, redraft] = useMutation(RedraftDraftMutation);
  const undoApproval = useUndoApproval();
  const openNext = useOpenNext(draft.id);

  const changeFunnel = (next: FunnelValue) => {
    clearError(...staleFunnelErrors(funnel, next));
    setFunnel(next);
  };

  const locked = lockedMessage(draft, claim, session.reviewer.id);
  const canAct = claim.state === 'held' && locked === null && session.reviewer.role !== 'VIEWER';

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!canAct || approval.fetching) return;
    setErrors({});
    const result = await approve({
      input: {
        draftId: draft.id,
        bubbles: bubbles.map((b) => b.text),
        editTags: tags,
        qualityScore: score,
        notes: notes.trim() || null,
        customerStatus: funnel.status || null,
        ltvAmount: funnel.ltvAmount.trim() || null,
        statusReason: funnel.reason.trim() || null,
      },
    });
    const outcome = payloadOf(result, 'approveDraft', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'ApproveDraftSuccess') {
      setErrors(placeError(outcome, FORM_FIELDS, { statusReason: 'reason' }));
      return;
    }
    const count = outcome.draft.finalBubbles.length;
    const parts = [
      `Approved: ${count} ${count === 1 ? 'bubble is' : 'bubbles are'} on the way to ${draft.contact.displayName}.`,
      ...describeFunnelOutcome(outcome),
    ];
    const until = outcome.draft.undoableUntil ? Date.parse(outcome.draft.undoableUntil) : null;
    const undo = until ? { label: 'Undo', until, run: () => void undoApproval(draft.id) } : undefined;
    show('success', parts.join(' '), undo);
    await openNext();
  };

  /** A new draft that also answers what the person wrote meanwhile; this edit stays beside it. */
  const askRedraft = async () => {
    if (!canAct || redrafting.fetching) return;
    setErrors({});
    const result = await redraft({ input: { draftId: draft.id, editedBubbles: bubbles.map((b) => b.text) } });
    const outcome = payloadOf(result, 'redraftDraft', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'RedraftDraftSuccess') return setErrors({ form: outcome.message });
    show('info', `Redrafting for ${draft.contact.displayName} with the new messages; the draft stays yours.`);
    navigate(draftPath(outcome.draft.id));
  };

  // Ctrl+Enter approves from anywhere in the editor (not from an open dialog, which has its own keys).
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      if ((event.target as Element | null)?.closest?.('dialog[open]')) return;
      event.preventDefault();
      void submitRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <form className="card review-form" onSubmit={submit} aria-label="Review">
        {claim.state === 'claiming' && <p className="banner info">Taking this draft for review…</p>}
        {locked && (
          <p className="banner warn" role="status">
            {locked}
          </p>
        )}
        <fieldset className="plain" disabled={!canAct}>
          {draft.previousEdit.length > 0 && (
            <section className="previous-edit" aria-label="Your edit of the previous draft">
              <h3>Your edit of the previous draft</h3>
              {keyedByContent(draft.previousEdit, (text) => text).map(({ key, item: text }) => (
                <p key={key} className="bubble outbound">
                  {text}
                </p>
              ))}
              <button type="button" onClick={() => setBubbles(draft.previousEdit.map(editableBubble))}>
                Use these bubbles
              </button>
            </section>
          )}
          <BubbleEditor
            bubbles={bubbles}
            onChange={(next) => {
              clearError('bubbles');
              setBubbles(next);
            }}
            error={errors.bubbles}
          />
          <p className="muted small">
            Suggested by {draft.drafter}. <ContextBadges draft={draft} />
          </p>
          <FunnelFields
            contact={draft.contact}
            value={funnel}
            onChange={changeFunnel}
            errors={errors}
            canOverride={session.reviewer.role === 'ADMIN'}
          />
          <TagInput
            id="edit-tags"
            tags={tags}
            onChange={(next) => {
              clearError('editTags');
              setTags(next);
            }}
            error={errors.editTags}
          />
          <QualityScore
            value={score}
            onChange={(next) => {
              clearError('qualityScore');
              setScore(next);
            }}
            error={errors.qualityScore}
          />
          <Field id="review-notes" label="Notes" error={errors.notes}>
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={2000}
                value={notes}
                onChange={(e) => {
                  clearError('notes');
                  setNotes(e.target.value);
                }}
              />
            )}
          </Field>
          <FormError message={errors.form} />
          <div className="actions">
            <button type="button" className="danger-outline" onClick={() => setRejecting(true)}>
              Reject…
            </button>
            {draft.newMessages.length > 0 && (
              <button type="button" onClick={() => void askRedraft()} disabled={redrafting.fetching}>
                {redrafting.fetching ? 'Redrafting…' : 'Redraft with the new messages'}
              </button>
            )}
            <span className="spacer" />
            <kbd className="small">Ctrl+Enter</kbd>
            <button type="submit" className="primary" disabled={approval.fetching}>
              {approval.fetching ? 'Approving…' : 'Approve and send'}
            </button>
          </div>
        </fieldset>
      </form>
      <RejectDialog
        open={rejecting}
        draftId={draft.id}
        onClose={() => setRejecting(false)}
        onRejected={() => {
          setRejecting(false);
          show('info', `Rejected the draft for ${draft.contact.displayName}; nothing was sent.`);
          void openNext();
        }}
      />
    </>
  );
}
