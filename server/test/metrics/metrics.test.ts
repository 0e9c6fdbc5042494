import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import type { AnalyticsClient } from '../../src/db.js';
import { failDelivery } from '../../src/delivery/deliver.js';
import { JOB_KINDS } from '../../src/jobs/kinds.js';
import { ApproveDraftMutation, DraftQuery, DraftQueuedSubscription } from '../support/documents.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { eventually, type Mode, type TestApp, useApp } from '../support/harness.js';
import { isExtraction, NO_PROFILE_UPDATE, useFakeOpenAi } from '../support/openai.js';
import { type Exposition, parseExposition } from '../support/prometheus.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];
const TOKEN = 'scrape-token-0123456789abcdef';

function scrape(t: TestApp, init: RequestInit = {}): Promise<Response> {
  return fetch(t.endpoint.url.replace(/\/graphql$/, '/metrics'), init);
}

async function metricsOf(t: TestApp): Promise<Exposition> {
  const response = await scrape(t, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

/** Sends one message as a sandbox person and waits for the draft that answers it. */
async function waitingDraft(admin: TestClient, telegramUserId: string, text: string) {
  const queued = admin.subscribe(DraftQueuedSubscription);
  await new Promise((r) => setTimeout(r, 200));
  const sent = await admin.execute(SandboxSendDocument, { input: { telegramUserId, text } });
  expectTypename(sent.data?.sandboxSend, 'SandboxSendSuccess');
  const event = await queued.until((e) => e.draftQueued.contact.telegramUserId === telegramUserId, 20_000);
  queued.dispose();
  return event.draftQueued;
}

describe('/metrics without METRICS_TOKEN', () => {
  const app = useApp('embedded');

  it('is not there: 404 with or without a token, and not the web app either', async () => {
    const asked: Array<Record<string, string>> = [{}, { authorization: `Bearer ${TOKEN}` }];
    for (const headers of asked) {
      const response = await scrape(app.t, { headers });
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).not.toContain('<html');
      expect(body).not.toContain('countersign_');
    }
  });
});

describe.each(modes)('/metrics with METRICS_TOKEN (%s mode)', (mode) => {
  const app = useApp(mode, { METRICS_TOKEN: TOKEN, METRICS_CACHE_SECONDS: '0' });

  it('refuses a scrape without the token or with a wrong one (401), saying nothing of the metrics', async () => {
    const refused: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}` },
      { authorization: TOKEN },
    ];
    for (const headers of refused) {
      const response = await scrape(app.t, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toContain('countersign_');
    }
  });

  it('answers the right token in the text exposition format, with the process metrics', async () => {
    const response = await scrape(app.t, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const m = parseExposition(await response.text());
    expect(m.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(m.types.get('nodejs_heap_size_used_bytes')).toBe('gauge');
    expect(m.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    for (const name of ['job_duration', 'llm_request_duration', 'draft_to_screen', 'approval_to_delivery'])
      expect(m.types.get(`countersign_${name}_seconds`)).toBe('histogram');
    expect(m.types.get('countersign_llm_tokens_total')).toBe('counter');
    for (const kind of JOB_KINDS) {
      expect(m.value('countersign_queue_jobs', { kind })).toBeGreaterThanOrEqual(0);
      expect(m.value('countersign_job_failures_total', { kind, outcome: 'gave_up' })).toBe(0);
    }

    const post = await scrape(app.t, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(post.status).toBe(405);
  });

  it('shows a draft waiting and reaching a screen, then its approval delivered', async () => {
    const { t, admin } = app;
    const before = await metricsOf(t);
    expect(before.value('countersign_drafts_waiting')).toBe(0);
    expect(before.value('countersign_oldest_waiting_draft_age_seconds')).toBe(0);

    const draft = await waitingDraft(admin, '9301', 'Do you deliver on Sundays?');
    const waiting = await metricsOf(t);
    expect(waiting.value('countersign_drafts_waiting')).toBe(1);
    expect(waiting.value('countersign_oldest_waiting_draft_age_seconds')).toBeGreaterThan(0);
    // One subscriber was sent the draft: one draft-to-screen observation.
    expect(
      waiting.value('countersign_draft_to_screen_seconds_count') -
        before.value('countersign_draft_to_screen_seconds_count'),
    ).toBe(1);
    expect(waiting.sum('countersign_job_duration_seconds_count', { kind: 'debounce', outcome: 'ok' })).toBe(1);
    expect(waiting.sum('countersign_job_duration_seconds_count', { kind: 'draft', outcome: 'ok' })).toBe(1);
    // The offline drafter calls no model, so nothing is counted as tokens or cost.
    expect(waiting.find('countersign_llm_tokens_total')).toEqual([]);
    expect(waiting.find('countersign_llm_cost_usd_total')).toEqual([]);

    const approved = await admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Yes, on Sundays too.', 'Until noon.'], claim: true },
    });
    expectTypename(approved.data?.approveDraft, 'ApproveDraftSuccess');
    await eventually(async () => {
      const d = await admin.execute(DraftQuery, { id: draft.id });
      return d.data?.draft?.deliveries.every((b) => b.status === 'SENT');
    });

    const after = await metricsOf(t);
    expect(after.value('countersign_drafts_waiting')).toBe(0);
    expect(after.value('countersign_oldest_waiting_draft_age_seconds')).toBe(0);
    // Two bubbles sent: two approval-to-delivery observations, each as long as a real wait can be.
    expect(after.value('countersign_approval_to_delivery_seconds_count')).toBe(2);
    expect(after.value('countersign_approval_to_delivery_seconds_sum')).toBeGreaterThan(0);
    expect(after.value('countersign_approval_to_delivery_seconds_bucket', { le: '+Inf' })).toBe(2);
    expect(after.sum('countersign_job_duration_seconds_count', { kind: 'deliver', outcome: 'ok' })).toBe(1);
    expect(after.value('countersign_delivery_failures_total')).toBe(0);
    expect(after.sum('countersign_job_failures_total')).toBe(0);
  });
});

describe('/metrics under a storm of scrapes', () => {
  const app = useApp('embedded', { METRICS_TOKEN: TOKEN, METRICS_CACHE_SECONDS: '300' });

  it('reads the databases once for many scrapes within the cache period', async () => {
    const core = app.t.app.core;
    const original = core.analytics;
    let draftAggregates = 0;
    core.analytics = original.$extends({
      query: {
        draft: {
          aggregate({ args, query }) {
            draftAggregates += 1;
            return query(args);
          },
        },
      },
    }) as unknown as AnalyticsClient;
    try {
      const storm = await Promise.all(Array.from({ length: 30 }, () => metricsOf(app.t)));
      for (let i = 0; i < 5; i++) storm.push(await metricsOf(app.t));
      expect(draftAggregates).toBe(1);
      expect(new Set(storm.map((m) => m.value('countersign_drafts_waiting')))).toEqual(new Set([0]));
    } finally {
      core.analytics = original;
    }
  });
});

describe.skipIf(!servicesAvailable)('/metrics of a process without the api role (services mode)', () => {
  const app = useApp('services', { METRICS_TOKEN: TOKEN, ROLES: 'worker,gateway' });

  it('reports its own jobs, and leaves the deployment-wide gauges to the api processes', async () => {
    const m = await metricsOf(app.t);
    expect(m.types.get('countersign_job_duration_seconds')).toBe('histogram');
    expect(m.types.get('countersign_approval_to_delivery_seconds')).toBe('histogram');
    expect(m.types.has('countersign_drafts_waiting')).toBe(false);
    expect(m.types.has('countersign_queue_jobs')).toBe(false);
  });
});

describe('/metrics with an LLM endpoint and no gateway', () => {
  // The draft model refuses, so the fallback model answers; the refine model answers at once.
  const endpoint = useFakeOpenAi((call) => {
    if (isExtraction(call)) return { content: NO_PROFILE_UPDATE, usage: { prompt: 100, completion: 10 } };
    if (call.model === 'draft-model') return { error: 'model overloaded' };
    const content = call.temperature < 0.5 ? JSON.stringify({ bubbles: ['We are open until 6.'] }) : 'Open until 6.';
    return { content, usage: { prompt: 900, completion: 30, cached: 600 } };
  });
  const app = useApp('embedded', () => ({
    METRICS_TOKEN: TOKEN,
    METRICS_CACHE_SECONDS: '0',
    OPENAI_BASE_URL: endpoint.url,
    OPENAI_API_KEY: 'test-key',
    LLM_DRAFT_MODEL: 'draft-model',
    LLM_REFINE_MODEL: 'gpt-4o-mini',
    LLM_FALLBACK_MODEL: 'gpt-4o',
    // Profile extraction's own model, so the drafting models' figures below are drafting's alone.
    LLM_EXTRACT_MODEL: 'extract-model',
    // No gateway role: approved bubbles stay queued until a test fails them the way the job runner does.
    ROLES: 'api,worker',
  }));

  it('counts tokens and cost by model, and times every call, the refused one too', async () => {
    await waitingDraft(app.admin, '9401', 'Are you open today?');
    const m = await metricsOf(app.t);
    const calls = (model: string, stage: string, outcome: string) =>
      m.value('countersign_llm_request_duration_seconds_count', { model, stage, outcome });
    expect(calls('draft-model', 'draft', 'error')).toBe(1);
    expect(calls('gpt-4o', 'draft', 'ok')).toBe(1);
    expect(calls('gpt-4o-mini', 'refine', 'ok')).toBe(1);

    const tokens = (model: string, kind: string) => m.value('countersign_llm_tokens_total', { model, kind });
    for (const model of ['gpt-4o', 'gpt-4o-mini']) {
      expect([tokens(model, 'input'), tokens(model, 'cached_input'), tokens(model, 'output')]).toEqual([300, 600, 30]);
    }
    expect(m.find('countersign_llm_tokens_total', { model: 'draft-model' }).every((s) => s.value === 0)).toBe(true);
    // USD per million tokens: gpt-4o 2.50 / 1.25 cached / 10 out; gpt-4o-mini 0.15 / 0.075 / 0.60.
    expect(m.value('countersign_llm_cost_usd_total', { model: 'gpt-4o' })).toBeCloseTo(
      (300 * 2.5 + 600 * 1.25 + 30 * 10) / 1e6,
      12,
    );
    expect(m.value('countersign_llm_cost_usd_total', { model: 'gpt-4o-mini' })).toBeCloseTo(
      (300 * 0.15 + 600 * 0.075 + 30 * 0.6) / 1e6,
      12,
    );
  });

  it('counts every bubble that shows as failed', async () => {
    const draft = await waitingDraft(app.admin, '9501', 'Can I pay by card?');
    const approved = await app.admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Yes.', 'Any card.'], claim: true },
    });
    expectTypename(approved.data?.approveDraft, 'ApproveDraftSuccess');
    await failDelivery(app.t.app.core, draft.id, 'Telegram refused the chat');

    const shown = await app.admin.execute(DraftQuery, { id: draft.id });
    expect(shown.data?.draft?.deliveries.map((b) => b.status)).toEqual(['FAILED', 'FAILED']);
    expect((await metricsOf(app.t)).value('countersign_delivery_failures_total')).toBe(2);
  });
});
