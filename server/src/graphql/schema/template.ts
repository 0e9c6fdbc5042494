import type { ReplyTemplate } from '../../db.js';
import { NotFoundError, UnknownTemplateVariableError, ValidationError } from '../../errors.js';
import {
  deleteTemplate,
  fillTemplate,
  saveTemplate,
  TEMPLATE_VARIABLES,
  type TemplateSubject,
  templateSubject,
} from '../../templates/templates.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { ErrorInterface } from './errors.js';

/** A template row, with what it is filled from when it was read for a draft. */
interface TemplateView {
  row: ReplyTemplate;
  subject: TemplateSubject | null;
}

const ReplyTemplateRef = builder.objectRef<TemplateView>('ReplyTemplate').implement({
  description: 'A reply template reviewers insert into a bubble by typing / (admins manage them).',
  fields: (t) => ({
    id: t.id({ description: 'Stable id of the template.', resolve: (v) => v.row.id }),
    name: t.string({ description: 'Its name, unique; what reviewers type after /.', resolve: (v) => v.row.name }),
    text: t.string({ description: 'The text as written, with its {{variables}}.', resolve: (v) => v.row.text }),
    filled: t.string({
      nullable: true,
      description:
        "The text with its variables filled for the draft given to `templates(draftId:)`; null without one (or when the draft doesn't exist).",
      resolve: (v) => (v.subject ? fillTemplate(v.row.text, v.subject) : null),
    }),
    updatedAt: t.field({ type: 'DateTime', description: 'When it was last saved.', resolve: (v) => v.row.updatedAt }),
  }),
});

const TemplateVariableRef = builder.objectRef<{ name: string; description: string }>('TemplateVariable').implement({
  description: 'A variable a template may use as {{name}}, or {{name|fallback}} for a value that may be empty.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name, used as {{name}}.' }),
    description: t.exposeString('description', { description: 'What it is filled with.' }),
  }),
});

builder.objectType(UnknownTemplateVariableError, {
  name: 'UnknownTemplateVariableError',
  description: 'The template text uses variables that do not exist (see templateVariables).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Always "text".' }),
    variables: t.exposeStringList('variables', { description: 'The unknown names, without braces.' }),
  }),
});

builder.queryField('templates', (t) =>
  t.field({
    type: [ReplyTemplateRef],
    authScopes: { reviewer: true },
    description:
      'Every reply template by name, for reviewers and admins; with `draftId`, each is also filled for that draft (`filled`).',
    args: { draftId: t.arg.id({ description: 'Fill each template for this draft.' }) },
    resolve: async (_root, { draftId }, ctx) => {
      const [rows, subject] = await Promise.all([
        ctx.core.analytics.replyTemplate.findMany({ orderBy: { name: 'asc' } }),
        draftId == null ? null : templateSubject(ctx.core, String(draftId), signedIn(ctx)),
      ]);
      return rows.map((row) => ({ row, subject }));
    },
  }),
);

builder.queryField('templateVariables', (t) =>
  t.field({
    type: [TemplateVariableRef],
    description: 'The variables a reply template may use.',
    resolve: () => Object.entries(TEMPLATE_VARIABLES).map(([name, { description }]) => ({ name, description })),
  }),
);

const SaveTemplateInput = builder.inputType('SaveTemplateInput', {
  description: 'A reply template to create (no id) or edit.',
  fields: (t) => ({
    id: t.id({ description: 'Omit to create a new template.' }),
    name: t.string({ required: true, description: '1 to 100 characters, unique.' }),
    text: t.string({ required: true, description: 'At most 4096 characters; may use {{variables}}.' }),
  }),
});

const SaveTemplateSuccess = builder.objectRef<{ template: ReplyTemplate }>('SaveTemplateSuccess').implement({
  description: 'The template was saved.',
  fields: (t) => ({
    template: t.field({
      type: ReplyTemplateRef,
      description: 'The template, as saved.',
      resolve: (p) => ({ row: p.template, subject: null }),
    }),
  }),
});

builder.mutationField('saveTemplate', (t) =>
  t.field({
    type: SaveTemplateSuccess,
    authScopes: { admin: true },
    description: 'Creates or edits a reply template (admins only); unknown variables are refused.',
    errors: { types: [ValidationError, UnknownTemplateVariableError, NotFoundError] },
    args: { input: t.arg({ type: SaveTemplateInput, required: true, description: 'The template.' }) },
    resolve: async (_root, { input }, ctx) => ({
      template: await saveTemplate(
        ctx.core,
        { ...input, id: input.id == null ? null : String(input.id) },
        signedIn(ctx),
      ),
    }),
  }),
);

const DeleteTemplateSuccess = builder.objectRef<{ id: string }>('DeleteTemplateSuccess').implement({
  description: 'The template was deleted.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'The deleted template.' }) }),
});

builder.mutationField('deleteTemplate', (t) =>
  t.field({
    type: DeleteTemplateSuccess,
    authScopes: { admin: true },
    description: 'Deletes a reply template (admins only); text already inserted into drafts stays.',
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The template.' }) },
    resolve: async (_root, { id }, ctx) => {
      await deleteTemplate(ctx.core, String(id), signedIn(ctx));
      return { id: String(id) };
    },
  }),
);
