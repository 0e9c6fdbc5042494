import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.js';
import { createReviewer } from '../../src/auth/auth.js';
import { loadConfig } from '../../src/config.js';
import { APPROVE, DRAFT, SANDBOX_CHAT, SANDBOX_SEND } from '../support/documents.js';
import { ADMIN, eventually, modeEnv } from '../support/harness.js';
import { PG_ADMIN_URL, servicesAvailable } from '../support/services.js';

const HEALTH = '{ health { state components { name state detail } } }';
const FAILED_JOBS = `query FailedJobs { failedJobs(first: 20) { edges { node {
  id kind subjectId attempts lastError failedAt resolvedAt } } } }`;
const RETRY_FAILED_JOB = `mutation RetryFailedJob($id: ID!) { retryFailedJob(id: $id) {
  __typename ... on RetryFailedJobSuccess { failedJob { id resolvedAt } } ... on Error { message } } }`;
const DISMISS_FAILED_JOB = `mutation DismissFailedJob($id: ID!) { dismissFailedJob(id: $id) {
  __typename ... on DismissFailedJobSuccess { failedJob { id resolvedAt } } ... on Error { message } } }`;
const RETRY_DRAFT = `mutation RetryDraft($id: ID!) { retryDraft(id: $id) { __typename } }`;
const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { ... on LoginSuccess { token } } }`;

/** An app built with a logger whose lines the test reads, and a GraphQL helper over Yoga's fetch. */
async function startLogged(env: Record<string, string>) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app: App = await buildApp(loadConfig(env), { logger });
  await app.start(0);
  const gql = async (query: string, variables?: Record<string, unknown>, token?: string) =>
    (await (
      await app.fetch('http://countersign.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  const login = async (email = ADMIN.email, password = ADMIN.password) =>
    (await gql(LOGIN, { email, password })).data.login.token as string;
  return { app, gql, login, lines };
}

type Logged = Awaited<ReturnType<typeof startLogged>>;

const component = async (t: Logged, name: string) =>
  (await t.gql(HEALTH)).data.health.components.find((c: any) => c.name === name);

async function pendingDraft(t: Logged, token: string, telegramUserId: string) {
  await t.gql(SANDBOX_SEND, { input: { telegramUserId, text: 'Are you open today?' } }, token);
  return eventually(
    () =>
      t.app.core.analytics.draft.findFirst({
        where: { contact: { telegramUserId }, status: { in: ['PENDING', 'FAILED'] } },
      }),
    20_000,
    'the draft',
  );
}

/** A real outage: PostgreSQL refuses new connections to the database and drops the open ones. */
async function setReachable(database: string, reachable: boolean) {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS ${reachable}`);
    if (!reachable)
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
  } finally {
    await admin.end();
  }
}

