import type { FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../components/Field';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { type FragmentType, getFragmentData } from '../../gql';
import { payloadOf, placeError } from '../../lib/errors';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { useFormValues } from '../../lib/useFormValues';
import { PersonaFormPersona, SavePersonaMutation } from './operations';

/** The server's limits (server/src/drafting/persona.ts). */
const MAX_NAME_LENGTH = 100;
const MAX_PROMPT_LENGTH = 8000;

type PersonaField = 'name' | 'prompt' | 'active';

interface PersonaValues {
  name: string;
  prompt: string;
  active: boolean;
}

const EMPTY: PersonaValues = { name: '', prompt: '', active: false };

/** A persona as saving it returns it: enough to name it, and to edit it on. */
export type SavedPersona = { id: string; name: string; active: boolean } & FragmentType<typeof PersonaFormPersona>;

interface Props {
  /** The persona being edited; none: a new one. */
  persona: FragmentType<typeof PersonaFormPersona> | undefined;
  /** What the last save did, shown above the fields. */
  saved: string | null;
  onSaving(): void;
  onSaved(persona: SavedPersona): void;
}

/** Creates a persona or edits one: its name, its prompt, and whether drafting uses it. */
export function PersonaForm({ persona: personaRef, saved, onSaving, onSaved }: Props) {
  const persona = getFragmentData(PersonaFormPersona, personaRef);
  const { errors, setErrors, clearError } = useFieldErrors<PersonaField>();
  const { values, setValues, set, text } = useFormValues<PersonaValues>(
    () => (persona ? { name: persona.name, prompt: persona.prompt, active: persona.active } : EMPTY),
    clearError,
  );
  const [state, savePersona] = useMutation(SavePersonaMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    onSaving();
    const result = await savePersona({
      input: { id: persona?.id, name: values.name.trim(), prompt: values.prompt, active: values.active },
    });
    const outcome = payloadOf(result, 'savePersona', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'SavePersonaSuccess')
      return setErrors(placeError(outcome, ['name', 'prompt', 'active']));
    // The list is fetched again (see cache.ts): the server orders it and keeps one persona active.
    const next = getFragmentData(PersonaFormPersona, outcome.persona);
    setValues({ name: next.name, prompt: next.prompt, active: next.active });
    onSaved(outcome.persona);
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
        {...text('name')}
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
            {...text('prompt')}
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
