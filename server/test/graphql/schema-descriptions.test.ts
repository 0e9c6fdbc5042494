import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index.js';

const described = (description: string | null | undefined) => (description ?? '').trim().length > 0;

/**
 * Every schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Input.field`) that an
 * integrator reads in the printed schema without a description. Built-in scalars and introspection types are
 * graphql-js's own and are left out.
 */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const args = (coordinate: string, list: readonly GraphQLArgument[]) => {
    for (const arg of list) if (!described(arg.description)) missing.push(`${coordinate}(${arg.name}:)`);
  };
  const types = Object.values(schema.getTypeMap()).filter(
    (type: GraphQLNamedType) => !isIntrospectionType(type) && !isSpecifiedScalarType(type),
  );
  for (const type of types) {
    if (!described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (!described(field.description)) missing.push(coordinate);
        args(coordinate, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
    // A union (like a scalar) has nothing of its own to describe but its name, checked above.
  }
  for (const directive of schema.getDirectives()) {
    // Built-in directives (@include, @skip, @deprecated, ...) come described; our own must be too.
    if (!described(directive.description)) missing.push(`@${directive.name}`);
    args(`@${directive.name}`, directive.args);
  }
  return missing.sort();
}

describe('the GraphQL schema documents itself', () => {
  it('gives every type, field, argument, enum value and input field a description', () => {
    const missing = undescribed(schema);
    expect(
      missing,
      `${missing.length} schema coordinates have no description; add a \`description\` in server/src/graphql:\n  ${missing.join('\n  ')}\n`,
    ).toEqual([]);
  });

  it('names each undescribed coordinate of a schema (the check itself)', () => {
    const sample = buildSchema(`
      "Reads."
      type Query {
        "One thing."
        thing(id: ID!, "Described." limit: Int): Thing
        other: Kind
      }
      type Thing { "Described." id: ID! name: String }
      "Kinds."
      enum Kind { "Described." A B }
      input Filter { "Described." a: Int b: Int }
      type Mutation { set(filter: Filter): Boolean }
      scalar Money
      directive @tagged(name: String) on FIELD_DEFINITION
    `);
    expect(undescribed(sample)).toEqual([
      '@tagged',
      '@tagged(name:)',
      'Filter',
      'Filter.b',
      'Kind.B',
      'Money',
      'Mutation',
      'Mutation.set',
      'Mutation.set(filter:)',
      'Query.other',
      'Query.thing(id:)',
      'Thing',
      'Thing.name',
    ]);
  });
});
