import { NotFoundError, ValidationError, WebhookAddressRefusedError } from '../../errors.js';
import { isId } from '../../validate.js';
import type { WEBHOOK_EVENTS } from '../../webhooks/events.js';
import { deleteWebhook, saveWebhook, sendTestWebhookEvent } from '../../webhooks/manage.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { ErrorInterface } from './errors.js';

export const WebhookEventEnum = builder.enumType('WebhookEvent', {
  description: 'Something that happened in Countersign that a webhook can be told of (docs/integrations.md).',
  values: {
    DRAFT_QUEUED: { description: 'A draft entered the review queue (or its reviewer’s hands, after a redraft).' },
    DRAFT_APPROVED: { description: 'An approval stands: its undo window ended and delivery began.' },
    DRAFT_REJECTED: { description: 'A reviewer rejected a draft.' },
    MESSAGE_DELIVERED: { description: 'One approved bubble reached the person on Telegram.' },
    DELIVERY_FAILED: { description: 'An approved reply could not be delivered after every retry.' },
    CONTACT_STATUS_CHANGED: {
      description: 'A person’s customer status moved (a review, the contact page or an undo).',
    },
    CONTACT_ERASED: { description: 'A person’s data was erased; only their id is sent.' },
  } satisfies Record<(typeof WEBHOOK_EVENTS)[number], { description: string }>,
});

const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a delivery stands.',
  values: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt or a retry.' },
    SUCCEEDED: { description: 'The receiver answered with a 2xx status.' },
    FAILED: { description: 'Every retry failed, or the webhook was turned off first.' },
  },
});

builder.objectType(WebhookAddressRefusedError, {
  name: 'WebhookAddressRefusedError',
  description:
    'The URL’s host is, or resolves to, a private, loopback or link-local address that WEBHOOK_ALLOWED_HOSTS does not permit.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Always "url".' }),
    host: t.exposeString('host', { description: 'The refused host.' }),
  }),
});

export const WebhookRef = builder.prismaObject('Webhook', {
  description: 'An endpoint Countersign POSTs signed events to (admins manage them). Its secret is shown once.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The webhook’s id.' }),
    url: t.exposeString('url', { description: 'Where events are POSTed.' }),
    events: t.field({
      type: [WebhookEventEnum],
      description: 'The events it receives.',
      select: { events: true },
      resolve: (w) => w.events,
    }),
    enabled: t.exposeBoolean('enabled', { description: 'False while turned off (by an admin, or after failures).' }),
    disabledAt: t.expose('disabledAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When repeated failures turned it off; null unless that happened.',
    }),
    disabledReason: t.exposeString('disabledReason', {
      nullable: true,
      description: 'Why it was turned off, for the notice admins see; cleared when it is turned on again.',
    }),
    consecutiveFailures: t.exposeInt('consecutiveFailures', {
      description: 'Deliveries in a row that failed every retry; at WEBHOOK_DISABLE_AFTER the webhook is turned off.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

export const WebhookDeliveryRef = builder.prismaObject('WebhookDelivery', {
  description: 'One event sent (or being sent) to one webhook: the delivery log, kept WEBHOOK_LOG_DAYS days.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The delivery’s id.' }),
    eventId: t.exposeString('eventId', {
      description: 'The event’s id: the payload’s id and the webhook-id header, the same on every retry.',
    }),
    type: t.exposeString('type', { description: 'The payload’s type: a WebhookEvent value, or WEBHOOK_TEST.' }),
    status: t.expose('status', { type: WebhookDeliveryStatusEnum, description: 'Where it stands.' }),
    attempts: t.exposeInt('attempts', { description: 'Attempts made so far.' }),
    responseStatus: t.exposeInt('responseStatus', {
      nullable: true,
      description: 'The HTTP status of the last attempt; null when the receiver could not be reached.',
    }),
    lastError: t.exposeString('lastError', { nullable: true, description: 'Why the last attempt failed.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When the event happened.' }),
    lastAttemptAt: t.expose('lastAttemptAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the last attempt was made.',
    }),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the next attempt is due; null once it succeeded or failed for good.',
      select: { nextAttemptAt: true, status: true },
      resolve: (d) => (d.status === 'PENDING' ? d.nextAttemptAt : null),
    }),
  }),
});

builder.queryField('webhooks', (t) =>
  t.prismaField({
    type: [WebhookRef],
    authScopes: { admin: true },
    description: 'Every webhook, oldest first (admins only).',
    resolve: (query, _root, _args, ctx) =>
      ctx.core.analytics.webhook.findMany({ ...query, orderBy: { createdAt: 'asc' } }),
  }),
);

