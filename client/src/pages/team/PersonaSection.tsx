import { useState } from 'react';
import { useQuery } from 'urql';
import { QueryState } from '../../components/QueryState';
import { RecordTable } from '../../components/RecordTable';
import { age, useNow } from '../../lib/time';
import { PersonasQuery } from './operations';
import { PersonaForm, type SavedPersona } from './PersonaForm';

/**
 * The persona drafting starts from: which one is in use, every persona, and an editor for
 * them (admins only; the Team page shows it to admins alone).
 */
export function PersonaSection() {
  const [query] = useQuery({ query: PersonasQuery });
  const { data } = query;
  /** The persona in the editor; null: a new one. */
  const [editingId, setEditingId] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  /** The persona the last save returned: edited on while the list is fetched again with it. */
  const [justSaved, setJustSaved] = useState<SavedPersona | null>(null);
  const now = useNow();
  const personas = data?.personas ?? [];
  const active = personas.find((p) => p.active);
  const editing = editingId
    ? (personas.find((p) => p.id === editingId) ?? (justSaved?.id === editingId ? justSaved : undefined))
    : undefined;

  const edit = (id: string | null) => {
    setSaved(null);
    setEditingId(id);
  };

  const onSaved = (persona: SavedPersona) => {
    setJustSaved(persona);
    setEditingId(persona.id);
    setSaved(persona.active ? `Saved ${persona.name}. Drafting uses it now.` : `Saved ${persona.name}.`);
  };

  return (
    <div className="persona-grid">
      <section className="card persona-overview" aria-labelledby="persona-title">
        <h2 id="persona-title">Persona {data && <span className="muted small">{personas.length}</span>}</h2>
        <QueryState result={query} loading="Loading personas…" />
        {data && (
          <>
            <section className="persona-active" aria-label="In use for drafting" data-testid="active-persona">
              <p className="help">In use for drafting</p>
              <p className="persona-active-name">
                {active ? (
                  <>
                    {active.name} <span className="badge state-active">active</span>
                  </>
                ) : (
                  'Default persona'
                )}
              </p>
              {!active && <p className="help">No persona is active, so drafting starts from the built-in prompt.</p>}
              <p className="persona-prompt">{active ? active.prompt : data.defaultPersonaPrompt}</p>
            </section>
            {personas.length === 0 ? (
              <p className="muted">No personas yet. Create one to give drafting your business's voice.</p>
            ) : (
              <RecordTable label="Personas" columns={['Name', 'Updated']}>
                {personas.map((persona) => (
                  <tr
                    key={persona.id}
                    className={persona.id === editingId ? 'selected' : undefined}
                    aria-current={persona.id === editingId ? true : undefined}
                  >
                    <td className="cell-name">
                      {persona.name} {persona.active && <span className="badge state-active">active</span>}
                    </td>
                    <td>
                      <time
                        className="muted small"
                        dateTime={persona.updatedAt}
                        title={new Date(persona.updatedAt).toLocaleString()}
                      >
                        {age(persona.updatedAt, now)}
                      </time>
                    </td>
                    <td className="cell-action">
                      <button
                        type="button"
                        className="link"
                        onClick={() => edit(persona.id)}
                        aria-label={`Edit ${persona.name}`}
                      >
                        Edit
                      </button>
                    </td>
                  </tr>
                ))}
              </RecordTable>
            )}
            <div>
              <button type="button" onClick={() => edit(null)} disabled={editingId === null}>
                + New persona
              </button>
            </div>
          </>
        )}
      </section>
      {data && (editingId === null || editing) && (
        <PersonaForm
          key={editingId ?? 'new'}
          persona={editing}
          saved={saved}
          onSaving={() => setSaved(null)}
          onSaved={onSaved}
        />
      )}
    </div>
  );
}
