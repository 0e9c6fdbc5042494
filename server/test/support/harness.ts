import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { type App, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { dropDatabases, flushRedisPrefix, postgresUrl, REDIS_URL, tempDir, uniqueName } from './services.js';

export type Mode = 'embedded' | 'services';

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

export interface GqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

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
  };
  if (mode === 'embedded') {
    const data = tempDir();
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

export interface TestApp {
  app: App;
  url: string;
  wsUrl: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
  login(email?: string, password?: string): Promise<string>;
  ws(token: string): Client;
  stop(): Promise<void>;
}

export async function startApp(env: Record<string, string>): Promise<TestApp> {
  const config = loadConfig(env);
  const app = await buildApp(config, { logger: createLogger(config.LOG_LEVEL) });
  const port = await app.start(0);
  const url = `http://127.0.0.1:${port}/graphql`;
  const clients: Client[] = [];
  const gql = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GqlResult<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GqlResult<T>;
  };
  return {
    app,
    url,
    wsUrl: url.replace('http', 'ws'),
    gql,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const result = await gql<{ login: { __typename: string; token?: string; message?: string } }>(
        'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { __typename ... on LoginSuccess { token } ... on Error { message } } }',
        { email, password },
      );
      const token = result.data?.login.token;
      if (!token) throw new Error(`login failed: ${JSON.stringify(result)}`);
      return token;
    },
    ws(token: string) {
      const client = createClient({
        url: url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) await client.dispose();
      await app.stop();
    },
  };
}

/** Collects a subscription's events so a test can wait for the one it expects. */
export function collect<T = any>(client: Client, query: string, variables?: Record<string, unknown>) {
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: Array<() => void> = [];
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        if (value.data) events.push(value.data as T);
        waiters.splice(0).forEach((w) => w());
      },
      error: (error) => {
        errors.push(error);
        waiters.splice(0).forEach((w) => w());
      },
      complete: () => {},
    },
  );
  return {
    events,
    errors,
    dispose,
    async until(predicate: (event: T) => boolean, timeoutMs = 10_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        if (errors.length > 0) throw new Error(`subscription error: ${JSON.stringify(errors)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for a subscription event; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
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

/** Starts one app for a describe block (beforeAll) and stops it with its storage (afterAll). */
export function useApp(mode: Mode, overrides: Record<string, string> = {}): { t: TestApp; token: string } {
  const fixture = {} as { t: TestApp; token: string };
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const m = await modeEnv(mode);
    cleanup = m.cleanup;
    fixture.t = await startApp({ ...m.env, ...overrides });
    fixture.token = await fixture.t.login();
  });
  afterAll(async () => {
    await fixture.t?.stop();
    await cleanup?.();
  });
  return fixture;
}
