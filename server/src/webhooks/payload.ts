import type { Core } from '../core.js';
import type { WebhookDelivery } from '../db.js';
import { TEST_EVENT } from './events.js';

/*
 * An event's `data` holds objects as the GraphQL schema names and formats them (Draft, Contact, Message),
 * read when the event is first sent: a draft's status may already be later than the event.
 */

const contactSelect = {
  id: true,
  telegramUserId: true,
  displayName: true,
  username: true,
  customerStatus: true,
  ltvTotal: true,
  createdAt: true,
} as const;

type ContactRow = {
  id: string;
  telegramUserId: string;
  displayName: string;
  username: string | null;
  customerStatus: string;
  ltvTotal: { toFixed(places: number): string };
  createdAt: Date;
};

function contactView(c: ContactRow) {
  return {
    id: c.id,
    telegramUserId: c.telegramUserId,
    displayName: c.displayName,
    username: c.username,
    customerStatus: c.customerStatus,
    ltv: c.ltvTotal.toFixed(2),
    createdAt: c.createdAt.toISOString(),
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function draftData(core: Core, id: string) {
  const d = await core.analytics.draft.findUnique({
    where: { id },
    include: {
      contact: { select: contactSelect },
      reviewedBy: { select: { id: true, displayName: true } },
      outbox: { orderBy: { index: 'asc' } },
    },
  });
  if (!d) return { id };
  return {
    id: d.id,
    status: d.status,
    inboundText: d.inboundText,
    bubbles: d.bubbles,
    finalBubbles: d.finalBubbles,
    drafter: d.drafter,
    failureReason: d.failureReason,
    editTags: d.editTags,
    qualityScore: d.qualityScore,
    notes: d.notes,
    priority: d.priority,
    pendingAt: iso(d.pendingAt),
    reviewedAt: iso(d.reviewedAt),
    reviewedBy: d.reviewedBy,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    deliveries: d.outbox.map((b) => ({
      id: b.id,
      index: b.index,
      text: b.text,
      status: b.status,
      failureReason: b.failureReason,
      sentAt: iso(b.sentAt),
    })),
    contact: contactView(d.contact),
  };
}

async function contactData(core: Core, id: string) {
  const c = await core.analytics.contact.findUnique({ where: { id }, select: contactSelect });
  return c ? contactView(c) : { id };
}

async function eventData(core: Core, d: WebhookDelivery): Promise<Record<string, unknown>> {
  switch (d.type) {
    case 'DRAFT_QUEUED':
    case 'DRAFT_APPROVED':
    case 'DRAFT_REJECTED':
    case 'DELIVERY_FAILED':
      return { draft: await draftData(core, d.subjectId) };
    case 'MESSAGE_DELIVERED': {
      const m = await core.analytics.message.findUnique({
        where: { id: d.subjectId },
        include: { contact: { select: contactSelect } },
      });
      if (!m) return { message: { id: d.subjectId } };
      return {
        message: {
          id: m.id,
          direction: m.direction,
          text: m.text,
          sentAt: m.sentAt.toISOString(),
          telegramMessageId: m.telegramMessageId,
        },
        draftId: m.sourceDraftId,
        bubbleIndex: m.bubbleIndex,
        contact: contactView(m.contact),
      };
    }
    case 'CONTACT_STATUS_CHANGED':
      return { ...(d.detail as object), contact: await contactData(core, d.subjectId) };
    case 'CONTACT_ERASED':
      return { contact: { id: d.subjectId } };
    case TEST_EVENT:
      return { webhookId: d.webhookId, message: 'A test event sent from Countersign.' };
    default:
      return {};
  }
}

/** The JSON body of a delivery: the event's id, type, time and data (Standard Webhooks' payload shape). */
export async function renderPayload(core: Core, d: WebhookDelivery): Promise<string> {
  const data = await eventData(core, d);
  return JSON.stringify({ id: d.eventId, type: d.type, timestamp: d.occurredAt.toISOString(), data });
}
