import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth';
import { DraftStatusBadge } from '../../components/DraftStatusBadge';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { FunnelFields, type FunnelValue, staleFunnelErrors } from '../../components/FunnelFields';
import { graphql } from '../../gql';
import type { DraftEditorQuery as DraftEditorData } from '../../gql/graphql';
import { describeCombinedError, placeError } from '../../lib/errors';
import { describeFunnelOutcome } from '../../lib/funnel';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { useNotice } from '../../notice';
import { Link, navigate, useTitle } from '../../router';
import { BubbleEditor, type EditableBubble, editableBubble } from './BubbleEditor';
import { DeliveryPanel } from './DeliveryPanel';
import { InboundBurst } from './InboundBurst';
import { QualityScore } from './QualityScore';
import { RejectDialog } from './RejectDialog';
import { SafetyPanel } from './SafetyPanel';
import { TagInput } from './TagInput';

const DraftEditorQuery = graphql(`
  query DraftEditor($id: ID!) {
    draft(id: $id) {
      id
      status
      bubbles
      drafter
      failureReason
      claimExpiresAt
      claimedBy {
        id
        displayName
      }
      reviewedBy {
        id
        displayName
      }
      contact {
        id
        displayName
        customerStatus
        ...FunnelFieldsContact
      }
      ...InboundBurstDraft
      ...SafetyPanelDraft
      ...DeliveryPanelDraft
    }
  }
`);

const ClaimDraftMutation = graphql(`
  mutation ClaimDraft($id: ID!) {
    claimDraft(id: $id) {
      __typename
      ... on ClaimDraftSuccess {
        draft {
          id
          status
          claimExpiresAt
          claimedBy {
            id
            displayName
          }
        }
      }
      ... on Error {
        message
      }
      ... on ClaimConflictError {
        claimedBy
      }
    }
  }
`);

