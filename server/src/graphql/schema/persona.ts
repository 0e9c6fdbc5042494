import { DEFAULT_PERSONA, savePersona } from '../../drafting/persona.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { rowField } from '../row-field.js';

builder.prismaObject('Persona', {
  description: 'A persona prompt drafting starts from; one is active at a time.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the persona.' }),
    name: t.exposeString('name', { description: 'Its name, unique.' }),
    prompt: t.exposeString('prompt', { description: 'The system prompt drafting starts from.' }),
    active: t.exposeBoolean('active', { description: 'Whether drafting uses it now; at most one is active.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last saved.' }),
  }),
});

builder.queryField('personas', (t) =>
  t.prismaField({
    type: ['Persona'],
    description: 'Every persona, the active one first. With none active, drafting uses defaultPersonaPrompt.',
    resolve: (query, _root, _args, ctx) =>
      ctx.core.analytics.persona.findMany({ ...query, orderBy: [{ active: 'desc' }, { name: 'asc' }] }),
  }),
);

builder.queryField('defaultPersonaPrompt', (t) =>
  t.string({
    description: 'The built-in prompt drafting uses while no persona is active.',
    resolve: () => DEFAULT_PERSONA,
  }),
);

const SavePersonaInput = builder.inputType('SavePersonaInput', {
  description: 'A persona to create (no id) or edit.',
  fields: (t) => ({
    id: t.id({ description: 'Omit to create a new persona.' }),
    name: t.string({ required: true, description: 'Its name, unique.' }),
    prompt: t.string({ required: true, description: 'The system prompt drafting starts from.' }),
    active: t.boolean({ description: 'true makes this the persona drafting uses.' }),
  }),
});

const SavePersonaSuccess = builder.objectRef<{ personaId: string }>('SavePersonaSuccess').implement({
  description: 'The persona was saved.',
  fields: (t) => ({ persona: rowField(t, 'Persona', (p) => p.personaId, 'The persona, as saved.') }),
});

builder.mutationField('savePersona', (t) =>
  t.field({
    type: SavePersonaSuccess,
    authScopes: { admin: true },
    description: 'Creates or edits a persona (admins only).',
    errors: { types: [ValidationError, NotFoundError] },
    args: { input: t.arg({ type: SavePersonaInput, required: true, description: 'The persona.' }) },
    resolve: async (_root, { input }, ctx) => {
      const persona = await savePersona(
        ctx.core,
        { ...input, id: input.id == null ? null : String(input.id) },
        signedIn(ctx),
      );
      return { personaId: persona.id };
    },
  }),
);
