import { createApiKey, revokeApiKey } from '../../auth/api-keys.js';
import { ApiKeyNotAllowedError, NotFoundError, ValidationError } from '../../errors.js';
import { builder } from '../builder.js';
import { principal } from '../context.js';
import { rowField } from '../row-field.js';
import { ErrorInterface } from './errors.js';
import { RoleEnum } from './reviewer.js';

builder.prismaObject('ApiKey', {
  description:
    "An integration's key, sent as Authorization: Bearer <key>. It acts with its role (never more than its creator's now) on behalf of the admin who created it.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the key (not its secret).' }),
    name: t.exposeString('name', { description: 'What the key is for, as the admin named it.' }),
    role: t.expose('role', { type: RoleEnum, description: 'The role it acts with.' }),
    prefix: t.exposeString('prefix', {
      description: 'The start of the secret (cs_live_ and 8 characters), naming the key in lists and logs.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'Null: it never expires.' }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'The last request with it, to the minute; null if never used.',
    }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; null while it may still be used.',
    }),
  }),
});

builder.objectType(ApiKeyNotAllowedError, {
  name: 'ApiKeyNotAllowedError',
  description: 'An API key asked for what only a person signed in to the web app may do.',
  interfaces: [ErrorInterface],
});

builder.queryField('apiKeys', (t) =>
  t.prismaField({
    type: ['ApiKey'],
    authScopes: { admin: true },
    description: 'Every API key, newest first, revoked and expired ones included (admins only).',
    resolve: (query, _root, _args, ctx) =>
      ctx.core.analytics.apiKey.findMany({ ...query, orderBy: { createdAt: 'desc' } }),
  }),
);

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A new API key.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'What the key is for, at most 100 characters.' }),
    role: t.field({ type: RoleEnum, required: true, description: 'The role it acts with.' }),
    expiresAt: t.field({ type: 'DateTime', description: 'When it stops working; null: never.' }),
  }),
});

const CreateApiKeySuccess = builder.objectRef<{ apiKeyId: string; secret: string }>('CreateApiKeySuccess').implement({
  description: 'The key was created: its secret, shown this once.',
  fields: (t) => ({
    apiKey: rowField(t, 'ApiKey', (p) => p.apiKeyId, 'The new key.'),
    secret: t.exposeString('secret', {
      description: 'The key itself, shown only here: only its SHA-256 is stored, so it cannot be shown again.',
    }),
  }),
});

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreateApiKeySuccess,
    authScopes: { admin: true },
    description: 'Creates an API key (admins signed in; a key cannot create keys). Audited with its prefix.',
    errors: { types: [ValidationError, ApiKeyNotAllowedError] },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true, description: 'Its name, role and expiry.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { key, secret } = await createApiKey(ctx.core, input, principal(ctx));
      return { apiKeyId: key.id, secret };
    },
  }),
);

const RevokeApiKeySuccess = builder.objectRef<{ apiKeyId: string }>('RevokeApiKeySuccess').implement({
  description: 'The key is revoked.',
  fields: (t) => ({ apiKey: rowField(t, 'ApiKey', (p) => p.apiKeyId, 'The key, with revokedAt set.') }),
});

builder.mutationField('revokeApiKey', (t) =>
  t.field({
    type: RevokeApiKeySuccess,
    authScopes: { admin: true },
    description: 'Revokes an API key (admins only): refused at once on every process, open subscriptions closed.',
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The key to revoke.' }) },
    resolve: async (_root, { id }, ctx) => ({
      apiKeyId: (await revokeApiKey(ctx.core, String(id), principal(ctx))).id,
    }),
  }),
);
