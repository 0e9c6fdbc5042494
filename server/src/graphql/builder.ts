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
    defaultUnionOptions: {
      name: ({ fieldName }) => `${pascal(fieldName)}Result`,
      description:
        'The result of the field of the same name: its success type, or one of the typed errors it lists. Select `__typename` (and `... on Error { message }`) to tell them apart.',
    },
  },
  prisma: {
    client: (ctx) => ctx.core.analytics,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
  relay: {
    pageInfoTypeOptions: {
      description: 'Where a page of a connection sits in the whole list, for asking for the next or previous page.',
    },
    hasNextPageFieldOptions: {
      description: 'Whether items follow this page; pass `endCursor` as `after` to get them.',
    },
    hasPreviousPageFieldOptions: {
      description: 'Whether items precede this page; pass `startCursor` as `before` to get them.',
    },
    startCursorFieldOptions: { description: "The first edge's cursor, or null when the page is empty." },
    endCursorFieldOptions: { description: "The last edge's cursor, or null when the page is empty." },
    defaultConnectionTypeOptions: {
      description: 'A page of a list, in the order its field states, with the cursors to page on.',
    },
    defaultEdgeTypeOptions: { description: 'One item of a connection page, with the cursor that marks its position.' },
    edgesFieldOptions: { description: "This page's items, in the list's order." },
    pageInfoFieldOptions: { description: 'Cursors and flags for paging on from this page.' },
    cursorFieldOptions: {
      description: 'An opaque position in the list: pass it as `after` or `before` to page from this item.',
    },
    nodeFieldOptions: { description: 'The item at this position.' },
    firstArgOptions: { description: 'Return at most this many items from the start (after `after`, if given).' },
    afterArgOptions: { description: 'Return only items after this cursor (an `endCursor` or edge `cursor`).' },
    lastArgOptions: { description: 'Return at most this many items from the end (before `before`, if given).' },
    beforeArgOptions: { description: 'Return only items before this cursor (a `startCursor` or edge `cursor`).' },
  },
});

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An instant as an ISO 8601 date-time string in UTC, such as 2026-12-03T14:05:00.000Z.',
});
builder.addScalarType('Date', DateResolver, { description: 'A UTC calendar day, such as 2026-12-03.' });
builder.addScalarType('JSON', JSONResolver, {
  description: 'Any JSON value; the field that returns it states its shape.',
});
// Every root field needs a signed-in reviewer unless it opts out with skipTypeScopes (login, health, me).
builder.queryType({
  authScopes: { viewer: true },
  description: 'Reads. Every field needs a signed-in reviewer (any role) unless its description says otherwise.',
});
builder.mutationType({
  authScopes: { viewer: true },
  description: 'Writes. Every field needs a signed-in reviewer; its description names the roles it needs beyond that.',
});
builder.subscriptionType({
  authScopes: { viewer: true },
  description:
    'Live events over the WebSocket (graphql-ws); the token goes in the connection params. Authorised on subscribe.',
});
