/**
 * `pnpm accounts:rotate-key [--generate]`: re-encrypts every stored account secret (session strings, bot tokens)
 * under the current key. See docs/operations.md, "Rotating the account secrets key".
 *
 *   services mode   set ACCOUNT_SECRETS_KEY to the new key and ACCOUNT_SECRETS_KEY_PREVIOUS to the old one, run
 *                   this, then remove ACCOUNT_SECRETS_KEY_PREVIOUS and restart
 *   embedded mode   --generate writes a new key into DATA_DIR/account-secrets.key and re-encrypts (stop the
 *                   server first: PGlite allows one process)
 */

import { rotateAccountKey } from '../server/src/accounts/rotate.js';
import { embeddedTargets, openDatabases } from '../server/src/adapters/db/clients.js';
import { loadConfig } from '../server/src/config.js';

const config = loadConfig();
const databases = await openDatabases(
  config.mode === 'services'
    ? {
        analytics: { kind: 'postgres', url: String(config.DATABASE_URL) },
        rapport: { kind: 'postgres', url: String(config.RAPPORT_DATABASE_URL) },
      }
    : embeddedTargets(config.DATA_DIR),
);
try {
  const result = await rotateAccountKey(databases.analytics, config, { generate: process.argv.includes('--generate') });
  console.log(`account secrets: ${result.reencrypted} re-encrypted; all sealed with key ${result.keyId}`);
} catch (e) {
  console.error(`account secrets: rotation failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await databases.close();
}