describe.skipIf(!servicesAvailable)('a memory write that gives up is told (services mode)', () => {
  let t: Logged;
  let cleanup: () => Promise<void>;
  let rapportDb: string;
  beforeAll(async () => {
    const m = await modeEnv('services');
    rapportDb = new URL(m.env.RAPPORT_DATABASE_URL!).pathname.slice(1);
    cleanup = async () => {
      await setReachable(rapportDb, true).catch(() => {});
      await m.cleanup();
    };
    t = await startLogged({ ...m.env, LOG_LEVEL: 'info', MEMORY_WRITE_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    await t?.app.stop();
    await cleanup?.();
  });

  it('logs it, shows jobs degraded in health until an admin retries it, and lists it for admins only', async () => {
    const token = await t.login();
    await setReachable(rapportDb, false);
    const draft = await pendingDraft(t, token, '8101');
    const approved = await t.gql(
      APPROVE,
      { input: { draftId: draft.id, bubbles: ['Yes, until 6.'], claim: true } },
      token,
    );
    expect(approved.data.approveDraft.__typename).toBe('ApproveDraftSuccess');

    const line = await eventually(
      async () => t.lines.find((l) => l.msg === 'job failed for good' && l.job === `remember:${draft.id}`),
      30_000,
      'the give-up to be logged',
    );
    expect(line).toMatchObject({ level: 50, queue: 'remember', attempts: 3 });

    // Rapport is back, but the exchange it missed is still not in memory: health keeps saying so.
    await setReachable(rapportDb, true);
    await eventually(async () => (await component(t, 'rapport')).state === 'ok', 10_000, 'rapport to return');
    const health = (await t.gql(HEALTH)).data.health;
    expect(health.state).toBe('degraded');
    expect(health.components.find((c: any) => c.name === 'jobs')).toMatchObject({
      state: 'degraded',
      detail: expect.stringMatching(/1 job failed for good.*remember/),
    });

    const listed = await t.gql(FAILED_JOBS, {}, token);
    const failed = listed.data.failedJobs.edges.map((e: any) => e.node);
    expect(failed).toEqual([
      expect.objectContaining({ kind: 'remember', subjectId: draft.id, attempts: 3, resolvedAt: null }),
    ]);
    expect(failed[0].lastError.length).toBeGreaterThan(0);

    await createReviewer(t.app.core.analytics, {
      email: 'rita@example.com',
      password: 'long-password',
      displayName: 'Rita',
      role: 'REVIEWER',
    });
    const reviewer = await t.login('rita@example.com', 'long-password');
    expect((await t.gql(FAILED_JOBS, {}, reviewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const refused = await t.gql(RETRY_FAILED_JOB, { id: failed[0].id }, reviewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const retried = await t.gql(RETRY_FAILED_JOB, { id: failed[0].id }, token);
    expect(retried.data.retryFailedJob.__typename).toBe('RetryFailedJobSuccess');
    const turns = await eventually(
      async () => {
        const rows = await t.app.core.rapport.memoryTurn.findMany({ where: { draftId: draft.id } });
        return rows.length === 2 ? rows : null;
      },
      20_000,
      'the memory write after the retry',
    );
    expect(turns.map((x) => x.text).sort()).toEqual(['Are you open today?', 'Yes, until 6.']);
    expect((await t.gql(HEALTH)).data.health.state).toBe('ok');
    expect((await t.gql(FAILED_JOBS, {}, token)).data.failedJobs.edges).toEqual([]);
  }, 90_000);
});

describe('a draft that fails for good is told (embedded mode)', () => {
  let t: Logged;
  let cleanup: () => Promise<void>;
  let llm: Server;
  const endpoint = { up: false };
  beforeAll(async () => {
    // A local OpenAI-compatible endpoint that is down until the test brings it up.
    llm = createServer(async (req, res) => {
      for await (const _ of req);
      if (!endpoint.up) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'model is unavailable', type: 'invalid_request_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'c',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-4o-mini',
          choices: [
            { index: 0, message: { role: 'assistant', content: '{"bubbles":["Yes!"]}' }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
        }),
      );
    });
    await new Promise<void>((r) => llm.listen(0, '127.0.0.1', () => r()));
    const m = await modeEnv('embedded');
    cleanup = m.cleanup;
    t = await startLogged({
      ...m.env,
      LOG_LEVEL: 'info',
      OPENAI_BASE_URL: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`,
      OPENAI_API_KEY: 'test-key',
    });
  });
  afterAll(async () => {
    await t?.app.stop();
    await cleanup?.();
    await new Promise<void>((r) => llm?.close(() => r()));
  });

  it('logs it, shows jobs degraded until the draft is retried or the failure dismissed', async () => {
    const token = await t.login();
    const draft = await pendingDraft(t, token, '8201');
    expect(draft.status).toBe('FAILED');
    expect(t.lines.some((l) => l.msg === 'job failed for good' && l.job === `draft:${draft.id}`)).toBe(true);
    const jobs = await eventually(
      async () => {
        const c = await component(t, 'jobs');
        return c.state === 'degraded' ? c : null;
      },
      5000,
      'jobs to show as degraded',
    );
    expect(jobs.detail).toMatch(/1 job failed for good.*draft/);
    expect((await t.gql(HEALTH)).data.health.state).toBe('degraded');
    const [failed] = (await t.gql(FAILED_JOBS, {}, token)).data.failedJobs.edges.map((e: any) => e.node);
    expect(failed).toMatchObject({ kind: 'draft', subjectId: draft.id, attempts: 3 });
    expect(failed.lastError).toMatch(/unavailable/);

    // The reviewer's retry of the draft succeeds: the give-up is resolved by itself.
    endpoint.up = true;
    await t.gql(RETRY_DRAFT, { id: draft.id }, token);
    await eventually(
      async () => (await t.gql(DRAFT, { id: draft.id }, token)).data.draft.status === 'PENDING',
      15_000,
      'the retried draft',
    );
    await eventually(async () => (await t.gql(HEALTH)).data.health.state === 'ok', 5000, 'health to return to ok');
    expect((await t.gql(FAILED_JOBS, {}, token)).data.failedJobs.edges).toEqual([]);

    // Another give-up, dismissed by an admin instead.
    endpoint.up = false;
    const second = await pendingDraft(t, token, '8202');
    const [again] = (await t.gql(FAILED_JOBS, {}, token)).data.failedJobs.edges.map((e: any) => e.node);
    expect(again).toMatchObject({ kind: 'draft', subjectId: second.id });
    const dismissed = await t.gql(DISMISS_FAILED_JOB, { id: again.id }, token);
    expect(dismissed.data.dismissFailedJob.failedJob.resolvedAt).not.toBeNull();
    expect((await t.gql(HEALTH)).data.health.state).toBe('ok');
    expect((await t.gql(SANDBOX_CHAT, { telegramUserId: '8202' }, token)).data.sandboxChat).toHaveLength(1);
  }, 90_000);
});