builder.queryField('webhookDeliveries', (t) =>
  t.prismaConnection(
    {
      type: 'WebhookDelivery',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'A webhook’s deliveries, newest first (admins only).',
      args: { webhookId: t.arg.id({ required: true, description: 'The webhook.' }) },
      resolve: (query, _root, args, ctx) => {
        const webhookId = String(args.webhookId);
        if (!isId(webhookId)) return [];
        return ctx.core.analytics.webhookDelivery.findMany({
          ...query,
          where: { webhookId },
          orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }],
        });
      },
    },
    { name: 'WebhookDeliveryConnection', description: 'A page of webhook deliveries.' },
    { name: 'WebhookDeliveryEdge', description: 'A webhook delivery in a page.' },
  ),
);

const SaveWebhookInput = builder.inputType('SaveWebhookInput', {
  description: 'A webhook to create (no id) or edit.',
  fields: (t) => ({
    id: t.id({ description: 'Omit to create a new webhook.' }),
    url: t.string({
      required: true,
      description: 'An http or https URL with a public host (see WEBHOOK_ALLOWED_HOSTS).',
    }),
    events: t.field({ type: [WebhookEventEnum], required: true, description: 'The events to send; at least one.' }),
    enabled: t.boolean({ description: 'On by default when created; unchanged when omitted on an edit.' }),
  }),
});

const SaveWebhookSuccess = builder
  .objectRef<{ webhookId: string; secret: string | null }>('SaveWebhookSuccess')
  .implement({
    description: 'The saved webhook, and on creation its secret.',
    fields: (t) => ({
      webhook: t.prismaField({
        type: WebhookRef,
        description: 'The webhook as saved.',
        resolve: (query, p, _args, ctx) =>
          ctx.core.analytics.webhook.findUniqueOrThrow({ ...query, where: { id: p.webhookId } }),
      }),
      secret: t.exposeString('secret', {
        nullable: true,
        description:
          'The signing secret (whsec_…), returned only when the webhook is created: keep it now, it is never shown again.',
      }),
    }),
  });

builder.mutationField('saveWebhook', (t) =>
  t.field({
    type: SaveWebhookSuccess,
    authScopes: { admin: true },
    description: 'Creates or edits a webhook (admins only). Audited.',
    errors: { types: [ValidationError, WebhookAddressRefusedError, NotFoundError] },
    args: { input: t.arg({ type: SaveWebhookInput, required: true, description: 'The webhook to create or edit.' }) },
    resolve: async (_root, { input }, ctx) => {
      const saved = await saveWebhook(
        ctx.core,
        { ...input, id: input.id == null ? null : String(input.id) },
        signedIn(ctx),
      );
      return { webhookId: saved.webhook.id, secret: saved.secret };
    },
  }),
);

const DeleteWebhookSuccess = builder.objectRef<{ id: string }>('DeleteWebhookSuccess').implement({
  description: 'A webhook was deleted.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'The deleted webhook.' }) }),
});

builder.mutationField('deleteWebhook', (t) =>
  t.field({
    type: DeleteWebhookSuccess,
    authScopes: { admin: true },
    description: 'Deletes a webhook and its delivery log; nothing more is sent to it (admins only). Audited.',
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The webhook.' }) },
    resolve: async (_root, { id }, ctx) => {
      await deleteWebhook(ctx.core, String(id), signedIn(ctx));
      return { id: String(id) };
    },
  }),
);

const SendTestWebhookEventSuccess = builder.objectRef<{ deliveryId: string }>('SendTestWebhookEventSuccess').implement({
  description: 'A test event was queued.',
  fields: (t) => ({
    delivery: t.prismaField({
      type: WebhookDeliveryRef,
      description: 'Its delivery, to follow in webhookDeliveries.',
      resolve: (query, p, _args, ctx) =>
        ctx.core.analytics.webhookDelivery.findUniqueOrThrow({ ...query, where: { id: p.deliveryId } }),
    }),
  }),
});

builder.mutationField('sendTestWebhookEvent', (t) =>
  t.field({
    type: SendTestWebhookEventSuccess,
    authScopes: { admin: true },
    description:
      'Sends a signed WEBHOOK_TEST event to a webhook now, even one turned off, to check its receiver (admins only).',
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The webhook.' }) },
    resolve: async (_root, { id }, ctx) => ({ deliveryId: (await sendTestWebhookEvent(ctx.core, String(id))).id }),
  }),
);
