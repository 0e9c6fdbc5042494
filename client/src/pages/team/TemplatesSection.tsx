import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { QueryState } from '../../components/QueryState';
import { RecordTable } from '../../components/RecordTable';
import { payloadOf, placeError } from '../../lib/errors';
import { useRecordEditor } from '../../lib/useRecordEditor';
import { DeleteTemplateMutation, SaveTemplateMutation, TemplatesAdminQuery } from './operations';

/** The server's limits (server/src/templates/templates.ts). */
const MAX_NAME_LENGTH = 100;
const MAX_TEXT_LENGTH = 4096;

interface Editing {
  id: string | null;
  name: string;
  text: string;
}

const NEW: Editing = { id: null, name: '', text: '' };

/** Reply templates reviewers insert by typing / in a bubble: the list, an editor, and the variables they may use. */
export function TemplatesSection() {
  const [query] = useQuery({ query: TemplatesAdminQuery });
  const { data } = query;
  const { editing, edit, text, errors, setErrors, saved, saving, stored } = useRecordEditor<Editing, 'name' | 'text'>(
    NEW,
  );
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [saveState, save] = useMutation(SaveTemplateMutation);
  const [deleteState, remove] = useMutation(DeleteTemplateMutation);
  const templates = data?.templates ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    saving();
    const result = await save({ input: { id: editing.id, name: editing.name.trim(), text: editing.text } });
    const outcome = payloadOf(result, 'saveTemplate', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'SaveTemplateSuccess') return setErrors(placeError(outcome, ['name', 'text']));
    const { id, name, text } = outcome.template;
    stored({ id, name, text }, `Saved ${name}.`);
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteError(null);
    const outcome = payloadOf(await remove({ id: deleting.id }), 'deleteTemplate', setDeleteError);
    if (!outcome) return;
    if (outcome.__typename !== 'DeleteTemplateSuccess') return setDeleteError(outcome.message);
    if (editing.id === deleting.id) edit(NEW);
    setDeleting(null);
  };

  return (
    <div className="persona-grid">
      <section className="card" aria-labelledby="templates-title">
        <h2 id="templates-title">Reply templates {data && <span className="muted small">{templates.length}</span>}</h2>
        <p className="help">Reviewers type / in a bubble to insert one, with its variables filled in.</p>
        <QueryState result={query} loading="Loading templates…" />
        {data && templates.length === 0 && <p className="muted">No templates yet.</p>}
        {templates.length > 0 && (
          <RecordTable label="Reply templates" columns={['Name', 'Text']}>
            {templates.map((template) => (
              <tr key={template.id} className={template.id === editing.id ? 'selected' : undefined}>
                <td className="cell-name">{template.name}</td>
                <td className="cell-template">{template.text}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="link"
                    onClick={() => edit({ id: template.id, name: template.name, text: template.text })}
                  >
                    Edit<span className="visually-hidden"> {template.name}</span>
                  </button>
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => setDeleting({ id: template.id, name: template.name })}
                  >
                    Delete<span className="visually-hidden"> {template.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </RecordTable>
        )}
        <div>
          <button type="button" onClick={() => edit(NEW)} disabled={editing.id === null}>
            + New template
          </button>
        </div>
      </section>
      <form className="card team-form" onSubmit={submit} aria-labelledby="template-form-title" noValidate>
        <h2 id="template-form-title">{editing.id ? `Edit template: ${editing.name}` : 'New template'}</h2>
        {saved && (
          <p className="banner info" role="status">
            {saved}
          </p>
        )}
        <Field
          id="template-name"
          label="Name"
          error={errors.name}
          autoComplete="off"
          maxLength={MAX_NAME_LENGTH}
          required
          {...text('name')}
        />
        <Field
          id="template-text"
          label="Text"
          error={errors.text}
          help={
            <div className="help" id="template-text-help">
              <p>
                Variables: <code>{'{{name}}'}</code>, or <code>{'{{name|fallback}}'}</code> for a value that may be
                empty.
              </p>
              <dl className="template-variables">
                {data?.templateVariables.map((variable) => (
                  <div key={variable.name}>
                    <dt>
                      <code>{`{{${variable.name}}}`}</code>
                    </dt>
                    <dd>{variable.description}</dd>
                  </div>
                ))}
              </dl>
            </div>
          }
        >
          {(control) => (
            <textarea
              {...control}
              rows={5}
              maxLength={MAX_TEXT_LENGTH}
              required
              {...text('text')}
              aria-describedby="template-text-help"
            />
          )}
        </Field>
        <FormError message={errors.form} />
        <button type="submit" className="primary" disabled={saveState.fetching}>
          {saveState.fetching ? 'Saving…' : editing.id ? 'Save template' : 'Create template'}
        </button>
      </form>
      <Dialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'template'}?`}
        onClose={() => {
          setDeleteError(null);
          setDeleting(null);
        }}
      >
        <p>Reviewers can no longer insert it. Replies it was already inserted into keep their text.</p>
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
