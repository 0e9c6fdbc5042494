import { Webhook as Verifier } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getFragmentData } from '../../../client/src/gql/fragment-masking.js';
import {
  ApproveDraftDocument,
  DeleteWebhookDocument,
  EraseContactDocument,
  RejectDraftDocument,
  SaveWebhookDocument,
  SendTestWebhookEventDocument,
  WebhookDeliveriesDocument,
  WebhookFieldsFragmentDoc,
  WebhooksDocument,
} from '../../../client/src/gql/graphql.js';
import type { Core } from '../../src/core.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { pruneWebhookLog } from '../../src/webhooks/send.js';
import { graphql } from '../gql/index.js';
import { SandboxChatQuery } from '../support/documents.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { eventually, useApp } from '../support/harness.js';
import { type Receiver, startReceiver } from '../support/receiver.js';
import { servicesAvailable } from '../support/services.js';

/** The Draft fields a webhook's data carries, asked of the API to compare the two. */
const WebhookDraftShape = graphql(`
  query WebhookDraftShape($id: ID!) {
    draft(id: $id) {
      id
      status
      inboundText
      bubbles
      finalBubbles
      drafter
      failureReason
      editTags
      qualityScore
      notes
      priority
      pendingAt
      reviewedAt
      reviewedBy {
        id
        displayName
      }
      createdAt
      updatedAt
      deliveries {
        id
        index
        text
        status
        failureReason
        sentAt
      }
      contact {
        id
        telegramUserId
        displayName
        username
        customerStatus
        ltv
        createdAt
      }
    }
  }
`);

const mode = servicesAvailable ? 'services' : 'embedded';

async function pendingDraft(core: Core, telegramUserId: string, text: string) {
  await sandboxSend(core, { telegramUserId, text, firstName: `Person ${telegramUserId}` });
  return eventually(
    () => core.analytics.draft.findFirst({ where: { contact: { telegramUserId }, status: 'PENDING' } }),
    15_000,
    'a pending draft',
  );
}

async function createWebhook(admin: TestClient, url: string, events: string[]) {
  const saved = await admin.execute(SaveWebhookDocument, { input: { url, events: events as never } });
  const success = expectTypename(saved.data!.saveWebhook, 'SaveWebhookSuccess');
  return { secret: success.secret, webhook: getFragmentData(WebhookFieldsFragmentDoc, success.webhook) };
}

async function listWebhooks(admin: TestClient) {
  const listed = await admin.execute(WebhooksDocument);
  return listed.data!.webhooks.map((w) => getFragmentData(WebhookFieldsFragmentDoc, w));
}

async function deliveries(admin: TestClient, webhookId: string) {
  const page = await admin.execute(WebhookDeliveriesDocument, { webhookId, first: 50 });
  return page.data!.webhookDeliveries.edges.map((e) => e.node);
}

const headersOf = (r: { headers: Record<string, string> }) => ({
  'webhook-id': r.headers['webhook-id']!,
  'webhook-timestamp': r.headers['webhook-timestamp']!,
  'webhook-signature': r.headers['webhook-signature']!,
});

