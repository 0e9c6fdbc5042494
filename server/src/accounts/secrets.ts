/**
 * Account secrets at rest: session strings and bot tokens are sealed with AES-256-GCM (node:crypto), a fresh
 * 12-byte IV each time and the account id as associated data, so a sealed secret copied onto another account's
 * row does not open. Each sealed secret names the key that sealed it (`keyId`), so several keys can be read at
 * once while a rotation re-encrypts everything under the current one (`reencryptSecrets`).
 *
 * The key: ACCOUNT_SECRETS_KEY (base64 of 32 bytes), earlier ones in ACCOUNT_SECRETS_KEY_PREVIOUS. In embedded
 * mode without it, a key is generated once into DATA_DIR/account-secrets.key (owner-only, 0600); that file's
 * first line is the current key and any further lines are earlier keys.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Config, isSecretKey } from '../config.js';
import type { AnalyticsClient } from '../db.js';

export interface SealedSecret {
  ciphertext: Uint8Array;
  iv: Uint8Array;
  tag: Uint8Array;
  keyId: string;
}

/** The columns of a TelegramAccount row that hold its sealed secret. */
export interface SecretColumns {
  secretCiphertext: Uint8Array<ArrayBuffer> | null;
  secretIv: Uint8Array<ArrayBuffer> | null;
  secretTag: Uint8Array<ArrayBuffer> | null;
  secretKeyId: string | null;
}

export class SecretKeyMissing extends Error {
  constructor(readonly keyId: string | null) {
    super(
      keyId
        ? `account secret sealed with key ${keyId}, which is not configured (ACCOUNT_SECRETS_KEY or ACCOUNT_SECRETS_KEY_PREVIOUS)`
        : 'no key to seal account secrets with: set ACCOUNT_SECRETS_KEY (openssl rand -base64 32)',
    );
    this.name = 'SecretKeyMissing';
  }
}

/** A key's id: the first 8 hex digits of its SHA-256, which names it without revealing it. */
export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

const ALGORITHM = 'aes-256-gcm';

/** Seals and opens account secrets with the current key, and opens those sealed with earlier ones. */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  /** The key new secrets are sealed with; null when none is configured (services mode without ACCOUNT_SECRETS_KEY). */
  readonly currentKeyId: string | null;

  constructor(current: Buffer | null, previous: Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (!key) continue;
      if (key.length !== 32) throw new Error('an account secrets key must be 32 bytes');
      this.keys.set(keyIdOf(key), key);
    }
    this.currentKeyId = current ? keyIdOf(current) : null;
  }

  get canSeal(): boolean {
    return this.currentKeyId !== null;
  }

  /** Seals `plaintext` for account `accountId` under the current key. */
  seal(plaintext: string, accountId: string): SealedSecret {
    if (!this.currentKeyId) throw new SecretKeyMissing(null);
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(accountId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag(), keyId: this.currentKeyId };
  }

  /** Opens a secret sealed for `accountId`; throws when its key is unknown or it was altered. */
  open(sealed: SealedSecret, accountId: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new SecretKeyMissing(sealed.keyId);
    const decipher = createDecipheriv(ALGORITHM, key, sealed.iv);
    decipher.setAAD(Buffer.from(accountId, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  }

  /** The row columns for a sealed secret. */
  columns(plaintext: string, accountId: string): SecretColumns {
    const s = this.seal(plaintext, accountId);
    return {
      secretCiphertext: new Uint8Array(s.ciphertext),
      secretIv: new Uint8Array(s.iv),
      secretTag: new Uint8Array(s.tag),
      secretKeyId: s.keyId,
    };
  }

  /** Opens a row's secret; null when the row holds none. */
  openColumns(row: SecretColumns & { id: string }): string | null {
    if (!row.secretCiphertext || !row.secretIv || !row.secretTag || !row.secretKeyId) return null;
    return this.open(
      { ciphertext: row.secretCiphertext, iv: row.secretIv, tag: row.secretTag, keyId: row.secretKeyId },
      row.id,
    );
  }
}

export const KEY_FILE = 'account-secrets.key';

const parseKeys = (text: string | undefined) =>
  (text ?? '')
    .split(/[,\n]/)
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => {
      if (!isSecretKey(k)) throw new Error('an account secrets key is not base64 of 32 bytes');
      return Buffer.from(k, 'base64');
    });

/** Reads the embedded key file (current key first), creating it with a new key, owner-only, when absent. */
export async function embeddedKeys(dataDir: string): Promise<Buffer[]> {
  const file = path.join(dataDir, KEY_FILE);
  const existing = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (existing !== null) return parseKeys(existing);
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    // `wx`: of two processes starting at once, one writes the key and the other reads it.
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return parseKeys(await readFile(file, 'utf8'));
    throw e;
  }
  await chmod(file, 0o600);
  return [key];
}

/** Writes the embedded key file with `keys` (current first), owner-only. */
export async function writeEmbeddedKeys(dataDir: string, keys: Buffer[]): Promise<void> {
  const file = path.join(dataDir, KEY_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, keys.map((k) => `${k.toString('base64')}\n`).join(''), { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/**
 * The secret box of this deployment: ACCOUNT_SECRETS_KEY and ACCOUNT_SECRETS_KEY_PREVIOUS when set; else, in
 * embedded mode, the key file under DATA_DIR (generated on first use); else (services mode) no key, and sealing
 * fails with a message naming the variable.
 */
export async function openSecretBox(
  config: Pick<Config, 'ACCOUNT_SECRETS_KEY' | 'ACCOUNT_SECRETS_KEY_PREVIOUS' | 'DATA_DIR' | 'mode'>,
): Promise<SecretBox> {
  const previous = parseKeys(config.ACCOUNT_SECRETS_KEY_PREVIOUS);
  if (config.ACCOUNT_SECRETS_KEY) return new SecretBox(parseKeys(config.ACCOUNT_SECRETS_KEY)[0]!, previous);
  if (config.mode === 'embedded') {
    const [current, ...older] = await embeddedKeys(config.DATA_DIR);
    return new SecretBox(current ?? null, [...older, ...previous]);
  }
  return new SecretBox(null, previous);
}

/**
 * Re-encrypts every account secret not sealed with the current key. Each row is rewritten only if it still holds
 * what was read (a concurrent change wins). Returns how many were re-encrypted; a secret whose key is not
 * configured stops the rotation with SecretKeyMissing, having changed nothing of it.
 */
export async function reencryptSecrets(store: AnalyticsClient, box: SecretBox): Promise<number> {
  if (!box.currentKeyId) throw new SecretKeyMissing(null);
  const rows = await store.telegramAccount.findMany({
    where: { secretKeyId: { not: box.currentKeyId } },
    select: { id: true, secretCiphertext: true, secretIv: true, secretTag: true, secretKeyId: true },
  });
  let done = 0;
  for (const row of rows) {
    const plaintext = box.openColumns(row);
    if (plaintext === null) continue;
    const { count } = await store.telegramAccount.updateMany({
      where: { id: row.id, secretKeyId: row.secretKeyId },
      data: box.columns(plaintext, row.id),
    });
    done += count;
  }
  return done;
}
