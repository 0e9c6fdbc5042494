import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { payloadOf } from '../../lib/errors';
import { EraseContactMutation } from './operations';

interface Erased {
  erasedMessages: number;
  erasedDrafts: number;
}

interface Props {
  open: boolean;
  contactId: string;
  displayName: string;
  onClose(): void;
  onErased(erased: Erased): void;
}

/** GDPR erase cannot be undone, so the admin types the person's name to confirm it. */
export function EraseContactDialog({ open, contactId, displayName, onClose, onErased }: Props) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [state, erase] = useMutation(EraseContactMutation);
  const confirmed = typed.trim() === displayName.trim();

  const close = () => {
    setTyped('');
    setError(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed || state.fetching) return;
    setError(null);
    const result = await erase({ id: contactId });
    const outcome = payloadOf(result, 'eraseContact', setError);
    if (!outcome) return;
    if (outcome.__typename !== 'EraseContactSuccess') return setError(outcome.message);
    // The cache forgets the person: whatever still shows them is fetched again (see cache.ts).
    setTyped('');
    onErased(outcome);
  };

  return (
    <Dialog open={open} title={`Erase ${displayName}?`} onClose={close}>
      <form onSubmit={submit}>
        <p>
          This deletes <strong>{displayName}</strong> from Countersign for good: every message, draft, status change and
          payment, and what drafting remembers about them. It cannot be undone.
        </p>
        <Field
          id="erase-confirm"
          label="Type their name to confirm"
          help={
            <p className="help" id="erase-confirm-help">
              Their name is <span className="erase-name">{displayName}</span>
            </p>
          }
          autoComplete="off"
          spellCheck={false}
          value={typed}
          autoFocus
          onChange={(e) => setTyped(e.target.value)}
          aria-describedby="erase-confirm-help"
        />
        <FormError message={error} />
        <div className="actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={!confirmed || state.fetching}>
            {state.fetching ? 'Erasing…' : 'Erase permanently'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
