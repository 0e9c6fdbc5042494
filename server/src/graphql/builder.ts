import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type PrismaTypes from '../generated/analytics/pothos-types.js';
import { getDatamodel } from '../generated/analytics/pothos-types.js';
import type { Context } from './context.js';

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { viewer: boolean; reviewer: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      viewer: ctx.reviewer !== null,
      reviewer: ctx.reviewer?.role === 'REVIEWER' || ctx.reviewer?.role === 'ADMIN',
      admin: ctx.reviewer?.role === 'ADMIN',
    }),
    unauthorizedError: (_parent, ctx) => (ctx.reviewer ? new ForbiddenError() : new UnauthenticatedError()),
  },
  // A field listing error types returns its success type directly, in a union named `<Field>Result`.
  errors: {
    defaultTypes: [],
    directResult: true,
    defaultUnionOptions: { name: ({ fieldName }) => `${pascal(fieldName)}Result` },
  },
  prisma: {
    client: (ctx) => ctx.core.analytics,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
  relay: {},
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('Date', DateResolver, { description: 'A UTC calendar day, such as 2026-12-03.' });
builder.addScalarType('JSON', JSONResolver);
// Every root field needs a signed-in reviewer unless it opts out with skipTypeScopes (login, health, me).
builder.queryType({ authScopes: { viewer: true } });
builder.mutationType({ authScopes: { viewer: true } });
builder.subscriptionType({ authScopes: { viewer: true } });
