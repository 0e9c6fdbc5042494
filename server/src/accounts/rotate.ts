import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { AnalyticsClient } from '../db.js';
import { embeddedKeys, keyIdOf, openSecretBox, reencryptSecrets, writeEmbeddedKeys } from './secrets.js';

export interface RotationResult {
  /** The key every secret is now sealed with. */
  keyId: string;
  reencrypted: number;
}

type KeyConfig = Pick<Config, 'ACCOUNT_SECRETS_KEY' | 'ACCOUNT_SECRETS_KEY_PREVIOUS' | 'DATA_DIR' | 'mode'>;

/**
 * `pnpm accounts:rotate-key`: re-encrypts every account secret under the current key.
 *
 * - With ACCOUNT_SECRETS_KEY set to the new key and the old one in ACCOUNT_SECRETS_KEY_PREVIOUS, it re-encrypts
 *   what the old key sealed; then the previous key can go.
 * - In embedded mode with the key file, `generate` makes a new key first: the file holds the new key and the old
 *   ones while re-encrypting (a crash leaves every secret readable), and only the new key afterwards.
 */
export async function rotateAccountKey(
  analytics: AnalyticsClient,
  config: KeyConfig,
  options: { generate?: boolean } = {},
): Promise<RotationResult> {
  const fileKeys = options.generate && !config.ACCOUNT_SECRETS_KEY && config.mode === 'embedded';
  if (options.generate && !fileKeys) {
    throw new Error('--generate works on the embedded key file; with ACCOUNT_SECRETS_KEY, set the new key there');
  }
  let fresh: Buffer | null = null;
  if (fileKeys) {
    fresh = randomBytes(32);
    await writeEmbeddedKeys(config.DATA_DIR, [fresh, ...(await embeddedKeys(config.DATA_DIR))]);
  }
  const box = await openSecretBox(config);
  const reencrypted = await reencryptSecrets(analytics, box);
  if (fresh) await writeEmbeddedKeys(config.DATA_DIR, [fresh]);
  return { keyId: box.currentKeyId ?? keyIdOf(fresh!), reencrypted };
}
