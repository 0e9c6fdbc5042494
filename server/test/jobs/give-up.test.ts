import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RetryDraftDocument, SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { createReviewer } from '../../src/auth/auth.js';
import {
  ApproveDraftMutation,
  DismissFailedJobMutation,
  DraftQuery,
  FailedJobsQuery,
  HealthDetailQuery,
  RetryFailedJobMutation,
  SandboxChatQuery,
} from '../support/documents.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { eventually, type TestApp, useApp, useOutageApp } from '../support/harness.js';
import { useFakeOpenAi } from '../support/openai.js';
import { servicesAvailable, setReachable } from '../support/services.js';

/** A logger whose lines the test reads, for useApp's options. */
function readableLog() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { lines, logger };
}

/** Asked as an admin: component details are for admins only. */
const component = async (t: TestApp, name: string) =>
  (await t.as(await t.login()).execute(HealthDetailQuery)).data?.health.components.find((c) => c.name === name);

async function pendingDraft(t: TestApp, admin: TestClient, telegramUserId: string) {
  await admin.execute(SandboxSendDocument, { input: { telegramUserId, text: 'Are you open today?' } });
  return eventually(
    () =>
      t.app.core.analytics.draft.findFirst({
        where: { contact: { telegramUserId }, status: { in: ['PENDING', 'FAILED'] } },
      }),
    20_000,
    'the draft',
  );
}

describe.skipIf(!servicesAvailable)('a memory write that gives up is told (services mode)', () => {
  const log = readableLog();
  const env = { LOG_LEVEL: 'info', MEMORY_WRITE_ATTEMPTS: '3' };
  const app = useOutageApp('RAPPORT_DATABASE_URL', env, { logger: log.logger });

  it('logs it, shows jobs degraded in health until an admin retries it, and lists it for admins only', async () => {
    const { t } = app;
    const admin = t.as(await t.login());
    await setReachable(app.storage.database, false);
    const draft = await pendingDraft(t, admin, '8101');
    const approved = await admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Yes, until 6.'], claim: true },
    });
    expect(approved.data?.approveDraft.__typename).toBe('ApproveDraftSuccess');

    const line = await eventually(
      async () => log.lines.find((l) => l.msg === 'job failed for good' && l.job === `remember:${draft.id}`),
      30_000,
      'the give-up to be logged',
    );
    expect(line).toMatchObject({ level: 50, queue: 'remember', attempts: 3 });

    // Rapport is back, but the exchange it missed is still not in memory: health keeps saying so.
    await setReachable(app.storage.database, true);
    await eventually(async () => (await component(t, 'rapport'))?.state === 'ok', 10_000, 'rapport to return');
    const health = (await admin.execute(HealthDetailQuery)).data?.health;
    expect(health?.state).toBe('degraded');
    expect(health?.components.find((c) => c.name === 'jobs')).toMatchObject({
      state: 'degraded',
      detail: expect.stringMatching(/1 job failed for good.*remember/),
    });

    const listed = await admin.execute(FailedJobsQuery);
    const failed = listed.data?.failedJobs.edges.map((e) => e.node) ?? [];
    expect(failed).toEqual([
      expect.objectContaining({ kind: 'remember', subjectId: draft.id, attempts: 3, resolvedAt: null }),
    ]);
    const [first] = failed;
    expect(first?.lastError.length).toBeGreaterThan(0);

    await createReviewer(t.app.core.analytics, {
      email: 'rita@example.com',
      password: 'long-password',
      displayName: 'Rita',
      role: 'REVIEWER',
    });
    const reviewer = t.as(await t.login('rita@example.com', 'long-password'));
    expect((await reviewer.execute(FailedJobsQuery)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const refused = await reviewer.execute(RetryFailedJobMutation, { id: String(first?.id) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const retried = await admin.execute(RetryFailedJobMutation, { id: String(first?.id) });
    expect(retried.data?.retryFailedJob.__typename).toBe('RetryFailedJobSuccess');
    const turns = await eventually(
      async () => {
        const rows = await t.app.core.rapport.memoryTurn.findMany({ where: { draftId: draft.id } });
        return rows.length === 2 ? rows : null;
      },
      20_000,
      'the memory write after the retry',
    );
    expect(turns.map((x) => x.text).sort()).toEqual(['Are you open today?', 'Yes, until 6.']);
    expect((await admin.execute(HealthDetailQuery)).data?.health.state).toBe('ok');
    expect((await admin.execute(FailedJobsQuery)).data?.failedJobs.edges).toEqual([]);
  }, 90_000);
});

describe('a draft that fails for good is told (embedded mode)', () => {
  const endpoint = { up: false };
  // A local OpenAI-compatible endpoint that is down until the test brings it up.
  const llm = useFakeOpenAi(() =>
    endpoint.up
      ? { content: '{"bubbles":["Yes!"]}', usage: { prompt: 10, completion: 2 } }
      : { error: 'model is unavailable' },
  );
  const log = readableLog();
  const app = useApp(
    'embedded',
    () => ({ LOG_LEVEL: 'info', OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: 'test-key' }),
    undefined,
    { logger: log.logger },
  );

  it('logs it, shows jobs degraded until the draft is retried or the failure dismissed', async () => {
    const { t } = app;
    const { lines } = log;
    const admin = t.as(await t.login());
    const draft = await pendingDraft(t, admin, '8201');
    expect(draft.status).toBe('FAILED');
    expect(lines.some((l) => l.msg === 'job failed for good' && l.job === `draft:${draft.id}`)).toBe(true);
    const jobs = await eventually(
      async () => {
        const c = await component(t, 'jobs');
        return c?.state === 'degraded' ? c : null;
      },
      5000,
      'jobs to show as degraded',
    );
    expect(jobs.detail).toMatch(/1 job failed for good.*draft/);
    expect((await admin.execute(HealthDetailQuery)).data?.health.state).toBe('degraded');
    const [failed] = (await admin.execute(FailedJobsQuery)).data?.failedJobs.edges.map((e) => e.node) ?? [];
    expect(failed).toMatchObject({ kind: 'draft', subjectId: draft.id, attempts: 3 });
    expect(failed?.lastError).toMatch(/unavailable/);

    // The reviewer's retry of the draft succeeds: the give-up is resolved by itself.
    endpoint.up = true;
    await admin.execute(RetryDraftDocument, { id: draft.id });
    await eventually(
      async () => (await admin.execute(DraftQuery, { id: draft.id })).data?.draft?.status === 'PENDING',
      15_000,
      'the retried draft',
    );
    await eventually(
      async () => (await admin.execute(HealthDetailQuery)).data?.health.state === 'ok',
      5000,
      'health to return to ok',
    );
    expect((await admin.execute(FailedJobsQuery)).data?.failedJobs.edges).toEqual([]);

    // Another give-up, dismissed by an admin instead.
    endpoint.up = false;
    const second = await pendingDraft(t, admin, '8202');
    const [again] = (await admin.execute(FailedJobsQuery)).data?.failedJobs.edges.map((e) => e.node) ?? [];
    expect(again).toMatchObject({ kind: 'draft', subjectId: second.id });
    const dismissed = await admin.execute(DismissFailedJobMutation, { id: String(again?.id) });
    expect(
      expectTypename(dismissed.data?.dismissFailedJob, 'DismissFailedJobSuccess').failedJob.resolvedAt,
    ).not.toBeNull();
    expect((await admin.execute(HealthDetailQuery)).data?.health.state).toBe('ok');
    expect((await admin.execute(SandboxChatQuery, { telegramUserId: '8202' })).data?.sandboxChat).toHaveLength(1);
  }, 90_000);
});
