import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Core } from '../core.js';
import type { Reviewer } from '../db.js';
import type PrismaTypes from '../generated/analytics/pothos-types.js';
import { getDatamodel } from '../generated/analytics/pothos-types.js';
import type { HealthReport } from '../health.js';

export interface Context {
  core: Core;
  reviewer: Reviewer | null;
  /** The bearer token of this request, for sign-out. */
  token: string | null;
  health(): Promise<HealthReport>;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { viewer: boolean; reviewer: boolean; admin: boolean };
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      viewer: ctx.reviewer !== null,
      reviewer: ctx.reviewer?.role === 'REVIEWER' || ctx.reviewer?.role === 'ADMIN',
      admin: ctx.reviewer?.role === 'ADMIN',
    }),
    unauthorizedError: (_parent, ctx) => new (ctx.reviewer ? ForbiddenGraphQLError : UnauthenticatedGraphQLError)(),
  },
  errors: { defaultTypes: [] },
  prisma: {
    client: (ctx) => ctx.core.analytics,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
  relay: {},
});

export class UnauthenticatedGraphQLError extends GraphQLError {
  constructor() {
    super('Sign in first: send Authorization: Bearer <token> from the login mutation', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
}

export class ForbiddenGraphQLError extends GraphQLError {
  constructor() {
    super('Your role does not allow this', { extensions: { code: 'FORBIDDEN' } });
  }
}

builder.addScalarType('DateTime', DateTimeResolver);
// Every root field needs a signed-in reviewer unless it opts out with skipTypeScopes (login, health, me).
builder.queryType({ authScopes: { viewer: true } });
builder.mutationType({ authScopes: { viewer: true } });
builder.subscriptionType({ authScopes: { viewer: true } });
