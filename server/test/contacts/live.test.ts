import { describe, expect, it } from 'vitest';
import {
  ContactUpdatedDocument,
  type ContactUpdatedSubscription,
  EraseContactDocument,
  SandboxSendDocument,
} from '../../../client/src/gql/graphql.js';
import type { AnalyticsClient } from '../../src/db.js';
import { ApproveDraftMutation, ClaimDraftMutation, DraftQueuedSubscription } from '../support/documents.js';
import { expectTypename, type Subscription } from '../support/graphql.js';
import { eventually, type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];
const SUBSCRIBERS = 20;
/** The contact page's variables: the newest page of messages. */
const PAGE = { last: 50, before: null };

type ContactEvent = ContactUpdatedSubscription;
interface PageTurn {
  burst: Array<{ text: string }>;
  deliveries: Array<{ status: string; text: string }>;
}
interface PageContact {
  pendingMessages: Array<{ text: string }>;
  history: { edges: Array<{ node: PageTurn }> };
}
/** What the contact page shows, oldest first: each turn's messages and its delivered bubbles, then those not yet drafted. */
const texts = (event: ContactEvent | undefined) => {
  const contact = event?.contactUpdated as PageContact | null | undefined;
  if (!contact) return [];
  return [
    ...contact.history.edges.flatMap(({ node }) => [
      ...node.burst.map((m) => `INBOUND:${m.text}`),
      ...node.deliveries.filter((b) => b.status === 'SENT').map((b) => `OUTBOUND:${b.text}`),
    ]),
    ...contact.pendingMessages.map((m) => `INBOUND:${m.text}`),
  ];
};

/** Counts the analytics client's reads of Contact rows from now on. */
function countContactReads(core: { analytics: AnalyticsClient }) {
  const counts = { contactReads: 0 };
  const original = core.analytics;
  core.analytics = original.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        if (model === 'Contact' && /^find/.test(operation)) counts.contactReads += 1;
        return query(args);
      },
    },
  }) as unknown as AnalyticsClient;
  return { counts, restore: () => (core.analytics = original) };
}

describe.each(modes)('the contact page, live (%s mode)', (mode) => {
  const app = useApp(mode);

  async function send(telegramUserId: string, text: string) {
    const sent = await app.admin.execute(SandboxSendDocument, { input: { telegramUserId, text, firstName: 'Lia' } });
    return expectTypename(sent.data?.sandboxSend, 'SandboxSendSuccess').sent.id;
  }
  async function contactIdOf(telegramUserId: string) {
    const contact = await app.t.app.core.analytics.contact.findFirstOrThrow({ where: { telegramUserId } });
    return contact.id;
  }

  it('shows new messages, the status set on approval and each delivered bubble, without asking again', async () => {
    const { admin } = app;
    const queued = admin.subscribe(DraftQueuedSubscription);
    await send('6100', 'Hello');
    const contactId = await contactIdOf('6100');
    const live = admin.subscribe(ContactUpdatedDocument, { id: contactId, ...PAGE });
    await new Promise((r) => setTimeout(r, 300));

    await send('6100', 'Do you have the blue one?');
    await live.until((e) => texts(e).includes('INBOUND:Do you have the blue one?'));

    // The first message may have been drafted alone before the second superseded that draft.
    const draft = (
      await queued.until(
        (e) => e.draftQueued.contact.telegramUserId === '6100' && e.draftQueued.inboundText.includes('blue'),
      )
    ).draftQueued;
    expectTypename((await admin.execute(ClaimDraftMutation, { id: draft.id })).data?.claimDraft, 'ClaimDraftSuccess');
    const approved = await admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Yes!', 'In every size.'], customerStatus: 'LEAD_QUALIFIED' },
    });
    expectTypename(approved.data?.approveDraft, 'ApproveDraftSuccess');
    await live.until((e) => e.contactUpdated?.customerStatus === 'LEAD_QUALIFIED');
    const last = await live.until((e) => texts(e).includes('OUTBOUND:In every size.'));
    expect(texts(last)).toEqual([
      'INBOUND:Hello',
      'INBOUND:Do you have the blue one?',
      'OUTBOUND:Yes!',
      'OUTBOUND:In every size.',
    ]);
    expect(
      (last.contactUpdated as unknown as { statusHistory: Array<{ toStatus: string }> }).statusHistory.map(
        (s) => s.toStatus,
      ),
    ).toEqual(['LEAD_QUALIFIED']);
    expect(live.errors).toEqual([]);
    live.dispose();
    queued.dispose();
  });

  it('hears only its own contact, and gets null once the person is erased', async () => {
    const { admin } = app;
    await send('6200', 'First');
    await send('6201', 'Someone else');
    const contactId = await contactIdOf('6200');
    const live = admin.subscribe(ContactUpdatedDocument, { id: contactId, ...PAGE });
    await new Promise((r) => setTimeout(r, 300));
    await send('6201', 'Still someone else');
    await send('6200', 'Second');
    await live.until((e) => texts(e).includes('INBOUND:Second'));
    expect(live.events.flatMap(texts).some((t) => t.includes('someone else'))).toBe(false);

    expectTypename(
      (await admin.execute(EraseContactDocument, { id: contactId })).data?.eraseContact,
      'EraseContactSuccess',
    );
    await live.until((e) => e.contactUpdated === null);
    expect(live.errors).toEqual([]);
    live.dispose();
  });

  it('ends at once for an id that names no contact', async () => {
    const live = app.admin.subscribe(ContactUpdatedDocument, { id: 'not-an-id', ...PAGE });
    await new Promise((r) => setTimeout(r, 300));
    expect(live.events).toEqual([]);
    expect(live.errors).toEqual([]);
    live.dispose();
  });

  it(`reads the contact once per event, not once per page watching it (${SUBSCRIBERS} pages)`, async () => {
    const { t } = app;
    // A person stored directly: no burst being drafted meanwhile, so the only event is the one published here.
    const { id: contactId } = await t.app.core.analytics.contact.create({
      data: { account: 'sandbox', telegramUserId: '6300', displayName: 'Quiet' },
    });
    const token = await t.login();
    const pages: Array<Subscription<ContactEvent>> = [];
    for (let i = 0; i < SUBSCRIBERS; i++)
      pages.push(t.as(token).subscribe(ContactUpdatedDocument, { id: contactId, ...PAGE }));
    await eventually(
      async () => {
        t.app.core.pubsub.publish('contactUpdated', contactId, { contactId });
        await new Promise((r) => setTimeout(r, 200));
        return pages.every((p) => p.events.length >= 1);
      },
      15_000,
      'every page',
    );
    await new Promise((r) => setTimeout(r, 300));
    const before = pages.map((p) => p.events.length);
    const { counts, restore } = countContactReads(t.app.core);
    try {
      t.app.core.pubsub.publish('contactUpdated', contactId, { contactId });
      await eventually(async () => pages.every((p, i) => p.events.length > before[i]!), 10_000, 'the event');
    } finally {
      restore();
    }
    // One read of the contact (with its messages and history) for the event, shared by every page.
    expect(counts.contactReads).toBe(1);
    for (const [i, p] of pages.entries()) {
      expect(p.events).toHaveLength(before[i]! + 1);
      expect(p.events.at(-1)?.contactUpdated?.displayName).toBe('Quiet');
      expect(p.errors).toEqual([]);
      p.dispose();
    }
  });
});