const ApproveDraftMutation = graphql(`
  mutation ApproveDraft($input: ApproveDraftInput!) {
    approveDraft(input: $input) {
      __typename
      ... on ApproveDraftSuccess {
        previousStatus
        newStatus
        ltvAdded
        ltvTotal
        draft {
          id
          status
          finalBubbles
          contact {
            id
            customerStatus
            ltv
          }
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

const ReleaseDraftMutation = graphql(`
  mutation ReleaseDraft($id: ID!) {
    releaseDraft(id: $id) {
      __typename
    }
  }
`);

type Claim =
  | { state: 'idle' }
  | { state: 'claiming' }
  | { state: 'held'; expiresAt: string | null }
  | { state: 'refused'; message: string };

/** Only these can be claimed; any other status is decided or not ready, so nothing is asked. */
const CLAIMABLE: ReadonlySet<string> = new Set(['PENDING', 'CLAIMED']);

/**
 * Opening a draft takes the review lease, renews it while the page stays open, and hands it back
 * on leaving. `wanted` is false until the draft is known to be claimable (an approved draft
 * waiting to be sent again, say, is never claimed), and turning false hands the lease back.
 */
function useClaim(draftId: string, wanted: boolean): Claim {
  const [claim, setClaim] = useState<Claim>(() => (wanted ? { state: 'claiming' } : { state: 'idle' }));
  const [, executeClaim] = useMutation(ClaimDraftMutation);
  const [, executeRelease] = useMutation(ReleaseDraftMutation);

  useEffect(() => {
    if (!wanted) {
      setClaim({ state: 'idle' });
      return;
    }
    let cancelled = false;
    let held = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const take = async () => {
      const result = await executeClaim({ id: draftId });
      if (cancelled) return;
      const outcome = result.data?.claimDraft;
      // A renewal lost to the network keeps the lease (it has minutes left) and tries again.
      if (held && result.error?.networkError) timer = setTimeout(() => void take(), 10_000);
      else if (result.error) setClaim({ state: 'refused', message: describeCombinedError(result.error) });
      else if (!outcome) setClaim({ state: 'refused', message: 'No answer from the server.' });
      else if (outcome.__typename !== 'ClaimDraftSuccess') setClaim({ state: 'refused', message: outcome.message });
      else {
        const expiresAt = outcome.draft.claimExpiresAt ?? null;
        held = true;
        setClaim({ state: 'held', expiresAt });
        if (expiresAt) {
          const renewIn = Math.max(5_000, (Date.parse(expiresAt) - Date.now()) / 2);
          timer = setTimeout(() => void take(), renewIn);
        }
      }
    };
    setClaim({ state: 'claiming' });
    void take();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      // After approve or reject the server answers that the draft is decided; nothing to undo then.
      if (held) void executeRelease({ id: draftId });
    };
  }, [draftId, wanted, executeClaim, executeRelease]);

  return claim;
}

export function DraftPage({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: DraftEditorQuery, variables: { id } });
  const draft = data?.draft;
  const claim = useClaim(id, draft != null && CLAIMABLE.has(draft.status));
  useTitle(draft ? `Draft for ${draft.contact.displayName}` : 'Draft');

  return (
    <section className="page editor">
      <header className="page-head">
        <Link to="/" className="back">
          ← Queue
        </Link>
        <h1>{draft ? `Reply to ${draft.contact.displayName}` : 'Draft'}</h1>
        {draft && <DraftStatusBadge status={draft.status} />}
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
            <InboundBurst draft={draft} />
            <SafetyPanel draft={draft} />
          </div>
          <div className="column">
            {draft.status === 'APPROVED' ? (
              <DeliveryPanel draft={draft} />
            ) : (
              <DraftForm key={draft.id} draft={draft} claim={claim} />
            )}
          </div>
        </div>
      )}
    </section>
  );
}

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

function lockedMessage(draft: NonNullable<DraftEditorData['draft']>, claim: Claim, reviewerId: string): string | null {
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

function DraftForm({ draft, claim }: { draft: NonNullable<DraftEditorData['draft']>; claim: Claim }) {
  const session = useSession();
  const { show } = useNotice();
  const [bubbles, setBubbles] = useState<EditableBubble[]>(() => draft.bubbles.map(editableBubble));
  const [funnel, setFunnel] = useState<FunnelValue>({ status: '', ltvAmount: '', reason: '' });
  const [tags, setTags] = useState<string[]>([]);
  const [score, setScore] = useState<number | null>(null);
  const [notes, setNotes] = useState('');
  const { errors, setErrors, clearError } = useFieldErrors<FormField>();
  const [rejecting, setRejecting] = useState(false);
  const [approval, approve] = useMutation(ApproveDraftMutation);

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
    if (result.error) return setErrors({ form: describeCombinedError(result.error) });
    const outcome = result.data?.approveDraft;
    if (!outcome) return setErrors({ form: 'No answer from the server. Please try again.' });
    if (outcome.__typename !== 'ApproveDraftSuccess') {
      setErrors(placeError(outcome, FORM_FIELDS, { statusReason: 'reason' }));
      return;
    }
    const count = outcome.draft.finalBubbles.length;
    const parts = [
      `Approved: ${count} ${count === 1 ? 'bubble is' : 'bubbles are'} on the way to ${draft.contact.displayName}.`,
      ...describeFunnelOutcome(outcome),
    ];
    show('success', parts.join(' '));
    navigate('/');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <>
      <form className="card review-form" onSubmit={submit} onKeyDown={onKeyDown} aria-label="Review">
        {claim.state === 'claiming' && <p className="banner info">Taking this draft for review…</p>}
        {locked && (
          <p className="banner warn" role="status">
            {locked}
          </p>
        )}
        <fieldset className="plain" disabled={!canAct}>
          <BubbleEditor
            bubbles={bubbles}
            onChange={(next) => {
              clearError('bubbles');
              setBubbles(next);
            }}
            error={errors.bubbles}
          />
          <p className="muted small">Suggested by {draft.drafter}.</p>
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
            <span className="spacer" />
            <span className="muted small">Ctrl+Enter</span>
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
          navigate('/');
        }}
      />
    </>
  );
}
