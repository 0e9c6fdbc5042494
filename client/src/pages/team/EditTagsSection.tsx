import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { QueryState } from '../../components/QueryState';
import { RecordTable } from '../../components/RecordTable';
import { payloadOf, placeError } from '../../lib/errors';
import { useRecordEditor } from '../../lib/useRecordEditor';
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
  const [query] = useQuery({ query: EditTagsAdminQuery });
  const { data } = query;
  const { editing, edit, text, errors, setErrors, saved, saving, stored } = useRecordEditor<Editing, 'name' | 'color'>(
    NEW,
  );
  const [listError, setListError] = useState<string | null>(null);
  const [saveState, save] = useMutation(SaveEditTagMutation);
  const [retireState, retire] = useMutation(RetireEditTagMutation);
  const tags = data?.editTags ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    saving();
    const renamed = tags.find((t) => t.id === editing.id && t.name !== editing.name.trim());
    const result = await save({ input: { id: editing.id, name: editing.name.trim(), color: editing.color } });
    const outcome = payloadOf(result, 'saveEditTag', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'SaveEditTagSuccess') return setErrors(placeError(outcome, ['name', 'color']));
    const { id, name, color } = outcome.tag;
    stored({ id, name, color }, renamed ? `Renamed ${renamed.name} to ${name}, in past drafts too.` : `Saved ${name}.`);
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
        <QueryState result={query} loading="Loading tags…" />
        <FormError message={listError} />
        {tags.length > 0 && (
          <RecordTable label="Edit tags" columns={['Tag', 'Status']}>
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
          </RecordTable>
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
          {...text('name')}
        />
        <Field id="edit-tag-color" label="Colour" error={errors.color} type="color" {...text('color')} />
        <FormError message={errors.form} />
        <button type="submit" className="primary" disabled={saveState.fetching}>
          {saveState.fetching ? 'Saving…' : editing.id ? 'Save tag' : 'Create tag'}
        </button>
      </form>
    </div>
  );
}
