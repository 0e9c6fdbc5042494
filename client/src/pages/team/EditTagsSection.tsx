import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { describeCombinedError, payloadOf, placeError } from '../../lib/errors';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { EditTagsAdminQuery, RetireEditTagMutation, SaveEditTagMutation } from './operations';

interface Editing {
  id: string | null;
  name: string;
  color: string;
}

const NEW: Editing = { id: null, name: '', color: '#4a5568' };

/**
 * The edit tags the draft editor suggests: add, recolour, rename (existing drafts follow the new name) and
 * retire (no longer suggested; drafts keep it).
 */
export function EditTagsSection() {
  const [{ data, fetching, error }] = useQuery({ query: EditTagsAdminQuery });
  const [editing, setEditing] = useState<Editing>(NEW);
  const [saved, setSaved] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const { errors, setErrors, clearError } = useFieldErrors<'name' | 'color'>();
  const [saveState, save] = useMutation(SaveEditTagMutation);
  const [retireState, retire] = useMutation(RetireEditTagMutation);
  const tags = data?.editTags ?? [];

  const edit = (next: Editing) => {
    setErrors({});
    setSaved(null);
    setEditing(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setSaved(null);
    const renamed = tags.find((t) => t.id === editing.id && t.name !== editing.name.trim());
    const result = await save({ input: { id: editing.id, name: editing.name.trim(), color: editing.color } });
    const outcome = payloadOf(result, 'saveEditTag', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'SaveEditTagSuccess') return setErrors(placeError(outcome, ['name', 'color']));
    setEditing({ id: outcome.tag.id, name: outcome.tag.name, color: outcome.tag.color });
    setSaved(
      renamed ? `Renamed ${renamed.name} to ${outcome.tag.name}, in past drafts too.` : `Saved ${outcome.tag.name}.`,
    );
  };

  const toggleRetired = async (id: string, retired: boolean) => {
    setListError(null);
    const outcome = payloadOf(await retire({ id, retired }), 'retireEditTag', setListError);
    if (outcome && outcome.__typename !== 'RetireEditTagSuccess') setListError(outcome.message);
  };

  return (
    <div className="persona-grid">
      <section className="card" aria-labelledby="edit-tags-title">
        <h2 id="edit-tags-title">Edit tags {data && <span className="muted small">{tags.length}</span>}</h2>
        <p className="help">What reviewers had to change in a draft; the editor suggests the tags in use.</p>
        {error && !data && (
          <p className="banner error" role="alert">
            {describeCombinedError(error)}
          </p>
        )}
        {!data && fetching && <p className="muted">Loading tags…</p>}
        <FormError message={listError} />
        {tags.length > 0 && (
          <table className="table" aria-label="Edit tags">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tags.map((tag) => (
                <tr key={tag.id} className={tag.id === editing.id ? 'selected' : undefined}>
                  <td>
                    <span className="tag-swatch" style={{ backgroundColor: tag.color }} aria-hidden="true" /> {tag.name}
                  </td>
                  <td>
                    {tag.retired ? (
                      <span className="badge state-inactive">retired</span>
                    ) : (
                      <span className="badge state-active">in use</span>
                    )}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="link"
                      onClick={() => edit({ id: tag.id, name: tag.name, color: tag.color })}
                    >
                      Edit<span className="visually-hidden"> {tag.name}</span>
                    </button>
                    <button
                      type="button"
                      className="link"
                      disabled={retireState.fetching}
                      onClick={() => toggleRetired(tag.id, !tag.retired)}
                    >
                      {tag.retired ? 'Restore' : 'Retire'}
                      <span className="visually-hidden"> {tag.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div>
          <button type="button" onClick={() => edit(NEW)} disabled={editing.id === null}>
            + New tag
          </button>
        </div>
      </section>
      <form className="card team-form" onSubmit={submit} aria-labelledby="edit-tag-form-title" noValidate>
        <h2 id="edit-tag-form-title">{editing.id ? `Edit tag: ${editing.name}` : 'New tag'}</h2>
        {saved && (
          <p className="banner info" role="status">
            {saved}
          </p>
        )}
        <Field
          id="edit-tag-name"
          label="Name"
          error={errors.name}
          autoComplete="off"
          maxLength={50}
          required
          value={editing.name}
          onChange={(e) => {
            clearError('name');
            setEditing({ ...editing, name: e.target.value });
          }}
        />
        <Field
          id="edit-tag-color"
          label="Colour"
          error={errors.color}
          type="color"
          value={editing.color}
          onChange={(e) => {
            clearError('color');
            setEditing({ ...editing, color: e.target.value });
          }}
        />
        <FormError message={errors.form} />
        <button type="submit" className="primary" disabled={saveState.fetching}>
          {saveState.fetching ? 'Saving…' : editing.id ? 'Save tag' : 'Create tag'}
        </button>
      </form>
    </div>
  );
}
