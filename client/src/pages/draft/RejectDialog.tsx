import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { payloadOf, placeError } from '../../lib/errors';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { RejectDraftMutation } from './operations';

interface Props {
  open: boolean;
  draftId: string;
  onClose(): void;
  onRejected(): void;
}

/** Rejecting sends nothing to the person; the note says why, for the drafting reports. */
export function RejectDialog({ open, draftId, onClose, onRejected }: Props) {
  const [notes, setNotes] = useState('');
  const { errors, setErrors } = useFieldErrors<'notes'>();
  const [state, reject] = useMutation(RejectDraftMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    const result = await reject({ input: { draftId, notes: notes.trim() || null } });
    const outcome = payloadOf(result, 'rejectDraft', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename === 'RejectDraftSuccess') return onRejected();
    setErrors(placeError(outcome, ['notes']));
  };

  return (
    <Dialog open={open} title="Reject this draft?" onClose={onClose}>
      <form onSubmit={submit}>
        <p className="muted">Nothing will be sent to the person. The draft leaves the queue.</p>
        <Field id="reject-notes" label="Note (why it was rejected)" error={errors.notes}>
          {(control) => (
            <textarea
              {...control}
              rows={4}
              maxLength={2000}
              value={notes}
              autoFocus
              onChange={(e) => setNotes(e.target.value)}
            />
          )}
        </Field>
        <FormError message={errors.form} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={state.fetching}>
            {state.fetching ? 'Rejecting…' : 'Reject draft'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
