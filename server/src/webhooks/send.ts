import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Config } from '../config.js';
import type { Core } from '../core.js';
import { WebhookAddressRefusedError } from '../errors.js';
import { type AllowList, allowList, permittedAddresses, type Resolve, resolveHost } from './address.js';
import { TEST_EVENT } from './events.js';
import { renderPayload } from './payload.js';
import { signedHeaders } from './sign.js';

const allowLists = new WeakMap<Config, AllowList>();

/** WEBHOOK_ALLOWED_HOSTS, parsed once per configuration. */
export function allowedFor(config: Config): AllowList {
  let list = allowLists.get(config);
  if (!list) {
    list = allowList(config.WEBHOOK_ALLOWED_HOSTS);
    allowLists.set(config, list);
  }
  return list;
}

/** What one attempt came to: the receiver's status code, or why there was none. */
export interface Attempt {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * POSTs `body` to `url`, signed, connecting only to an address checked just now (see permittedAddresses): the
 * request's own lookup hands the socket those addresses, so the name is never resolved again in between.
 * Redirects are not followed. The whole attempt is bounded by WEBHOOK_TIMEOUT_SECONDS.
 */
export async function postSigned(
  config: Config,
  target: { url: string; secret: string },
  eventId: string,
  body: string,
  resolve: Resolve = resolveHost,
): Promise<Attempt> {
  const url = new URL(target.url);
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await permittedAddresses(url, allowedFor(config), resolve);
  } catch (error) {
    const reason = error instanceof WebhookAddressRefusedError ? error.message : `Could not resolve ${url.hostname}`;
    return { ok: false, status: null, error: reason };
  }
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const timeoutMs = config.WEBHOOK_TIMEOUT_SECONDS * 1000;
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<Attempt>((resolveAttempt) => {
    const request = send(
      url,
      {
        method: 'POST',
        agent: false,
        lookup,
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Countersign-Webhooks/1',
          ...signedHeaders(target.secret, eventId, body),
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // Only the status counts; the body is not read.
        response.destroy();
        const ok = status >= 200 && status < 300;
        resolveAttempt({ ok, status, error: ok ? null : `The receiver answered ${status}` });
      },
    );
    request.on('error', (error) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      resolveAttempt({
        ok: false,
        status: null,
        error: timedOut
          ? `No answer within ${config.WEBHOOK_TIMEOUT_SECONDS} s`
          : `Could not connect: ${error.message}`,
      });
    });
    request.end(body);
  });
}

/**
 * The webhook job: one attempt at one delivery. Failures are retried on WEBHOOK_RETRY_SECONDS (the job
 * reschedules itself); after the last one the delivery fails for good, and WEBHOOK_DISABLE_AFTER such failures
 * in a row turn the webhook off with a notice for admins.
 */
export async function sendWebhookDelivery(core: Core, deliveryId: string): Promise<void> {
  const delivery = await core.analytics.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { webhook: true },
  });
  if (delivery?.status !== 'PENDING') return;
  const { webhook } = delivery;
  if (!webhook.enabled && delivery.type !== TEST_EVENT) {
    await core.analytics.webhookDelivery.updateMany({
      where: { id: deliveryId, status: 'PENDING' },
      data: { status: 'FAILED', lastError: 'Not sent: the webhook is turned off', finishedAt: new Date(), body: null },
    });
    return;
  }
  // Run early (the sweep): it waits for its time.
  if (delivery.nextAttemptAt.getTime() > Date.now() + 1000) {
    await core.jobs.schedule('webhook', { deliveryId }, delivery.nextAttemptAt);
    return;
  }
  let body = delivery.body;
  if (body === null) {
    body = await renderPayload(core, delivery);
    await core.analytics.webhookDelivery.update({ where: { id: deliveryId }, data: { body } });
  }
  const attempt = await postSigned(core.config, webhook, delivery.eventId, body);
  const now = new Date();
  const attempts = delivery.attempts + 1;
  const log = { webhookId: webhook.id, deliveryId, eventId: delivery.eventId, type: delivery.type, attempts };
  if (attempt.ok) {
    await core.analytics.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        status: 'SUCCEEDED',
        attempts,
        responseStatus: attempt.status,
        lastError: null,
        lastAttemptAt: now,
        finishedAt: now,
        body: null,
      },
    });
    await core.analytics.webhook.updateMany({
      where: { id: webhook.id, consecutiveFailures: { gt: 0 } },
      data: { consecutiveFailures: 0 },
    });
    core.log.info({ ...log, status: attempt.status }, 'webhook delivered');
    return;
  }
  const delays = core.config.WEBHOOK_RETRY_SECONDS;
  const common = { attempts, responseStatus: attempt.status, lastError: attempt.error, lastAttemptAt: now };
  if (attempts <= delays.length) {
    const next = new Date(now.getTime() + delays[attempts - 1]! * 1000);
    await core.analytics.webhookDelivery.update({
      where: { id: deliveryId },
      data: { ...common, nextAttemptAt: next },
    });
    await core.jobs.schedule('webhook', { deliveryId }, next);
    core.log.warn({ ...log, err: attempt.error, next }, 'webhook attempt failed; will retry');
    return;
  }
  await core.analytics.webhookDelivery.update({
    where: { id: deliveryId },
    data: { ...common, status: 'FAILED', finishedAt: now, body: null },
  });
  core.log.error({ ...log, err: attempt.error }, 'webhook delivery failed for good');
  await countFailure(core, webhook.id, attempt.error ?? 'failed');
}

