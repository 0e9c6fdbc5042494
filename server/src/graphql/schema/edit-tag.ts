import { NotFoundError, ValidationError } from '../../errors.js';
import { retireEditTag, saveEditTag } from '../../review/edit-tags.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { rowField } from '../row-field.js';

builder.prismaObject('EditTag', {
  description: 'An edit tag the editor suggests: what a reviewer had to change in a draft (admins manage the list).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the tag.' }),
    name: t.exposeString('name', { description: 'The tag as it is stored on drafts (Draft.editTags), unique.' }),
    color: t.exposeString('color', { description: 'A hex colour such as #2f855a.' }),
    retired: t.boolean({
      description: 'A retired tag is no longer suggested; drafts that have it keep it.',
      resolve: (tag) => tag.retiredAt !== null,
    }),
    retiredAt: t.expose('retiredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was retired; null while in use.',
    }),
  }),
});

builder.queryField('editTags', (t) =>
  t.prismaField({
    type: ['EditTag'],
    description: 'The managed edit tags by name; retired ones only with `includeRetired`.',
    args: {
      includeRetired: t.arg.boolean({ defaultValue: false, description: 'Also list retired tags.' }),
    },
    resolve: (query, _root, { includeRetired }, ctx) =>
      ctx.core.analytics.editTag.findMany({
        ...query,
        where: includeRetired ? {} : { retiredAt: null },
        orderBy: { name: 'asc' },
      }),
  }),
);

const SaveEditTagInput = builder.inputType('SaveEditTagInput', {
  description: 'An edit tag to create (no id) or edit; a new name renames the tag in every draft that has it.',
  fields: (t) => ({
    id: t.id({ description: 'Omit to create a new tag.' }),
    name: t.string({ required: true, description: '1 to 50 characters, no comma, unique.' }),
    color: t.string({ required: true, description: 'A hex colour such as #2f855a.' }),
  }),
});

const EditTagSuccess = (name: string, description: string) =>
  builder.objectRef<{ tagId: string }>(name).implement({
    description,
    fields: (t) => ({ tag: rowField(t, 'EditTag', (p) => p.tagId, 'The tag, as it is now.') }),
  });

const SaveEditTagSuccess = EditTagSuccess('SaveEditTagSuccess', 'The tag was saved.');
const RetireEditTagSuccess = EditTagSuccess('RetireEditTagSuccess', 'The tag was retired (or brought back).');

builder.mutationField('saveEditTag', (t) =>
  t.field({
    type: SaveEditTagSuccess,
    authScopes: { admin: true },
    description: 'Creates, recolours or renames an edit tag (admins only); a rename rewrites it in existing drafts.',
    errors: { types: [ValidationError, NotFoundError] },
    args: { input: t.arg({ type: SaveEditTagInput, required: true, description: 'The tag.' }) },
    resolve: async (_root, { input }, ctx) => {
      const tag = await saveEditTag(
        ctx.core,
        { ...input, id: input.id == null ? null : String(input.id) },
        signedIn(ctx),
      );
      return { tagId: tag.id };
    },
  }),
);

builder.mutationField('retireEditTag', (t) =>
  t.field({
    type: RetireEditTagSuccess,
    authScopes: { admin: true },
    description:
      'Retires an edit tag so it is no longer suggested, or brings it back with `retired: false` (admins only).',
    errors: { types: [NotFoundError] },
    args: {
      id: t.arg.id({ required: true, description: 'The tag.' }),
      retired: t.arg.boolean({ defaultValue: true, description: 'false brings a retired tag back.' }),
    },
    resolve: async (_root, { id, retired }, ctx) => {
      const tag = await retireEditTag(ctx.core, String(id), retired ?? true, signedIn(ctx));
      return { tagId: tag.id };
    },
  }),
);
