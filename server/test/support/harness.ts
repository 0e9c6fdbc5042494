import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { type App, type BuildOptions, buildApp } from '../../src/app.js';
import { createReviewer } from '../../src/auth/auth.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createTestClient, type Endpoint, login, overNetwork, type TestClient } from './graphql.js';
import {
  databaseOf,
  dropDatabases,
  flushRedisPrefix,
  postgresUrl,
  REDIS_URL,
  setReachable,
  tempDir,
  uniqueName,
} from './services.js';

export type Mode = 'embedded' | 'services';

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

/** Everything a test needs to run one mode's storage: config env plus cleanup. */
export async function modeEnv(mode: Mode): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const base = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    TYPING_DEBOUNCE_DELAY: '0.3',
    DEBOUNCE_MAX_WAIT: '5',
    ENABLE_TYPING_PACING: 'false',
    // Delivery at once; the undo tests set their own window.
    APPROVAL_UNDO_SECONDS: '0',
    // The tests send their own ad-hoc documents with session tokens; test/graphql/trusted-documents.test.ts
    // turns trusted documents back on to prove the default.
    PERSISTED_DOCUMENTS_ONLY: 'false',
  };
  if (mode === 'embedded') {
    const data = tempDir();
    // The databases as a fresh start leaves them (created and migrated), copied: see global-setup.ts.
    // Without it (a run without the global setup) the app creates its databases itself, as it would anyway.
    const template = inject('embeddedTemplate');
    if (template) {
      for (const db of ['analytics', 'rapport']) cpSync(join(template, db), join(data.dir, db), { recursive: true });
    }
    return { env: { ...base, DATA_DIR: data.dir }, cleanup: async () => data.remove() };
  }
  const analytics = uniqueName('cs_test_analytics');
  const rapport = uniqueName('cs_test_rapport');
  const prefix = uniqueName('cstest');
  return {
    env: {
      ...base,
      DATABASE_URL: postgresUrl(analytics),
      RAPPORT_DATABASE_URL: postgresUrl(rapport),
      REDIS_URL,
      REDIS_PREFIX: prefix,
    },
    cleanup: async () => {
      await dropDatabases(analytics, rapport);
      await flushRedisPrefix(prefix);
    },
  };
}

/**
 * Services-mode storage with one database a test can take down with `setReachable(database, false)`; cleanup
 * lets it in again before dropping the databases.
 */
export async function outageEnv(
  which: 'DATABASE_URL' | 'RAPPORT_DATABASE_URL',
): Promise<{ env: Record<string, string>; database: string; cleanup(): Promise<void> }> {
  const m = await modeEnv('services');
  const database = databaseOf(m.env[which]!);
  const cleanup = async () => {
    await setReachable(database, true).catch(() => {});
    await m.cleanup();
  };
  return { env: m.env, database, cleanup };
}

export interface TestApp {
  app: App;
  /** The app's GraphQL endpoint over the network: HTTP and graphql-ws. */
  endpoint: Endpoint;
  /** A client that sends operations with this session token. */
  as(token: string): TestClient;
  /** A client without a token. */
  anonymous: TestClient;
  login(email?: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Builds and starts the app on a free port; `options` reach buildApp (a Telegram port built by the test). */
export async function startApp(env: Record<string, string>, options: BuildOptions = {}): Promise<TestApp> {
  const config = loadConfig(env);
  const app = await buildApp(config, { logger: createLogger(config.LOG_LEVEL), ...options });
  const port = await app.start(0);
  const endpoint = overNetwork(`http://127.0.0.1:${port}/graphql`);
  return {
    app,
    endpoint,
    as: (token) => createTestClient(endpoint, token),
    anonymous: createTestClient(endpoint),
    login: (email = ADMIN.email, password = ADMIN.password) => login(endpoint, email, password),
    async stop() {
      for (const socket of endpoint.sockets) await socket.dispose();
      await app.stop();
    },
  };
}

export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A second reviewer (not an admin) that tests about roles and claims add with `addReviewer`. */
export const SECOND = { email: 'second@example.com', password: 'second-pass', displayName: 'Second' };

/** Adds a reviewer with the REVIEWER role straight in the database. */
export function addReviewer(t: TestApp, reviewer: typeof SECOND = SECOND) {
  return createReviewer(t.app.core.analytics, { ...reviewer, role: 'REVIEWER' });
}

type Overrides = Record<string, string> | (() => Record<string, string>);
type Storage = { env: Record<string, string>; cleanup(): Promise<void> };

/** startApp on `storage` for a describe block (beforeAll), stopped with its storage (afterAll). */
function useStartedApp<S extends Storage>(
  storage: () => Promise<S>,
  overrides: Overrides,
  options: BuildOptions,
  setUp?: (t: TestApp) => Promise<unknown>,
): { t: TestApp; admin: TestClient; storage: S } {
  const fixture = {} as { t: TestApp; admin: TestClient; storage: S };
  beforeAll(async () => {
    fixture.storage = await storage();
    const env = { ...fixture.storage.env, ...(typeof overrides === 'function' ? overrides() : overrides) };
    fixture.t = await startApp(env, options);
    fixture.admin = fixture.t.as(await fixture.t.login());
    await setUp?.(fixture.t);
  });
  afterAll(async () => {
    await fixture.t?.stop();
    await fixture.storage?.cleanup();
  });
  return fixture;
}

/**
 * Starts one app for a describe block (beforeAll) and stops it with its storage (afterAll). `overrides` may be
 * a function, to read what an earlier beforeAll set up (a fake endpoint's URL); `setUp` runs once the app is up;
 * `options` reach buildApp (a logger the test reads).
 */
export function useApp(
  mode: Mode,
  overrides: Overrides = {},
  setUp?: (t: TestApp) => Promise<unknown>,
  options: BuildOptions = {},
): { t: TestApp; admin: TestClient } {
  return useStartedApp(() => modeEnv(mode), overrides, options, setUp);
}

/** useApp on outageEnv(which): `storage.database` is the database a test may take down. */
export function useOutageApp(
  which: 'DATABASE_URL' | 'RAPPORT_DATABASE_URL',
  overrides: Overrides = {},
  options: BuildOptions = {},
): { t: TestApp; admin: TestClient; storage: { database: string } } {
  return useStartedApp(() => outageEnv(which), overrides, options);
}