describe(`webhooks (${mode} mode, a local receiver)`, () => {
  let receiver: Receiver;
  let flaky: Receiver;
  let failing: Receiver;
  let slow: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver([204]);
    flaky = await startReceiver([500, 500, 200]);
    failing = await startReceiver([503]);
    slow = await startReceiver([200], 4000);
  });
  afterAll(async () => {
    for (const r of [receiver, flaky, failing, slow]) await r?.close();
  });
  const app = useApp(mode, {
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SECONDS: '0.2,0.2',
    WEBHOOK_DISABLE_AFTER: '2',
    WEBHOOK_TIMEOUT_SECONDS: '10',
  });

  it('signs every event as Standard Webhooks says: standardwebhooks verifies it and refuses it replayed later', async () => {
    const { t, admin } = app;
    const created = await createWebhook(admin, receiver.url, [
      'DRAFT_QUEUED',
      'DRAFT_APPROVED',
      'DRAFT_REJECTED',
      'MESSAGE_DELIVERED',
      'CONTACT_STATUS_CHANGED',
      'CONTACT_ERASED',
    ]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.webhook).toMatchObject({ url: receiver.url, enabled: true, disabledReason: null });
    const verifier = new Verifier(created.secret!);

    // Queued, then approved with a status move: four kinds of event, each signed.
    const draft = await pendingDraft(t.app.core, '9101', 'Do you ship to Lisbon?');
    const approved = await admin.execute(ApproveDraftDocument, {
      input: { draftId: draft.id, bubbles: ['We do.', 'Three days.'], customerStatus: 'LEAD_QUALIFIED', claim: true },
    });
    expectTypename(approved.data!.approveDraft, 'ApproveDraftSuccess');
    await eventually(
      async () => receiver.events().filter((e) => e.type === 'MESSAGE_DELIVERED').length === 2,
      15_000,
      'both bubbles reported delivered',
    );
    for (const request of receiver.received) {
      const verified = verifier.verify(request.body, headersOf(request)) as { id: string };
      expect(verified.id).toBe(request.headers['webhook-id']);
      expect(request.headers['content-type']).toBe('application/json');
    }
    const events = receiver.events();
    const types = events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['DRAFT_QUEUED', 'DRAFT_APPROVED', 'CONTACT_STATUS_CHANGED', 'MESSAGE_DELIVERED']),
    );
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const queued = events.find((e) => e.type === 'DRAFT_QUEUED')!;
    expect(queued.data.draft).toMatchObject({ id: draft.id, inboundText: 'Do you ship to Lisbon?' });
    expect(Date.parse(queued.timestamp)).toBeGreaterThan(Date.now() - 60_000);
    const moved = events.find((e) => e.type === 'CONTACT_STATUS_CHANGED')!;
    expect(moved.data).toMatchObject({
      previousStatus: 'PROSPECT',
      newStatus: 'LEAD_QUALIFIED',
      draftId: draft.id,
      contact: { id: draft.contactId, customerStatus: 'LEAD_QUALIFIED', ltv: '0.00' },
    });
    const sent = events.filter((e) => e.type === 'MESSAGE_DELIVERED').map((e) => e.data.message);
    expect(sent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ direction: 'OUTBOUND', text: 'We do.' }),
        expect.objectContaining({ direction: 'OUTBOUND', text: 'Three days.' }),
      ]),
    );

    // The same request, arriving six minutes later, is refused by the receiver's library.
    const first = receiver.received[0]!;
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 6 * 60_000);
      expect(() => verifier.verify(first.body, headersOf(first))).toThrow(/too old/);
    } finally {
      vi.useRealTimers();
    }
    // A forged body is refused too.
    expect(() => verifier.verify(first.body.replace('Lisbon', 'Paris'), headersOf(first))).toThrow();

    // Rejection: the draft's data is the Draft the API returns, field for field. Profile extraction (a background
    // job) stamps the draft's updatedAt once; the decision waits for it, or the event would show the row before it.
    const second = await pendingDraft(t.app.core, '9102', 'Any discount?');
    await eventually(
      async () =>
        (
          await t.app.core.analytics.draft.findUniqueOrThrow({
            where: { id: second.id },
            select: { extractedAt: true },
          })
        ).extractedAt,
      15_000,
      'the profile extraction of the draft',
    );
    const rejected = await admin.execute(RejectDraftDocument, { input: { draftId: second.id, claim: true } });
    expectTypename(rejected.data!.rejectDraft, 'RejectDraftSuccess');
    const rejection = await eventually(
      async () => receiver.events().find((e) => e.type === 'DRAFT_REJECTED'),
      10_000,
      'DRAFT_REJECTED',
    );
    const api = await admin.execute(WebhookDraftShape, { id: second.id });
    expect(rejection.data.draft).toEqual(api.data!.draft);

    // An erase: only the id travels.
    const erased = await admin.execute(EraseContactDocument, { id: second.contactId });
    expectTypename(erased.data!.eraseContact, 'EraseContactSuccess');
    const erasure = await eventually(
      async () => receiver.events().find((e) => e.type === 'CONTACT_ERASED'),
      10_000,
      'CONTACT_ERASED',
    );
    expect(erasure.data).toEqual({ contact: { id: second.contactId } });

    // The secret is never read back.
    const listed = await admin.execute(WebhooksDocument);
    expect(JSON.stringify(listed)).not.toContain(created.secret!);
    const log = await deliveries(admin, created.webhook.id);
    expect(log.every((d) => d.status === 'SUCCEEDED' && d.attempts === 1 && d.responseStatus === 204)).toBe(true);
  });

  it('retries a receiver that fails twice and then succeeds, with the same event id each time', async () => {
    const { admin } = app;
    const created = await createWebhook(admin, flaky.url, ['DRAFT_QUEUED']);
    const test = await admin.execute(SendTestWebhookEventDocument, { id: created.webhook.id });
    const queued = expectTypename(test.data!.sendTestWebhookEvent, 'SendTestWebhookEventSuccess');
    await eventually(async () => flaky.received.length >= 3, 10_000, 'three attempts');
    const ids = flaky.received.map((r) => r.headers['webhook-id']);
    expect(ids).toEqual([queued.delivery.eventId, queued.delivery.eventId, queued.delivery.eventId]);
    // Each attempt is signed afresh and verifies.
    const verifier = new Verifier(created.secret!);
    for (const r of flaky.received)
      expect(verifier.verify(r.body, headersOf(r))).toMatchObject({ type: 'WEBHOOK_TEST' });
    const [delivery] = await eventually(async () => {
      const log = await deliveries(admin, created.webhook.id);
      return log[0]?.status === 'SUCCEEDED' ? log : null;
    });
    expect(delivery).toMatchObject({ attempts: 3, responseStatus: 200, lastError: null, nextAttemptAt: null });
    // Waited between attempts (WEBHOOK_RETRY_SECONDS 0.2).
    expect(flaky.received[2]!.at - flaky.received[0]!.at).toBeGreaterThanOrEqual(350);
    expect(flaky.received).toHaveLength(3);
  });

  it('turns a webhook off after WEBHOOK_DISABLE_AFTER deliveries in a row fail every retry, with the notice for admins', async () => {
    const { admin } = app;
    const created = await createWebhook(admin, failing.url, ['DRAFT_QUEUED']);
    const id = created.webhook.id;
    await admin.execute(SendTestWebhookEventDocument, { id });
    await eventually(async () => (await deliveries(admin, id))[0]?.status === 'FAILED', 10_000, 'the first failure');
    let [hook] = (await listWebhooks(admin)).filter((w) => w.id === id);
    expect(hook).toMatchObject({ enabled: true, consecutiveFailures: 1 });

    await admin.execute(SendTestWebhookEventDocument, { id });
    hook = await eventually(async () => {
      const w = (await listWebhooks(admin)).find((x) => x.id === id);
      return w && !w.enabled ? w : null;
    });
    expect(hook.disabledAt).not.toBeNull();
    expect(hook.disabledReason).toMatch(
      /Turned off after 2 deliveries in a row failed every retry \(last: The receiver answered 503\)/,
    );
    const log = await deliveries(admin, id);
    expect(log.map((d) => [d.status, d.attempts, d.responseStatus])).toEqual([
      ['FAILED', 3, 503],
      ['FAILED', 3, 503],
    ]);
    expect(failing.received).toHaveLength(6);

    // Turned on again by an admin: the notice and the count are cleared.
    const again = await admin.execute(SaveWebhookDocument, {
      input: { id, url: failing.url, events: ['DRAFT_QUEUED'], enabled: true },
    });
    const saved = expectTypename(again.data!.saveWebhook, 'SaveWebhookSuccess');
    expect(saved.secret).toBeNull();
    expect(getFragmentData(WebhookFieldsFragmentDoc, saved.webhook)).toMatchObject({
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      consecutiveFailures: 0,
    });
    const deleted = await admin.execute(DeleteWebhookDocument, { id });
    expectTypename(deleted.data!.deleteWebhook, 'DeleteWebhookSuccess');
  });

  it('a slow receiver does not delay approval or delivery', async () => {
    const { t, admin } = app;
    const created = await createWebhook(admin, slow.url, ['DRAFT_QUEUED', 'DRAFT_APPROVED', 'MESSAGE_DELIVERED']);
    const draft = await pendingDraft(t.app.core, '9103', 'Are you open on Sunday?');
    const started = Date.now();
    const approved = await admin.execute(ApproveDraftDocument, {
      input: { draftId: draft.id, bubbles: ['Yes, from ten.'], claim: true },
    });
    expectTypename(approved.data!.approveDraft, 'ApproveDraftSuccess');
    expect(Date.now() - started).toBeLessThan(1500);
    await eventually(
      async () => {
        const chat = await admin.execute(SandboxChatQuery, { telegramUserId: '9103' });
        return chat.data!.sandboxChat.some((m) => m.direction === 'OUTBOUND');
      },
      3000,
      'the reply delivered while the receiver still sleeps',
    );
    // The receiver has not answered anything yet (4 s each), and the events are still on their way.
    const log = await deliveries(admin, created.webhook.id);
    expect(log.some((d) => d.status === 'PENDING')).toBe(true);
  });

  it('keeps the delivery log WEBHOOK_LOG_DAYS (30) days: older deliveries are pruned', async () => {
    const { t, admin } = app;
    const created = await createWebhook(admin, receiver.url, ['CONTACT_ERASED']);
    const day = 86_400_000;
    const row = (daysAgo: number) => ({
      webhookId: created.webhook.id,
      eventId: `evt_old${daysAgo}`,
      type: 'CONTACT_ERASED',
      subjectId: created.webhook.id,
      status: 'SUCCEEDED' as const,
      attempts: 1,
      occurredAt: new Date(Date.now() - daysAgo * day),
    });
    await t.app.core.analytics.webhookDelivery.createMany({ data: [row(31), row(29)] });
    expect(await pruneWebhookLog(t.app.core)).toBeGreaterThanOrEqual(1);
    const left = (await deliveries(admin, created.webhook.id)).map((d) => d.eventId);
    expect(left).toEqual(['evt_old29']);
  });
});
