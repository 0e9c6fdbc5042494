import { randomBytes } from 'node:crypto';
import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { Role } from '../db.js';
import { ApiKeyNotAllowedError, NotFoundError, ValidationError } from '../errors.js';
import { isId, requireText } from '../validate.js';
import { API_KEY_PREFIX, type Principal, tokenHash } from './sessions.js';

/** Characters of the secret after `cs_live_` kept as its prefix: enough to tell keys apart, useless to sign in. */
const PREFIX_CHARS = 8;
const MAX_NAME = 100;

export interface CreateApiKeyInput {
  name: string;
  role: Role;
  expiresAt?: Date | null;
}

/** A new secret: `cs_live_` and 32 random bytes in base64url (43 characters). */
export function newApiKeySecret(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export const apiKeyPrefix = (secret: string) => secret.slice(0, API_KEY_PREFIX.length + PREFIX_CHARS);

/** Only a person signed in may make keys: a key that could make keys would outlive its own revocation. */
function person(actor: Principal, what: string) {
  if (actor.apiKey) throw new ApiKeyNotAllowedError(what);
  return actor.reviewer;
}

/**
 * Creates a key and returns its secret, which is shown only this once: the database keeps its SHA-256.
 * Audited with its prefix, never its secret.
 */
export async function createApiKey(core: Core, input: CreateApiKeyInput, actor: Principal) {
  const admin = person(actor, 'create API keys');
  const name = requireText('name', input.name, MAX_NAME, 'The name');
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
    throw new ValidationError('expiresAt', 'The expiry must be in the future');
  const secret = newApiKeySecret();
  const prefix = apiKeyPrefix(secret);
  const key = await core.analytics.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        name,
        role: input.role,
        prefix,
        secretHash: tokenHash(secret),
        createdById: admin.id,
        expiresAt: input.expiresAt ?? null,
      },
    });
    await audit(tx, 'apikey.create', {
      actorId: admin.id,
      subjectId: created.id,
      detail: { name, role: input.role, prefix, expiresAt: created.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  core.log.info({ apiKeyId: key.id, apiKey: prefix, role: key.role }, 'API key created');
  return { key, secret };
}

/**
 * Revokes a key: refused at once here and, through pub/sub, on every other process, open sockets included.
 * Revoking a revoked key changes nothing and succeeds.
 */
export async function revokeApiKey(core: Core, id: string, actor: Principal) {
  const key = await core.analytics.$transaction(async (tx) => {
    const found = isId(id) ? await tx.apiKey.findUnique({ where: { id } }) : null;
    if (!found) throw new NotFoundError('ApiKey', id);
    if (found.revokedAt) return found;
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await audit(tx, 'apikey.revoke', {
      actorId: actor.reviewer.id,
      subjectId: id,
      detail: { name: found.name, prefix: found.prefix },
    });
    return revoked;
  });
  core.sessions.forget({ tokenHash: key.secretHash });
  core.log.info(
    { apiKeyId: key.id, apiKey: key.prefix, by: actor.apiKey?.prefix ?? actor.reviewer.id },
    'API key revoked',
  );
  return key;
}

/** Refuses what a key may not do at all: the person's own password, settings and sign-out are theirs. */
export function refuseApiKey(actor: Principal, what: string): void {
  person(actor, what);
}
