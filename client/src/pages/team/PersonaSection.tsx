import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field } from '../../components/Field';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { graphql } from '../../gql';
import type { PersonasQuery as PersonasData } from '../../gql/graphql';
import { describeCombinedError, placeError } from '../../lib/errors';
import { age, useNow } from '../../lib/time';
import { useFieldErrors } from '../../lib/useFieldErrors';

const PersonasQuery = graphql(`
  query Personas {
    personas {
      id
      name
      prompt
      active
      updatedAt
    }
    defaultPersonaPrompt
  }
`);

const SavePersonaMutation = graphql(`
  mutation SavePersona($input: SavePersonaInput!) {
    savePersona(input: $input) {
      __typename
      ... on SavePersonaSuccess {
        persona {
          id
          name
          prompt
          active
          updatedAt
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
    }
  }
`);

/** The server's limits (server/src/drafting/persona.ts). */
const MAX_NAME_LENGTH = 100;
const MAX_PROMPT_LENGTH = 8000;

type Persona = PersonasData['personas'][number];

/**
 * The persona drafting starts from: which one is in use, every persona, and an editor for
 * them (admins only; the Team page shows it to admins alone).
 */
export function PersonaSection() {
  const [{ data, fetching, error }] = useQuery({ query: PersonasQuery });
  /** The persona in the editor; null: a new one. */
  const [editingId, setEditingId] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  /** The persona the last save returned: edited on while the list is fetched again with it. */
  const [justSaved, setJustSaved] = useState<Persona | null>(null);
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

  const onSaved = (persona: Persona) => {
    setJustSaved(persona);
    setEditingId(persona.id);
    setSaved(persona.active ? `Saved ${persona.name}. Drafting uses it now.` : `Saved ${persona.name}.`);
  };

  return (
    <div className="persona-grid">
      <section className="card persona-overview" aria-labelledby="persona-title">
        <h2 id="persona-title">Persona {data && <span className="muted small">{personas.length}</span>}</h2>
        {error && !data && (
          <p className="banner error" role="alert">
            {describeCombinedError(error)}
          </p>
        )}
        {!data && fetching && <p className="muted">Loading personas…</p>}
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
              <table className="table" aria-label="Personas">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Updated</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
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
                </tbody>
              </table>
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

type PersonaField = 'name' | 'prompt' | 'active';

interface PersonaValues {
  name: string;
  prompt: string;
  active: boolean;
}

const EMPTY: PersonaValues = { name: '', prompt: '', active: false };

interface FormProps {
  /** The persona being edited; none: a new one. */
  persona: Persona | undefined;
  /** What the last save did, shown above the fields. */
  saved: string | null;
  onSaving(): void;
  onSaved(persona: Persona): void;
}

function PersonaForm({ persona, saved, onSaving, onSaved }: FormProps) {
  const [values, setValues] = useState<PersonaValues>(() =>
    persona ? { name: persona.name, prompt: persona.prompt, active: persona.active } : EMPTY,
  );
  const { errors, setErrors, clearError } = useFieldErrors<PersonaField>();
  const [state, savePersona] = useMutation(SavePersonaMutation);
  const set = <K extends keyof PersonaValues>(name: K, value: PersonaValues[K]) => {
    clearError(name);
    setValues((v) => ({ ...v, [name]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    onSaving();
    const result = await savePersona({
      input: { id: persona?.id, name: values.name.trim(), prompt: values.prompt, active: values.active },
    });
    if (result.error) return setErrors({ form: describeCombinedError(result.error) });
    const outcome = result.data?.savePersona;
    if (!outcome) return setErrors({ form: 'No answer from the server. Please try again.' });
    if (outcome.__typename !== 'SavePersonaSuccess')
      return setErrors(placeError(outcome, ['name', 'prompt', 'active']));
    // The list is fetched again (see cache.ts): the server orders it and keeps one persona active.
    const next = outcome.persona;
    setValues({ name: next.name, prompt: next.prompt, active: next.active });
    onSaved(next);
  };

  const nearLimit = values.prompt.length > MAX_PROMPT_LENGTH * 0.95;

  return (
    <form className="card team-form persona-form" onSubmit={submit} aria-labelledby="persona-form-title" noValidate>
      <h2 id="persona-form-title">{persona ? `Edit persona: ${persona.name}` : 'New persona'}</h2>
      {saved && (
        <p className="banner info" role="status">
          {saved}
        </p>
      )}
      <Field
        id="persona-name"
        label="Name"
        error={errors.name}
        autoComplete="off"
        maxLength={MAX_NAME_LENGTH}
        required
        value={values.name}
        onChange={(e) => set('name', e.target.value)}
      />
      <Field
        id="persona-prompt"
        label="Prompt"
        error={errors.prompt}
        help={
          <p className="help persona-count" id="persona-prompt-help">
            <span>Who the drafts speak for, and how. Every draft's instructions start with it.</span>
            <span className={nearLimit ? 'near-limit' : undefined} data-testid="persona-prompt-count">
              {values.prompt.length} / {MAX_PROMPT_LENGTH}
            </span>
          </p>
        }
      >
        {(control) => (
          <textarea
            {...control}
            rows={14}
            maxLength={MAX_PROMPT_LENGTH}
            required
            value={values.prompt}
            onChange={(e) => set('prompt', e.target.value)}
            aria-describedby="persona-prompt-help"
          />
        )}
      </Field>
      <div className="field">
        <label className="check" htmlFor="persona-active">
          <input
            id="persona-active"
            type="checkbox"
            checked={values.active}
            onChange={(e) => set('active', e.target.checked)}
            aria-invalid={errors.active ? true : undefined}
            aria-describedby="persona-active-help"
          />
          Use for drafting
        </label>
        <p className="help" id="persona-active-help">
          One persona is used at a time: choosing this one stops the others. With none, drafting uses the default
          persona.
        </p>
        <FieldError message={errors.active} />
      </div>
      <FormError message={errors.form} />
      <button type="submit" className="primary" disabled={state.fetching}>
        {state.fetching ? 'Saving…' : persona ? 'Save persona' : 'Create persona'}
      </button>
    </form>
  );
}
