import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { QueryState } from '../../components/QueryState';
import { RecordTable } from '../../components/RecordTable';
import { getFragmentData } from '../../gql';
import type { WebhookEvent, WebhookFieldsFragment } from '../../gql/graphql';
import { payloadOf, placeError } from '../../lib/errors';
import { useRecordEditor } from '../../lib/useRecordEditor';
import {
  DeleteWebhookMutation,
  SaveWebhookMutation,
  SendTestWebhookEventMutation,
  WebhookDeliveriesQuery,
  WebhookFieldsFragment as WebhookFields,
  WebhooksQuery,
} from './webhookOperations';

/** Every event, in the order the form lists them, with what it means. */
const EVENTS: Array<{ value: WebhookEvent; label: string }> = [
  { value: 'DRAFT_QUEUED', label: 'A draft enters the queue' },
  { value: 'DRAFT_APPROVED', label: 'An approval stands (delivery begins)' },
  { value: 'DRAFT_REJECTED', label: 'A draft is rejected' },
  { value: 'MESSAGE_DELIVERED', label: 'A reply bubble is delivered' },
  { value: 'DELIVERY_FAILED', label: 'A reply could not be delivered' },
  { value: 'CONTACT_STATUS_CHANGED', label: "A person's customer status changes" },
  { value: 'CONTACT_ERASED', label: "A person's data is erased" },
];

interface Editing {
  id: string | null;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
}

const NEW: Editing = { id: null, url: '', events: ['DRAFT_QUEUED'], enabled: true };

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

