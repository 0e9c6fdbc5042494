/**
 * `pnpm measure:signin`: the time per failed sign-in for emails with and without an account, side by
 * side, against a real app in embedded mode (a scratch data directory, deleted afterwards). The
 * attempts alternate between the two kinds, each from its own forwarded address, and the limits are
 * raised so none is refused: only the password check is timed.
 *
 *   ATTEMPTS  failed sign-ins of each kind (default 20)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/src/app.js';
import { createReviewer } from '../server/src/auth/auth.js';
import { loadConfig } from '../server/src/config.js';

const ATTEMPTS = Number(process.env.ATTEMPTS ?? 20);
const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { __typename }
}`;

const dir = mkdtempSync(join(tmpdir(), 'cs-measure-signin-'));
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATA_DIR: dir,
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'measure-admin-password',
  ROLES: 'api',
  TRUST_PROXY: '1',
  SIGNIN_MAX_PER_ACCOUNT: '10000',
  SIGNIN_MAX_PER_ADDRESS: '10000',
  // Sends its own minimal login text, which trusted documents (on by default) refuse from anonymous callers.
  PERSISTED_DOCUMENTS_ONLY: 'false',
});
const app = await buildApp(config);
try {
  const port = await app.start(0);
  const known = 'known@example.com';
  await createReviewer(app.core.analytics, {
    email: known,
    password: 'the-right-password',
    displayName: 'Known',
    role: 'VIEWER',
  });

  let address = 0;
  const attempt = async (email: string): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${++address % 250}` },
      body: JSON.stringify({ query: LOGIN, variables: { email, password: 'a-wrong-password' } }),
    });
    const body = (await response.json()) as { data?: { login?: { __typename: string } } };
    const elapsed = performance.now() - started;
    if (body.data?.login?.__typename !== 'AuthenticationError') throw new Error(`unexpected: ${JSON.stringify(body)}`);
    return elapsed;
  };

  await attempt(known); // warm-up: first request compiles the schema's resolvers
  await attempt('warm-up@example.com');
  const times = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < ATTEMPTS; i++) {
    times.known.push(await attempt(known));
    times.unknown.push(await attempt(`nobody-${i}@example.com`));
  }

  const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  };
  const row = (name: string, values: number[]) =>
    `  ${name.padEnd(14)} ${quantile(values, 0.5).toFixed(1).padStart(8)} ${quantile(values, 0.9).toFixed(1).padStart(8)}`;
  console.log(`Failed sign-ins, ${ATTEMPTS} of each kind, alternating (embedded mode, ms per request):`);
  console.log(`  ${'email'.padEnd(14)} ${'median'.padStart(8)} ${'p90'.padStart(8)}`);
  console.log(row('known', times.known));
  console.log(row('unknown', times.unknown));
  console.log(
    `  unknown/known median ratio: ${(quantile(times.unknown, 0.5) / quantile(times.known, 0.5)).toFixed(2)}`,
  );
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
