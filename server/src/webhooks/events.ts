import { randomUUID } from 'node:crypto';
import type { Core } from '../core.js';
import { type AnalyticsTx, Prisma, type WebhookEvent } from '../db.js';

/** Every event a webhook may subscribe to, as the GraphQL enum WebhookEvent names them. */
export const WEBHOOK_EVENTS = [
  'DRAFT_QUEUED',
  'DRAFT_APPROVED',
  'DRAFT_REJECTED',
  'MESSAGE_DELIVERED',
  'DELIVERY_FAILED',
  'CONTACT_STATUS_CHANGED',
  'CONTACT_ERASED',
] as const satisfies readonly WebhookEvent[];

/** The type of the event sendTestWebhookEvent sends; no webhook subscribes to it. */
export const TEST_EVENT = 'WEBHOOK_TEST';

/** An event's id: the `webhook-id` header and the payload's `id`, the same on every retry and every webhook. */
export const newEventId = () => `evt_${randomUUID().replaceAll('-', '')}`;

/** What an event is about; `detail` keeps facts of the moment that the rows will not (a status move). */
export interface WebhookSubject {
  subjectId: Prisma.Sql | string;
  contactId: Prisma.Sql | string | null;
  detail?: Prisma.InputJsonObject;
}

/** An event about to be raised for the webhooks subscribed to it. */
export interface PendingEvent {
  type: WebhookEvent;
  webhookIds: string[];
  eventId: string;
  occurredAt: Date;
}

/**
 * The event for the webhooks subscribed to `type`, or null when there are none (no read: they are cached);
 * inside a transaction, pass it as `tx`.
 */
export async function webhookEvent(core: Core, type: WebhookEvent, tx?: AnalyticsTx): Promise<PendingEvent | null> {
  const webhookIds = await core.webhooks.subscribedTo(type, tx);
  return webhookIds.length === 0 ? null : { type, webhookIds, eventId: newEventId(), occurredAt: new Date() };
}

const value = (v: Prisma.Sql | string | null) => (v instanceof Prisma.Sql ? v : Prisma.sql`${v}`);

/**
 * The statement adding one delivery per subscribed webhook, returning their ids; `from` names a CTE the subject
 * is selected from (an inserted message). Only webhooks still there and enabled are written, so a webhook
 * deleted since the list was read never fails the caller's transaction on its foreign key.
 */
export function deliveriesInsert(event: PendingEvent, subject: WebhookSubject, from?: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "WebhookDelivery" ("id", "webhookId", "eventId", "type", "subjectId", "detail", "contactId",
                                   "occurredAt", "nextAttemptAt")
    SELECT gen_random_uuid(), w."id", ${event.eventId}, ${event.type}, ${value(subject.subjectId)},
      ${subject.detail ? JSON.stringify(subject.detail) : null}::jsonb, ${value(subject.contactId)}::uuid,
      ${event.occurredAt}, ${event.occurredAt}
    FROM "Webhook" w ${from ? Prisma.sql`CROSS JOIN ${from}` : Prisma.empty}
    WHERE w."id" = ANY(${event.webhookIds}::uuid[]) AND w."enabled"
    RETURNING "id"`;
}

/**
 * Raises `type` inside the caller's transaction, so the event commits with what it reports: one delivery per
 * subscribed webhook. Returns their ids, for `sendWebhooks` once the transaction has committed; with no webhook
 * subscribed, reads and writes nothing.
 */
export async function raiseWebhookEvent(
  core: Core,
  tx: AnalyticsTx,
  type: WebhookEvent,
  subject: WebhookSubject,
): Promise<string[]> {
  const event = await webhookEvent(core, type, tx);
  if (!event) return [];
  const rows = await tx.$queryRaw<Array<{ id: string }>>(deliveriesInsert(event, subject));
  return rows.map((r) => r.id);
}

/** Queues the deliveries of committed events; the webhook job's sweep finds any a crash left unqueued. */
export async function sendWebhooks(core: Core, deliveryIds: readonly string[] | null | undefined): Promise<void> {
  for (const deliveryId of deliveryIds ?? []) await core.jobs.enqueue('webhook', { deliveryId });
}
