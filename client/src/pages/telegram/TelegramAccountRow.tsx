import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import type { TelegramAccountFieldsFragment } from '../../gql/graphql';
import { payloadOf } from '../../lib/errors';
import { RemoveTelegramAccountMutation, UpdateTelegramAccountMutation } from './operations';

const STATE_LABEL: Record<TelegramAccountFieldsFragment['state'], string> = {
  CONNECTING: 'Connecting',
  CONNECTED: 'Connected',
  STANDBY: 'Standby',
  NEEDS_LOGIN: 'Needs login',
  ERROR: 'Error',
  DISABLED: 'Disabled',
};

const KIND_LABEL: Record<TelegramAccountFieldsFragment['kind'], string> = {
  USER: 'User account',
  BOT: 'Bot',
  SANDBOX: 'Sandbox',
};

interface Props {
  account: TelegramAccountFieldsFragment;
  personas: ReadonlyArray<{ id: string; name: string }>;
  highlighted: boolean;
  onRemoved(): void;
}

/** One account: its live state, and rename, persona, disable and remove. */
export function TelegramAccountRow({ account, personas, highlighted, onRemoved }: Props) {
  const [label, setLabel] = useState(account.label);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [state, update] = useMutation(UpdateTelegramAccountMutation);

  const save = async (variables: { label?: string; personaId?: string | null; disabled?: boolean }) => {
    setError(null);
    const result = await update({ id: account.id, ...variables });
    const outcome = payloadOf(result, 'updateTelegramAccount', setError);
    if (outcome && outcome.__typename !== 'UpdateTelegramAccountSuccess') setError(outcome.message);
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (label.trim() !== account.label) void save({ label });
  };

  return (
    <li
      className={`card account-row${highlighted ? ' selected' : ''}`}
      data-testid="telegram-account"
      data-account-id={account.id}
    >
      <div className="account-head">
        <strong className="account-label">{account.label}</strong>
        <span className="muted small">
          {KIND_LABEL[account.kind]}
          {account.username ? ` · @${account.username}` : ''}
        </span>
        <span className="spacer" />
        <span
          className={`badge account-state state-${account.state.toLowerCase()}`}
          data-testid="account-state"
          title={`Since ${new Date(account.stateChangedAt).toLocaleString()}`}
        >
          {STATE_LABEL[account.state]}
        </span>
      </div>
      {account.stateDetail && (
        <p className="muted small" data-testid="account-state-detail">
          {account.stateDetail}
        </p>
      )}
      <div className="account-controls">
        <form className="inline-form" onSubmit={rename}>
          <label htmlFor={`label-${account.id}`}>Label</label>
          <input id={`label-${account.id}`} value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />
          <button type="submit" disabled={state.fetching || label.trim() === account.label}>
            Rename
          </button>
        </form>
        <label className="inline-form">
          Persona{' '}
          <select
            value={account.persona?.id ?? ''}
            disabled={state.fetching}
            onChange={(e) => void save({ personaId: e.target.value || null })}
          >
            <option value="">The active persona</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={account.disabled}
            disabled={state.fetching}
            onChange={(e) => void save({ disabled: e.target.checked })}
          />{' '}
          Disabled
        </label>
        {account.id !== 'sandbox' && (
          <button type="button" className="danger" onClick={() => setRemoving(true)}>
            Remove…
          </button>
        )}
      </div>
      <FormError message={error} />
      <RemoveAccountDialog
        open={removing}
        account={account}
        onClose={() => setRemoving(false)}
        onRemoved={() => {
          setRemoving(false);
          onRemoved();
        }}
      />
    </li>
  );
}

/** Removal stops intake at once; erasing the history too cannot be undone, so the label must be typed. */
function RemoveAccountDialog(props: {
  open: boolean;
  account: TelegramAccountFieldsFragment;
  onClose(): void;
  onRemoved(): void;
}) {
  const { account } = props;
  const [erase, setErase] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [state, remove] = useMutation(RemoveTelegramAccountMutation);
  const confirmed = typed.trim() === account.label.trim();

  const close = () => {
    setTyped('');
    setErase(false);
    setError(null);
    props.onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed || state.fetching) return;
    setError(null);
    const result = await remove({ id: account.id, eraseHistory: erase });
    const outcome = payloadOf(result, 'removeTelegramAccount', setError);
    if (!outcome) return;
    if (outcome.__typename !== 'RemoveTelegramAccountSuccess') return setError(outcome.message);
    props.onRemoved();
  };

  return (
    <Dialog open={props.open} title={`Remove ${account.label}?`} onClose={close}>
      <form onSubmit={submit}>
        <p>
          Nothing more comes in through <strong>{account.label}</strong> from now on, and its stored session or token is
          deleted. Its conversations stay unless you erase them.
        </p>
        <label className="check">
          <input type="checkbox" checked={erase} onChange={(e) => setErase(e.target.checked)} /> Also erase every person
          of this account, with their messages and drafts (GDPR erase; cannot be undone)
        </label>
        <label htmlFor={`remove-confirm-${account.id}`}>Type the label to confirm</label>
        <input
          id={`remove-confirm-${account.id}`}
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <FormError message={error} />
        <div className="actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={!confirmed || state.fetching}>
            {state.fetching ? 'Removing…' : erase ? 'Remove and erase' : 'Remove'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