/** One more delivery failed for good in a row; at WEBHOOK_DISABLE_AFTER the webhook is turned off. */
async function countFailure(core: Core, webhookId: string, lastError: string): Promise<void> {
  const limit = core.config.WEBHOOK_DISABLE_AFTER;
  const reason = `Turned off after ${limit} ${limit === 1 ? 'delivery' : 'deliveries'} in a row failed every retry (last: ${lastError})`;
  const at = new Date();
  const [row] = await core.analytics.$queryRaw<Array<{ disabled: boolean }>>`
    UPDATE "Webhook" SET "consecutiveFailures" = "consecutiveFailures" + 1,
      "enabled" = CASE WHEN "consecutiveFailures" + 1 >= ${limit} THEN false ELSE "enabled" END,
      "disabledAt" = CASE WHEN "enabled" AND "consecutiveFailures" + 1 >= ${limit} THEN ${at} ELSE "disabledAt" END,
      "disabledReason" = CASE WHEN "enabled" AND "consecutiveFailures" + 1 >= ${limit} THEN ${reason.slice(0, 1000)}
                         ELSE "disabledReason" END
    WHERE "id" = ${webhookId}::uuid
    RETURNING (NOT "enabled" AND "disabledAt" IS NOT DISTINCT FROM ${at}) AS disabled`;
  if (row?.disabled) {
    core.log.error({ webhookId, failures: limit }, 'webhook turned off after repeated failures');
    core.webhooks.changed();
  }
}

/** Deliveries older than this many days leave the log (at most once an hour per process). */
const PRUNE_EVERY_MS = 3_600_000;
const lastPrune = new WeakMap<Core, number>();

/**
 * The webhook job's sweep: deliveries whose time passed a minute ago without a job (a crash between a commit and
 * its enqueue) are queued again, and the log loses what is older than WEBHOOK_LOG_DAYS.
 */
export async function reconcileWebhooks(core: Core): Promise<void> {
  const overdue = await core.analytics.webhookDelivery.findMany({
    where: { status: 'PENDING', nextAttemptAt: { lt: new Date(Date.now() - 60_000) } },
    select: { id: true },
    take: 1000,
  });
  for (const { id } of overdue) await core.jobs.enqueue('webhook', { deliveryId: id });
  if (Date.now() - (lastPrune.get(core) ?? 0) >= PRUNE_EVERY_MS) {
    lastPrune.set(core, Date.now());
    await pruneWebhookLog(core);
  }
}

/** Removes deliveries older than WEBHOOK_LOG_DAYS; returns how many. */
export async function pruneWebhookLog(core: Core, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - core.config.WEBHOOK_LOG_DAYS * 86_400_000);
  const { count } = await core.analytics.webhookDelivery.deleteMany({
    where: { occurredAt: { lt: before }, status: { not: 'PENDING' } },
  });
  if (count > 0) core.log.info({ deliveries: count, before }, 'webhook log pruned');
  return count;
}
