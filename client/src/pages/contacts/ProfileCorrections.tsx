import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../components/Field';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { type FragmentType, getFragmentData } from '../../gql';
import type { CorrectProfileInput, Stance } from '../../gql/graphql';
import { payloadOf, placeError } from '../../lib/errors';
import { percent } from '../../lib/person';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { CorrectProfileMutation, ProfileCorrectionsContact } from './operations';

type CorrectionField = 'preferences' | 'topic' | 'summary';
const FIELDS: readonly CorrectionField[] = ['preferences', 'topic', 'summary'];
/** The server names the parts of CorrectProfileInput (server/src/profile/correct.ts); each has its place here. */
const ALIASES: Record<string, CorrectionField> = {
  removePreferenceIds: 'preferences',
  pinPreferenceIds: 'preferences',
  addPreferences: 'topic',
};

/**
 * A reviewer's corrections to what extraction made of the person: drop a wrong interest, pin a right one (extraction
 * never changes it again), add one, rewrite the summary. Each is one correctProfile call, audited by the server.
 */
export function ProfileCorrections({
  contact: contactRef,
}: {
  contact: FragmentType<typeof ProfileCorrectionsContact>;
}) {
  const contact = getFragmentData(ProfileCorrectionsContact, contactRef);
  const profile = contact.profile;
  const { errors, setErrors, clearError } = useFieldErrors<CorrectionField>();
  const [done, setDone] = useState<string | null>(null);
  const [state, correctProfile] = useMutation(CorrectProfileMutation);
  const [topic, setTopic] = useState('');
  const [stance, setStance] = useState<Stance>('LIKES');
  const [pin, setPin] = useState(true);
  const [summary, setSummary] = useState(profile?.summary ?? '');

  const correct = async (input: Omit<CorrectProfileInput, 'contactId'>, success: string): Promise<boolean> => {
    setErrors({});
    setDone(null);
    const result = await correctProfile({ input: { contactId: contact.id, ...input } });
    const outcome = payloadOf(result, 'correctProfile', (form) => setErrors({ form }));
    if (!outcome) return false;
    if (outcome.__typename !== 'CorrectProfileSuccess') {
      setErrors(placeError(outcome, FIELDS, ALIASES));
      return false;
    }
    // The contact in the result updates the panel and this form through the cache.
    setDone(success);
    return true;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = topic.trim();
    if (await correct({ addPreferences: [{ topic: name, stance, pinned: pin }] }, `Added ${name}.`)) setTopic('');
  };

  const saveSummary = async (event: FormEvent) => {
    event.preventDefault();
    await correct({ summary }, 'Saved the summary.');
  };

  const preferences = profile?.preferences ?? [];
  return (
    <section className="card corrections" aria-labelledby="corrections-title">
      <h2 id="corrections-title">Correct the profile</h2>
      {done && (
        <p className="banner info" role="status">
          {done}
        </p>
      )}
      <FormError message={errors.form} />
      <h3>Interests</h3>
      {preferences.length === 0 ? (
        <p className="muted small">None yet.</p>
      ) : (
        <ul className="interests corrections-list" aria-label="Interests to correct">
          {preferences.map((p) => (
            <li key={p.id} className="interest">
              <span className="interest-topic">
                {p.stance === 'LIKES' ? 'Likes' : 'Dislikes'} <strong>{p.topic}</strong>{' '}
                <span className="muted small">{percent(p.confidence)}</span>
                {p.pinned && <span className="badge">pinned</span>}
              </span>
              <button
                type="button"
                disabled={p.pinned || state.fetching}
                onClick={() => correct({ pinPreferenceIds: [p.id] }, `Pinned ${p.topic}.`)}
                aria-label={`Pin ${p.topic}`}
              >
                Pin
              </button>
              <button
                type="button"
                className="danger-outline"
                disabled={state.fetching}
                onClick={() => correct({ removePreferenceIds: [p.id] }, `Removed ${p.topic}.`)}
                aria-label={`Remove ${p.topic}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldError message={errors.preferences} />
      <form className="add-interest" onSubmit={add} noValidate aria-label="New interest">
        <Field
          id="interest-topic"
          label="Add an interest"
          error={errors.topic}
          value={topic}
          autoComplete="off"
          placeholder="e.g. hiking"
          onChange={(e) => {
            clearError('topic');
            setTopic(e.target.value);
          }}
        />
        <Field id="interest-stance" label="Stance">
          {(control) => (
            <select {...control} value={stance} onChange={(e) => setStance(e.target.value as Stance)}>
              <option value="LIKES">Likes</option>
              <option value="DISLIKES">Dislikes</option>
            </select>
          )}
        </Field>
        <label className="check" htmlFor="interest-pin">
          <input id="interest-pin" type="checkbox" checked={pin} onChange={(e) => setPin(e.target.checked)} />
          Pin it (extraction never changes it)
        </label>
        <div className="actions">
          <button type="submit" disabled={state.fetching}>
            Add interest
          </button>
        </div>
      </form>
      <form className="edit-summary" onSubmit={saveSummary} noValidate aria-label="Edit the summary">
        <Field id="profile-summary" label="Summary" error={errors.summary}>
          {(control) => (
            <textarea
              {...control}
              rows={4}
              value={summary}
              onChange={(e) => {
                clearError('summary');
                setSummary(e.target.value);
              }}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={state.fetching}>
            Save summary
          </button>
        </div>
      </form>
    </section>
  );
}
