import { type FormEvent, useEffect, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { FormError } from '../../components/FormError';
import { QueryState } from '../../components/QueryState';
import { getFragmentData } from '../../gql';
import { payloadOf } from '../../lib/errors';
import { ConnectBot } from './ConnectBot';
import { ConnectUser } from './ConnectUser';
import {
  AddSandboxAccountMutation,
  TelegramAccountFields,
  TelegramAccountsQuery,
  TelegramAccountUpdatedSubscription,
} from './operations';
import { TelegramAccountRow } from './TelegramAccountRow';

/**
 * The Telegram accounts of this deployment (admins): each with its live state, rename, persona, disable and
 * remove; and a one-click sandbox account.
 */
export function TelegramPage() {
  const [query, reload] = useQuery({ query: TelegramAccountsQuery });
  const [{ data: update }] = useSubscription({ query: TelegramAccountUpdatedSubscription });
  const [added, setAdded] = useState<string | null>(null);
  const accounts = query.data?.telegramAccounts ?? [];
  const known = new Set(accounts.map((a) => a.id));

  // The cache updates a listed account in place; one added or removed elsewhere changes the list itself.
  const updated = update?.telegramAccountUpdated;
  const listChanged = updated ? updated.removed === known.has(updated.id) : false;
  useEffect(() => {
    if (listChanged) reload({ requestPolicy: 'network-only' });
  }, [listChanged, reload]);

  const connected = (id: string) => {
    setAdded(id);
    reload({ requestPolicy: 'network-only' });
  };

  return (
    <section className="page telegram-page">
      <header className="page-head">
        <h1>Telegram</h1>
      </header>
      <p className="help">
        Each account people write to. Replies always leave from the account that received the message; sessions and
        tokens are stored encrypted and never shown.
      </p>
      <QueryState result={query} loading="Loading accounts…" />
      {query.data && (
        <ul className="account-list" aria-label="Telegram accounts">
          {accounts.map((account) => (
            <TelegramAccountRow
              key={account.id}
              account={getFragmentData(TelegramAccountFields, account)}
              personas={query.data?.personas ?? []}
              highlighted={account.id === added}
              onRemoved={() => reload({ requestPolicy: 'network-only' })}
            />
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="connect-title">
        <h2 id="connect-title">Add an account</h2>
        <AddSandboxAccount
          onAdded={(id) => {
            setAdded(id);
            reload({ requestPolicy: 'network-only' });
          }}
        />
      </section>
      <ConnectBot onConnected={connected} />
      <ConnectUser onConnected={connected} />
    </section>
  );
}

function AddSandboxAccount({ onAdded }: { onAdded(id: string): void }) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [state, add] = useMutation(AddSandboxAccountMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const result = await add({ label: label.trim() || 'Sandbox' });
    const outcome = payloadOf(result, 'addSandboxAccount', setError);
    if (!outcome) return;
    if (outcome.__typename !== 'AddSandboxAccountSuccess') return setError(outcome.message);
    setLabel('');
    onAdded(outcome.account.id);
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add a sandbox account">
      <label htmlFor="sandbox-label">Sandbox account</label>
      <input
        id="sandbox-label"
        placeholder="Label (optional)"
        maxLength={100}
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      <button type="submit" disabled={state.fetching}>
        {state.fetching ? 'Adding…' : 'Add sandbox account'}
      </button>
      <FormError message={error} />
    </form>
  );
}
