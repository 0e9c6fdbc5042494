import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { FormError } from '../components/FormError';
import { QueryState } from '../components/QueryState';
import { RecordTable } from '../components/RecordTable';
import { type FragmentType, getFragmentData } from '../gql';
import type { Role } from '../gql/graphql';
import { payloadOf, placeError } from '../lib/errors';
import { dayTime } from '../lib/time';
import { useFieldErrors } from '../lib/useFieldErrors';
import { useFormValues } from '../lib/useFormValues';
import { ApiKeyRow, ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation } from './apiKeyOperations';

const ROLE_LABELS: Record<Role, string> = { VIEWER: 'Viewer', REVIEWER: 'Reviewer', ADMIN: 'Admin' };

type KeyField = 'name' | 'role' | 'expiresAt';

interface NewKey {
  name: string;
  role: Role;
  /** A local date (yyyy-mm-dd) from the date input, or empty for a key that never expires. */
  expiresOn: string;
}

const EMPTY: NewKey = { name: '', role: 'VIEWER', expiresOn: '' };

/** API keys for integrations: created here (the secret shown once), listed by prefix, revoked (admins only). */
export function ApiKeysSection() {
  const [query] = useQuery({ query: ApiKeysQuery });
  const keys = query.data?.apiKeys ?? [];
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);

  return (
    <div className="card">
      <h2>API keys {query.data && <span className="muted small">{keys.length}</span>}</h2>
      <p className="muted">
        Integrations send a key as <code>Authorization: Bearer &lt;key&gt;</code>. It acts with its role, on behalf of
        you, and cannot sign in to this app.
      </p>
      <CreateApiKeyForm onCreated={(name, value) => setSecret({ name, value })} />
      <QueryState result={query} loading="Loading API keys…" />
      {query.data &&
        (keys.length === 0 ? (
          <p className="muted">No API keys yet.</p>
        ) : (
          <RecordTable label="API keys" columns={['Name', 'Key', 'Role', 'Created', 'Expires', 'Last used', 'Status']}>
            {keys.map((key) => (
              <ApiKeyTableRow key={key.id} apiKey={key} />
            ))}
          </RecordTable>
        ))}
      <Dialog open={secret !== null} title={`API key "${secret?.name ?? ''}" created`} onClose={() => setSecret(null)}>
        {secret && <SecretShownOnce secret={secret.value} onDone={() => setSecret(null)} />}
      </Dialog>
    </div>
  );
}

function CreateApiKeyForm({ onCreated }: { onCreated(name: string, secret: string): void }) {
  const { values, setValues, set, text } = useFormValues(EMPTY);
  const { errors, setErrors } = useFieldErrors<KeyField>();
  const [state, createApiKey] = useMutation(CreateApiKeyMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    // The key works through the whole chosen day, in the admin's time zone.
    const expiresAt = values.expiresOn ? new Date(`${values.expiresOn}T23:59:59`).toISOString() : null;
    const result = await createApiKey({ input: { name: values.name.trim(), role: values.role, expiresAt } });
    const outcome = payloadOf(result, 'createApiKey', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename === 'ValidationError') return setErrors(placeError(outcome, ['name', 'role', 'expiresAt']));
    if (outcome.__typename !== 'CreateApiKeySuccess') return setErrors({ form: outcome.message });
    setValues(EMPTY);
    onCreated(getFragmentData(ApiKeyRow, outcome.apiKey).name, outcome.secret);
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Create an API key" noValidate>
      <Field id="api-key-name" label="Name" error={errors.name} maxLength={100} autoComplete="off" {...text('name')} />
      <Field id="api-key-role" label="Role" error={errors.role}>
        {(control) => (
          <select {...control} value={values.role} onChange={(e) => set('role', e.target.value as Role)}>
            {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="api-key-expires"
        label="Expires (optional)"
        error={errors.expiresAt}
        type="date"
        {...text('expiresOn')}
      />
      <FormError message={errors.form} />
      <button type="submit" className="primary" disabled={state.fetching || values.name.trim() === ''}>
        {state.fetching ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}

/** The secret exists only in this dialog: the server keeps its hash, so it cannot be shown again. */
function SecretShownOnce({ secret, onDone }: { secret: string; onDone(): void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <>
      <p>Copy the key now: it is shown only this once. Store it where your integration keeps its secrets.</p>
      <p className="temporary-password" data-testid="api-key-secret">
        <code>{secret}</code>
      </p>
      {copied && (
        <p className={copied === 'yes' ? 'muted' : 'field-error'} role="status">
          {copied === 'yes' ? 'Copied to the clipboard.' : 'Could not copy: select the key and copy it yourself.'}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button type="button" className="primary" onClick={onDone}>
          Done
        </button>
      </div>
    </>
  );
}

function ApiKeyTableRow(props: { apiKey: FragmentType<typeof ApiKeyRow> }) {
  const key = getFragmentData(ApiKeyRow, props.apiKey);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [state, revoke] = useMutation(RevokeApiKeyMutation);
  const expired = key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now();
  const status = key.revokedAt ? 'revoked' : expired ? 'expired' : 'active';

  const confirmRevoke = async () => {
    setError(null);
    const outcome = payloadOf(await revoke({ id: key.id }), 'revokeApiKey', setError);
    setConfirm(false);
    if (outcome && outcome.__typename !== 'RevokeApiKeySuccess') setError(outcome.message);
  };

  return (
    <tr className={status === 'active' ? undefined : 'inactive'} data-testid="api-key-row">
      <td>{key.name}</td>
      <td>
        <code>{key.prefix}…</code>
      </td>
      <td>{ROLE_LABELS[key.role]}</td>
      <td>{dayTime(key.createdAt)}</td>
      <td>{key.expiresAt ? dayTime(key.expiresAt) : <span className="muted">never</span>}</td>
      <td>{key.lastUsedAt ? dayTime(key.lastUsedAt) : <span className="muted">never</span>}</td>
      <td>
        <span className={`badge state-${status === 'active' ? 'active' : 'inactive'}`}>{status}</span>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td className="row-actions">
        {!key.revokedAt && (
          <button type="button" className="link danger" disabled={state.fetching} onClick={() => setConfirm(true)}>
            Revoke<span className="visually-hidden"> {key.name}</span>
          </button>
        )}
        <Dialog open={confirm} title={`Revoke the API key "${key.name}"?`} onClose={() => setConfirm(false)}>
          <p>Every integration using it is refused at once, open connections included. This cannot be undone.</p>
          <div className="actions">
            <button type="button" onClick={() => setConfirm(false)}>
              Cancel
            </button>
            <button type="button" className="danger" disabled={state.fetching} onClick={confirmRevoke}>
              {state.fetching ? 'Revoking…' : 'Revoke'}
            </button>
          </div>
        </Dialog>
      </td>
    </tr>
  );
}
