import { type GraphQLResolveInfo, Kind } from 'graphql';
import type PrismaTypes from '../generated/analytics/pothos-types.js';
import type { builder } from './builder.js';
import type { Context } from './context.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type Model = 'ApiKey' | 'Contact' | 'Draft' | 'EditTag' | 'JobFailure' | 'Message' | 'Persona' | 'Reviewer';

type Query<M extends Model> = { include?: PrismaTypes[M]['Include']; select?: PrismaTypes[M]['Select'] };

const findById: { [M in Model]: (ctx: Context, query: Query<M>, id: string) => Promise<PrismaTypes[M]['Shape']> } = {
  ApiKey: (ctx, query, id) => ctx.core.analytics.apiKey.findUniqueOrThrow({ ...query, where: { id } }),
  Contact: (ctx, query, id) => ctx.core.analytics.contact.findUniqueOrThrow({ ...query, where: { id } }),
  Draft: (ctx, query, id) => ctx.core.analytics.draft.findUniqueOrThrow({ ...query, where: { id } }),
  EditTag: (ctx, query, id) => ctx.core.analytics.editTag.findUniqueOrThrow({ ...query, where: { id } }),
  JobFailure: (ctx, query, id) => ctx.core.analytics.jobFailure.findUniqueOrThrow({ ...query, where: { id } }),
  Message: (ctx, query, id) => ctx.core.analytics.message.findUniqueOrThrow({ ...query, where: { id } }),
  Persona: (ctx, query, id) => ctx.core.analytics.persona.findUniqueOrThrow({ ...query, where: { id } }),
  Reviewer: (ctx, query, id) => ctx.core.analytics.reviewer.findUniqueOrThrow({ ...query, where: { id } }),
};

/** Whether a field's selection asks only for the row's id (and `__typename`): nothing to read for it. */
function asksOnlyId(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (selection) =>
        selection.kind === Kind.FIELD &&
        (selection.name.value === 'id' || selection.name.value === '__typename') &&
        !selection.directives?.length,
    ),
  );
}

/**
 * A field of a mutation's success payload that loads the row the mutation touched, by the id the payload
 * carries, with the selection the client asked for. A selection of the id alone (`sent { id }`, as an
 * integrator confirming a send asks) is answered from the payload without a read.
 */
export function rowField<Parent, M extends Model>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>,
  type: M,
  idOf: (parent: Parent) => string,
  description?: string,
) {
  return t.prismaField({
    type,
    description,
    // Pothos cannot follow a model name that is a type parameter; findById's own types hold per model.
    resolve: (query, parent, _args, ctx, info) =>
      (asksOnlyId(info) ? { id: idOf(parent) } : findById[type](ctx, query, idOf(parent))) as never,
  });
}