/** Webhooks: the list, an editor, the secret shown once, recent deliveries, a test event, and the turned-off notice. */
export function WebhooksSection() {
  const [query, refetch] = useQuery({ query: WebhooksQuery });
  const webhooks = (query.data?.webhooks ?? []).map((w) => getFragmentData(WebhookFields, w));
  const { editing, edit, set, text, errors, setErrors, saved, saving, stored } = useRecordEditor<
    Editing,
    'url' | 'events'
  >(NEW);
  const [secret, setSecret] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<WebhookFieldsFragment | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [saveState, save] = useMutation(SaveWebhookMutation);
  const [deleteState, remove] = useMutation(DeleteWebhookMutation);

  const toggleEvent = (event: WebhookEvent, on: boolean) => {
    set('events', on ? [...editing.events, event] : editing.events.filter((x) => x !== event));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    saving();
    const result = await save({
      input: { id: editing.id, url: editing.url.trim(), events: editing.events, enabled: editing.enabled },
    });
    const outcome = payloadOf(result, 'saveWebhook', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'SaveWebhookSuccess') return setErrors(placeError(outcome, ['url', 'events']));
    const webhook = getFragmentData(WebhookFields, outcome.webhook);
    if (outcome.secret) setSecret(outcome.secret);
    stored(
      { id: webhook.id, url: webhook.url, events: [...webhook.events], enabled: webhook.enabled },
      outcome.secret ? 'Webhook created.' : 'Webhook saved.',
    );
    setSelected(webhook.id);
    refetch({ requestPolicy: 'network-only' });
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteError(null);
    const outcome = payloadOf(await remove({ id: deleting.id }), 'deleteWebhook', setDeleteError);
    if (!outcome) return;
    if (outcome.__typename !== 'DeleteWebhookSuccess') return setDeleteError(outcome.message);
    if (editing.id === deleting.id) edit(NEW);
    if (selected === deleting.id) setSelected(null);
    setDeleting(null);
    refetch({ requestPolicy: 'network-only' });
  };

  const turnedOff = webhooks.filter((w) => w.disabledReason);

  return (
    <div className="webhooks">
      {turnedOff.map((w) => (
        <p key={w.id} className="banner warn" role="alert">
          The webhook to <strong>{w.url}</strong> is off since {when(w.disabledAt)}. {w.disabledReason}. Check the
          receiver, send it a test event, and turn it on again.
        </p>
      ))}
      <div className="webhooks">
        <section className="card" aria-labelledby="webhooks-title">
          <h2 id="webhooks-title">Webhooks {query.data && <span className="muted small">{webhooks.length}</span>}</h2>
          <p className="help">
            Countersign POSTs each chosen event as signed JSON (Standard Webhooks) and retries for about a day.
          </p>
          <QueryState result={query} loading="Loading webhooks…" />
          {query.data && webhooks.length === 0 && <p className="muted">No webhooks yet.</p>}
          {webhooks.length > 0 && (
            <RecordTable label="Webhooks" columns={['URL', 'Events', 'State']}>
              {webhooks.map((w) => (
                <tr key={w.id} className={w.id === editing.id ? 'selected' : undefined}>
                  <td className="cell-name">{w.url}</td>
                  <td>{w.events.length}</td>
                  <td>{w.enabled ? 'On' : w.disabledReason ? 'Turned off after failures' : 'Off'}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        edit({ id: w.id, url: w.url, events: [...w.events], enabled: w.enabled });
                        setSelected(w.id);
                      }}
                    >
                      Edit<span className="visually-hidden"> {w.url}</span>
                    </button>
                    <button type="button" className="link" onClick={() => setSelected(w.id)}>
                      Deliveries<span className="visually-hidden"> of {w.url}</span>
                    </button>
                    <button type="button" className="link danger" onClick={() => setDeleting(w)}>
                      Delete<span className="visually-hidden"> {w.url}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </RecordTable>
          )}
          <div>
            <button type="button" onClick={() => edit(NEW)} disabled={editing.id === null}>
              + New webhook
            </button>
          </div>
        </section>
        <form className="card team-form" onSubmit={submit} aria-labelledby="webhook-form-title" noValidate>
          <h2 id="webhook-form-title">{editing.id ? 'Edit webhook' : 'New webhook'}</h2>
          {saved && (
            <p className="banner info" role="status">
              {saved}
            </p>
          )}
          <Field
            id="webhook-url"
            label="URL"
            error={errors.url}
            type="url"
            autoComplete="off"
            placeholder="https://example.com/webhooks/countersign"
            required
            {...text('url')}
          />
          <fieldset className="plain webhook-events">
            <legend>Events</legend>
            {EVENTS.map((e) => (
              <label key={e.value} className="check">
                <input
                  type="checkbox"
                  checked={editing.events.includes(e.value)}
                  onChange={(change) => toggleEvent(e.value, change.target.checked)}
                />
                <span>
                  {e.label} <code className="muted small">{e.value}</code>
                </span>
              </label>
            ))}
            <FieldError message={errors.events} />
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={editing.enabled} onChange={(e) => set('enabled', e.target.checked)} />
            On: events are sent
          </label>
          <FormError message={errors.form} />
          <button type="submit" className="primary" disabled={saveState.fetching}>
            {saveState.fetching ? 'Saving…' : editing.id ? 'Save webhook' : 'Create webhook'}
          </button>
        </form>
      </div>
      {selected && <Deliveries key={selected} webhook={webhooks.find((w) => w.id === selected) ?? null} />}
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
      <Dialog
        open={deleting !== null}
        title="Delete this webhook?"
        onClose={() => {
          setDeleteError(null);
          setDeleting(null);
        }}
      >
        <p>
          Nothing more is sent to <strong>{deleting?.url}</strong>, and its delivery log goes with it.
        </p>
        <FormError message={deleteError} />
        <div className="actions">
          <button type="button" onClick={() => setDeleting(null)}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={deleteState.fetching} onClick={confirmDelete}>
            {deleteState.fetching ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

/** The signing secret, shown once after a webhook is created, with a copy button. */
function SecretDialog({ secret, onClose }: { secret: string | null; onClose(): void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied.');
    } catch {
      setCopied('Could not copy: select the secret and copy it yourself.');
    }
  };
  return (
    <Dialog
      open={secret !== null}
      title="The webhook's signing secret"
      onClose={() => {
        setCopied(null);
        onClose();
      }}
    >
      <p>Keep it now: it is shown only this once. Your receiver verifies each event's signature with it.</p>
      <p>
        <code className="secret" data-testid="webhook-secret">
          {secret}
        </code>
      </p>
      {copied && (
        <p className="muted small" role="status">
          {copied}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={copy}>
          Copy secret
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setCopied(null);
            onClose();
          }}
        >
          Done
        </button>
      </div>
    </Dialog>
  );
}

/** A webhook's latest deliveries, and the button that sends it a test event. */
function Deliveries({ webhook }: { webhook: WebhookFieldsFragment | null }) {
  const [query, refetch] = useQuery({
    query: WebhookDeliveriesQuery,
    variables: { webhookId: webhook?.id ?? '', first: 20 },
    pause: !webhook,
    requestPolicy: 'cache-and-network',
  });
  const [testState, sendTest] = useMutation(SendTestWebhookEventMutation);
  const [message, setMessage] = useState<string | null>(null);
  if (!webhook) return null;
  const deliveries = query.data?.webhookDeliveries.edges.map((e) => e.node) ?? [];

  const test = async () => {
    setMessage(null);
    const outcome = payloadOf(await sendTest({ id: webhook.id }), 'sendTestWebhookEvent', setMessage);
    if (!outcome) return;
    if (outcome.__typename !== 'SendTestWebhookEventSuccess') return setMessage(outcome.message);
    setMessage('Test event queued.');
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <section className="card" aria-labelledby="webhook-deliveries-title">
      <h2 id="webhook-deliveries-title">Recent deliveries to {webhook.url}</h2>
      <div className="actions">
        <button type="button" onClick={test} disabled={testState.fetching}>
          {testState.fetching ? 'Sending…' : 'Send test event'}
        </button>
        <button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          Refresh
        </button>
      </div>
      {message && (
        <p className="muted small" role="status">
          {message}
        </p>
      )}
      <QueryState result={query} loading="Loading deliveries…" />
      {query.data && deliveries.length === 0 && <p className="muted">Nothing sent yet.</p>}
      {deliveries.length > 0 && (
        <table className="table" aria-label="Deliveries">
          <thead>
            <tr>
              {['Time', 'Event', 'Status', 'Attempts', 'Response'].map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>{when(d.occurredAt)}</td>
                <td>
                  <code>{d.type}</code>
                </td>
                <td>
                  {d.status === 'SUCCEEDED' ? 'Delivered' : d.status === 'FAILED' ? 'Failed' : 'Pending'}
                  {d.status === 'PENDING' && d.nextAttemptAt && (
                    <span className="muted small"> (next try {when(d.nextAttemptAt)})</span>
                  )}
                </td>
                <td>{d.attempts}</td>
                <td>
                  {d.responseStatus ?? '—'}
                  {d.lastError && <span className="muted small"> {d.lastError}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
