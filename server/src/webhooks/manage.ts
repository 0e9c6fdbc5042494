import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { Reviewer, Webhook, WebhookEvent } from '../db.js';
import { NotFoundError, ValidationError, WebhookAddressRefusedError } from '../errors.js';
import { isId } from '../validate.js';
import { permittedAddresses, type Resolve, resolveHost } from './address.js';
import { newEventId, TEST_EVENT } from './events.js';
import { allowedFor } from './send.js';
import { newWebhookSecret } from './sign.js';

export interface SaveWebhookInput {
  id?: string | null;
  url: string;
  events: WebhookEvent[];
  enabled?: boolean | null;
}

const MAX_URL_LENGTH = 2000;

/**
 * A URL webhooks may be sent to: http or https, no credentials, and a host that is, or resolves to, a permitted
 * address (checked again at each attempt). A name that does not resolve now is accepted: its attempts will
 * say so.
 */
export async function checkWebhookUrl(core: Core, text: string, resolve: Resolve = resolveHost): Promise<string> {
  const trimmed = text.trim();
  if (trimmed.length > MAX_URL_LENGTH) throw new ValidationError('url', `At most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ValidationError('url', 'Enter a full URL, such as https://example.com/webhooks');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('url', 'The URL must start with https:// or http://');
  }
  if (url.username || url.password) throw new ValidationError('url', 'The URL may not hold a user name or password');
  try {
    await permittedAddresses(url, allowedFor(core.config), resolve);
  } catch (error) {
    if (error instanceof WebhookAddressRefusedError) throw error;
  }
  return url.toString();
}

function checkEvents(events: WebhookEvent[]): WebhookEvent[] {
  const unique = [...new Set(events)];
  if (unique.length === 0) throw new ValidationError('events', 'Choose at least one event');
  return unique;
}

/** The host a webhook's audit entries name: never the whole URL, whose path or query may hold a token. */
const hostOfUrl = (url: string) => new URL(url).host;

/**
 * Creates a webhook (with a new secret, returned this once) or edits one. Turning a webhook back on clears its
 * notice and its count of failures. Audited.
 */
export async function saveWebhook(
  core: Core,
  input: SaveWebhookInput,
  reviewer: Reviewer,
): Promise<{ webhook: Webhook; secret: string | null }> {
  const url = await checkWebhookUrl(core, input.url);
  const events = checkEvents(input.events);
  const id = input.id ?? null;
  if (id !== null && !isId(id)) throw new NotFoundError('Webhook', id);
  const saved = await core.analytics.$transaction(async (tx) => {
    if (id === null) {
      const secret = newWebhookSecret();
      const webhook = await tx.webhook.create({ data: { url, events, enabled: input.enabled ?? true, secret } });
      await audit(tx, 'webhook.save', {
        actorId: reviewer.id,
        subjectId: webhook.id,
        detail: { host: hostOfUrl(url), events, enabled: webhook.enabled, created: true },
      });
      return { webhook, secret };
    }
    const current = await tx.webhook.findUnique({ where: { id } });
    if (!current) throw new NotFoundError('Webhook', id);
    const enabled = input.enabled ?? current.enabled;
    const reenabled = enabled && !current.enabled;
    const webhook = await tx.webhook.update({
      where: { id },
      data: {
        url,
        events,
        enabled,
        ...(reenabled ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 } : {}),
      },
    });
    await audit(tx, 'webhook.save', {
      actorId: reviewer.id,
      subjectId: id,
      detail: { host: hostOfUrl(url), events, enabled, created: false },
    });
    return { webhook, secret: null };
  });
  core.webhooks.changed();
  core.log.info({ webhookId: saved.webhook.id, reviewerId: reviewer.id, events }, 'webhook saved');
  return saved;
}

/** Deletes a webhook with its delivery log; its queued deliveries go with it. Audited. */
export async function deleteWebhook(core: Core, id: string, reviewer: Reviewer): Promise<void> {
  if (!isId(id)) throw new NotFoundError('Webhook', id);
  await core.analytics.$transaction(async (tx) => {
    const webhook = await tx.webhook.findUnique({ where: { id } });
    if (!webhook) throw new NotFoundError('Webhook', id);
    await tx.webhook.delete({ where: { id } });
    await audit(tx, 'webhook.delete', {
      actorId: reviewer.id,
      subjectId: id,
      detail: { host: hostOfUrl(webhook.url) },
    });
  });
  core.webhooks.changed();
  core.log.info({ webhookId: id, reviewerId: reviewer.id }, 'webhook deleted');
}

/**
 * Sends a WEBHOOK_TEST event to one webhook now (also one that is turned off, to check its receiver before
 * turning it on again), through the same queue, signing and retries as every event.
 */
export async function sendTestWebhookEvent(core: Core, id: string) {
  if (!isId(id)) throw new NotFoundError('Webhook', id);
  const webhook = await core.analytics.webhook.findUnique({ where: { id }, select: { id: true } });
  if (!webhook) throw new NotFoundError('Webhook', id);
  const delivery = await core.analytics.webhookDelivery.create({
    data: { webhookId: id, eventId: newEventId(), type: TEST_EVENT, subjectId: id },
  });
  await core.jobs.enqueue('webhook', { deliveryId: delivery.id });
  return delivery;
}
