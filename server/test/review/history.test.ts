import { describe, expect, it } from 'vitest';
import { getFragmentData } from '../../../client/src/gql/fragment-masking.js';
import {
  ContactHistoryContactFragmentDoc,
  ContactPageDocument,
  ConversationTurnDraftFragmentDoc,
  DraftHistoryDocument,
} from '../../../client/src/gql/graphql.js';
import { useApp } from '../support/harness.js';

/**
 * A person's conversation as the reviewer reads it: turns (drafts with the burst they answer), approved
 * replies with who approved them and their delivery, paged back from the newest, in a fixed number of queries.
 */
describe('conversation history (Contact.history, Draft.history)', () => {
  let contactId = '';
  let openDraftId = '';
  let queries = 0;
  const TURNS = 25;

  const fixture = useApp('embedded', {}, async (t) => {
    const db = t.app.core.analytics;
    const admin = await db.reviewer.findFirstOrThrow();
    const contact = await db.contact.create({
      data: { account: 'sandbox', telegramUserId: '4100', displayName: 'Hana' },
    });
    contactId = contact.id;
    const start = Date.parse('2026-11-01T10:00:00Z');
    for (let i = 0; i < TURNS; i++) {
      const at = new Date(start + i * 3_600_000);
      const last = i === TURNS - 1;
      // Every third earlier turn was rejected; the rest approved, the latest approved one not delivered yet.
      const status = last ? 'PENDING' : i % 3 === 1 ? 'REJECTED' : 'APPROVED';
      const draft = await db.draft.create({
        data: {
          contactId,
          status,
          inboundText: `turn ${i} a\nturn ${i} b`,
          bubbles: [`reply ${i}`],
          finalBubbles: status === 'APPROVED' ? [`reply ${i}`, `more ${i}`] : [],
          reviewedById: last ? null : admin.id,
          reviewedAt: last ? null : new Date(at.getTime() + 60_000),
          createdAt: at,
        },
      });
      if (last) openDraftId = draft.id;
      for (const part of ['a', 'b'])
        await db.message.create({
          data: {
            contactId,
            account: 'sandbox',
            chatId: '4100',
            direction: 'INBOUND',
            telegramMessageId: `${i}${part}`,
            text: `turn ${i} ${part}`,
            sentAt: new Date(at.getTime() - (part === 'a' ? 2_000 : 1_000)),
            draftId: draft.id,
          },
        });
      if (status === 'APPROVED')
        await db.outboxBubble.createMany({
          data: [0, 1].map((index) => ({
            draftId: draft.id,
            index,
            text: index === 0 ? `reply ${i}` : `more ${i}`,
            status: i === TURNS - 2 ? ('QUEUED' as const) : ('SENT' as const),
            sentAt: i === TURNS - 2 ? null : new Date(at.getTime() + 120_000),
          })),
        });
      // A superseded draft holds no messages (they moved to its replacement) and is not a turn.
      await db.draft.create({
        data: { contactId, status: 'SUPERSEDED', inboundText: `turn ${i} a`, createdAt: new Date(at.getTime() - 500) },
      });
    }
    // Written after the open draft was made: in no draft yet, so in no turn.
    await db.message.create({
      data: {
        contactId,
        account: 'sandbox',
        chatId: '4100',
        direction: 'INBOUND',
        telegramMessageId: 'still-writing',
        text: 'one more thing',
        sentAt: new Date(start + TURNS * 3_600_000),
      },
    });
    t.app.core.analytics = db.$extends({
      query: {
        async $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    }) as unknown as typeof db;
  });

  it('the contact page reads the newest turns, oldest first, and pages back with before', async () => {
    queries = 0;
    const first = await fixture.admin.execute(ContactPageDocument, { id: contactId, last: 10, before: null });
    expect(first.errors).toBeUndefined();
    expect(queries).toBeLessThanOrEqual(2);
    const history = getFragmentData(ContactHistoryContactFragmentDoc, first.data!.contact!).history;
    const turns = history.edges.map((e) => getFragmentData(ConversationTurnDraftFragmentDoc, e.node));
    expect(turns.map((turn) => turn.burst.map((m) => m.text).join('|'))).toEqual(
      Array.from({ length: 10 }, (_, k) => `turn ${TURNS - 10 + k} a|turn ${TURNS - 10 + k} b`),
    );
    expect(turns.at(-1)!.status).toBe('PENDING');
    const approved = turns.find((turn) => turn.burst[0]!.text === `turn ${TURNS - 2} a`)!;
    expect(approved.status).toBe('APPROVED');
    expect(approved.reviewedBy?.displayName).toBeTruthy();
    expect(approved.deliveries.map((d) => [d.text, d.status])).toEqual([
      [`reply ${TURNS - 2}`, 'QUEUED'],
      [`more ${TURNS - 2}`, 'QUEUED'],
    ]);
    expect(history.pageInfo.hasPreviousPage).toBe(true);
    // The message in no draft yet is shown after the turns, and in none of them.
    const contactHistory = getFragmentData(ContactHistoryContactFragmentDoc, first.data!.contact!);
    expect(contactHistory.pendingMessages.map((m) => m.text)).toEqual(['one more thing']);
    expect(turns.flatMap((turn) => turn.burst.map((m) => m.text))).not.toContain('one more thing');

    const older = await fixture.admin.execute(ContactPageDocument, {
      id: contactId,
      last: 10,
      before: history.pageInfo.startCursor,
    });
    const olderTurns = getFragmentData(ContactHistoryContactFragmentDoc, older.data!.contact!).history;
    expect(
      olderTurns.edges.map((e) => getFragmentData(ConversationTurnDraftFragmentDoc, e.node).burst[0]!.text),
    ).toEqual(Array.from({ length: 10 }, (_, k) => `turn ${TURNS - 20 + k} a`));
  });

  it("the draft editor reads only the turns before the draft's own, in a fixed number of queries", async () => {
    queries = 0;
    const result = await fixture.admin.execute(DraftHistoryDocument, { id: openDraftId, last: 30, before: null });
    expect(result.errors).toBeUndefined();
    expect(queries).toBeLessThanOrEqual(3);
    const turns = result.data!.draft!.history.edges.map((e) =>
      getFragmentData(ConversationTurnDraftFragmentDoc, e.node),
    );
    expect(turns).toHaveLength(TURNS - 1);
    expect(turns.map((turn) => turn.id)).not.toContain(openDraftId);
    expect(turns[0]!.burst.map((m) => m.text)).toEqual(['turn 0 a', 'turn 0 b']);
    expect(turns.filter((turn) => turn.status === 'REJECTED')).toHaveLength(8);
    expect(result.data!.draft!.history.pageInfo.hasPreviousPage).toBe(false);
  });
});
