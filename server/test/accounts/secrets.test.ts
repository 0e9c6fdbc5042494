import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateAccountKey } from '../../src/accounts/rotate.js';
import {
  embeddedKeys,
  KEY_FILE,
  keyIdOf,
  openSecretBox,
  SecretBox,
  SecretKeyMissing,
} from '../../src/accounts/secrets.js';
import { type Databases, embeddedTargets, openDatabases } from '../../src/adapters/db/clients.js';
import { loadConfig } from '../../src/config.js';
import { tempDir } from '../support/services.js';

const TOKEN = '123456789:AAF-secret-bot-token-abcdefghijklmnop';

describe('account secrets (AES-256-GCM)', () => {
  it('opens what it sealed, only for the same account, and refuses an altered secret', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal(TOKEN, 'tg:123456789');
    expect(Buffer.from(sealed.ciphertext).toString('utf8')).not.toContain('secret-bot-token');
    expect(box.open(sealed, 'tg:123456789')).toBe(TOKEN);
    expect(() => box.open(sealed, 'tg:987')).toThrow();
    const altered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext).fill(7, 0, 1) };
    expect(() => box.open(altered, 'tg:123456789')).toThrow();
    // A fresh IV each time: the same secret never seals to the same bytes.
    expect(Buffer.from(box.seal(TOKEN, 'a').ciphertext).equals(Buffer.from(box.seal(TOKEN, 'a').ciphertext))).toBe(
      false,
    );
  });

  it('names the missing key instead of failing obscurely', () => {
    const old = randomBytes(32);
    const sealed = new SecretBox(old).seal(TOKEN, 'x');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'x')).toThrow(SecretKeyMissing);
    expect(() => new SecretBox(null).seal(TOKEN, 'x')).toThrow(/ACCOUNT_SECRETS_KEY/);
    expect(new SecretBox(randomBytes(32), [old]).open(sealed, 'x')).toBe(TOKEN);
  });

  it('generates the embedded key once, owner-only', async () => {
    const data = tempDir();
    try {
      const [first] = await embeddedKeys(data.dir);
      const [again] = await embeddedKeys(data.dir);
      expect(again!.equals(first!)).toBe(true);
      expect(statSync(path.join(data.dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    } finally {
      data.remove();
    }
  });

  it('rejects a key that is not base64 of 32 bytes at start-up', () => {
    expect(() => loadConfig({ ACCOUNT_SECRETS_KEY: 'short' })).toThrow(/ACCOUNT_SECRETS_KEY/);
    expect(() =>
      loadConfig({ ACCOUNT_SECRETS_KEY: randomBytes(32).toString('base64'), ACCOUNT_SECRETS_KEY_PREVIOUS: 'x' }),
    ).toThrow(/ACCOUNT_SECRETS_KEY_PREVIOUS/);
  });
});

describe('key rotation', () => {
  const data = tempDir();
  let dbs: Databases;
  beforeAll(async () => {
    dbs = await openDatabases(embeddedTargets(data.dir));
  });
  afterAll(async () => {
    await dbs?.close();
    data.remove();
  });

  const rawRow = async (id: string) =>
    JSON.stringify(
      await dbs.analytics.$queryRaw`SELECT row_to_json(a)::text AS row FROM "TelegramAccount" a WHERE id = ${id}`,
    );

  it('re-encrypts every secret under a new embedded key; the old key opens nothing afterwards', async () => {
    const embedded = loadConfig({ DATA_DIR: data.dir });
    const before = await openSecretBox(embedded);
    await dbs.analytics.telegramAccount.create({
      data: { id: 'tg:123456789', kind: 'BOT', label: 'Shop bot', ...before.columns(TOKEN, 'tg:123456789') },
    });
    // Encryption at rest: the raw row holds no part of the token.
    expect(await rawRow('tg:123456789')).not.toContain('secret-bot-token');
    expect(await rawRow('tg:123456789')).not.toContain('123456789:AAF');

    const result = await rotateAccountKey(dbs.analytics, embedded, { generate: true });
    expect(result).toEqual({ keyId: expect.not.stringMatching(before.currentKeyId!), reencrypted: 1 });
    expect(readFileSync(path.join(data.dir, KEY_FILE), 'utf8').trim().split('\n')).toHaveLength(1);

    const after = await openSecretBox(embedded);
    expect(after.currentKeyId).toBe(result.keyId);
    const row = await dbs.analytics.telegramAccount.findUniqueOrThrow({ where: { id: 'tg:123456789' } });
    expect(row.secretKeyId).toBe(result.keyId);
    expect(after.openColumns(row)).toBe(TOKEN);
    expect(() => before.openColumns(row)).toThrow(SecretKeyMissing);
  });

  it('moves secrets from ACCOUNT_SECRETS_KEY_PREVIOUS to a new ACCOUNT_SECRETS_KEY', async () => {
    const old = (await openSecretBox(loadConfig({ DATA_DIR: data.dir }))).currentKeyId;
    const [fileKey] = await embeddedKeys(data.dir);
    const fresh = randomBytes(32);
    const config = loadConfig({
      DATA_DIR: data.dir,
      ACCOUNT_SECRETS_KEY: fresh.toString('base64'),
      ACCOUNT_SECRETS_KEY_PREVIOUS: fileKey!.toString('base64'),
    });
    expect(old).toBe(keyIdOf(fileKey!));
    expect(await rotateAccountKey(dbs.analytics, config)).toEqual({ keyId: keyIdOf(fresh), reencrypted: 1 });
    // Run again: nothing left to do.
    expect((await rotateAccountKey(dbs.analytics, config)).reencrypted).toBe(0);
    const row = await dbs.analytics.telegramAccount.findUniqueOrThrow({ where: { id: 'tg:123456789' } });
    expect(new SecretBox(fresh).openColumns(row)).toBe(TOKEN);
  });

  it('stops, changing nothing, when a secret was sealed by a key it was not given', async () => {
    const config = loadConfig({ DATA_DIR: data.dir, ACCOUNT_SECRETS_KEY: randomBytes(32).toString('base64') });
    const before = await rawRow('tg:123456789');
    await expect(rotateAccountKey(dbs.analytics, config)).rejects.toThrow(SecretKeyMissing);
    expect(await rawRow('tg:123456789')).toBe(before);
  });
});
