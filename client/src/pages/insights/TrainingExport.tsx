import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useAuth } from '../../auth';
import { saveBlob } from '../../lib/download';
import { whole } from './format';
import { utcDate } from './range';

const EXPORT_PATH = '/export/training.jsonl';
const NEWLINE = 10;

type State =
  | { kind: 'idle' }
  | { kind: 'running'; examples: number; bytes: number }
  | { kind: 'done'; examples: number; file: string }
  | { kind: 'failed'; message: string };

interface Filters {
  format: 'raw' | 'chat';
  from: string;
  to: string;
  tags: string;
  minScore: string;
}

/** The download's query string; `to` is the day after the last one, since the server's end is exclusive. */
function exportQuery(filters: Filters): string {
  const params = new URLSearchParams({ format: filters.format });
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', utcDate(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000));
  const tags = filters.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length > 0) params.set('tags', tags.join(','));
  if (filters.minScore) params.set('minScore', filters.minScore);
  return params.toString();
}

function fileName(filters: Filters): string {
  const span = [filters.from, filters.to].filter(Boolean).join('_');
  return `training-${filters.format}${span ? `-${span}` : ''}.jsonl`;
}

/**
 * Approved decisions as JSON lines for fine-tuning (admins). The token is a bearer header, not a cookie,
 * so a plain link cannot carry it: the file is fetched, counted as it arrives, and saved from a blob.
 */
export function TrainingExport({ token }: { token: string }) {
  const { signOut } = useAuth();
  const id = useId();
  const [filters, setFilters] = useState<Filters>({ format: 'chat', from: '', to: '', tags: '', minScore: '' });
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const download = async (event: FormEvent) => {
    event.preventDefault();
    // Dates as YYYY-MM-DD compare as text.
    if (filters.from && filters.to && filters.from > filters.to) {
      setState({ kind: 'failed', message: 'The first day must not be after the last.' });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', examples: 0, bytes: 0 });
    try {
      const response = await fetch(`${EXPORT_PATH}?${exportQuery(filters)}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      });
      if (response.status === 401) {
        signOut('Your session has ended. Please sign in again.');
        return;
      }
      if (!response.ok || !response.body) {
        const text = (await response.text().catch(() => '')).trim();
        setState({ kind: 'failed', message: text || `The export failed (HTTP ${response.status}).` });
        return;
      }
      const chunks: Uint8Array[] = [];
      let examples = 0;
      let bytes = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        for (const byte of value) if (byte === NEWLINE) examples++;
        setState({ kind: 'running', examples, bytes });
      }
      if (examples === 0) {
        setState({
          kind: 'failed',
          message: 'No approved decisions match these filters: there is nothing to download.',
        });
        return;
      }
      const file = fileName(filters);
      saveBlob(new Blob(chunks as BlobPart[], { type: 'application/x-ndjson' }), file);
      setState({ kind: 'done', examples, file });
    } catch {
      if (controller.signal.aborted) setState({ kind: 'idle' });
      else setState({ kind: 'failed', message: 'Could not reach Countersign. Check your connection and try again.' });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const running = state.kind === 'running';
  return (
    <section className="card training-export" aria-labelledby={`${id}-title`} data-testid="training-export">
      <h2 id={`${id}-title`}>Training data</h2>
      <p className="muted small">
        Approved decisions as JSON lines, for fine-tuning a model. People are pseudonymised: a salted hash instead of
        their id, and placeholders such as {'{{firstName}}'} instead of their names. Erased people are never included.
      </p>
      <form className="export-form" onSubmit={download}>
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select
            id={`${id}-format`}
            value={filters.format}
            onChange={(e) => set({ format: e.target.value as Filters['format'] })}
          >
            <option value="chat">chat: OpenAI fine-tuning messages</option>
            <option value="raw">raw: context, burst, suggestion, final reply, tags, score</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>Decided from</label>
          <input id={`${id}-from`} type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>to (included)</label>
          <input id={`${id}-to`} type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tags`}>With every tag</label>
          <input
            id={`${id}-tags`}
            type="text"
            placeholder="tone, facts"
            maxLength={500}
            value={filters.tags}
            onChange={(e) => set({ tags: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-score`}>Quality score at least</label>
          <select id={`${id}-score`} value={filters.minScore} onChange={(e) => set({ minScore: e.target.value })}>
            <option value="">Any (unscored too)</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="export-actions">
          <button type="submit" className="primary" disabled={running}>
            {running ? 'Downloading…' : 'Download JSONL'}
          </button>
          {running && (
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <p className="small" aria-live="polite" data-testid="export-status">
        {state.kind === 'running' &&
          `Received ${whole(state.examples)} examples (${whole(Math.ceil(state.bytes / 1024))} KB)…`}
        {state.kind === 'done' && `Saved ${state.file}: ${whole(state.examples)} examples.`}
      </p>
      {state.kind === 'failed' && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
    </section>
  );
}
