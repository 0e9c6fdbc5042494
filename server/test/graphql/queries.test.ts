import { describe, expect, it } from 'vitest';
import { ContactsWithHistoryQuery, QueueWithRelationsQuery } from '../support/documents.js';
import type { TestClient } from '../support/graphql.js';
import { useApp } from '../support/harness.js';

describe('list fields do not issue a query per row (N+1 guard)', () => {
  let admin: TestClient;
  let queries = 0;

  useApp('embedded', {}, async (t) => {
    admin = t.as(await t.login());
    const db = t.app.core.analytics;
    for (let i = 0; i < 25; i++) {
      const contact = await db.contact.create({
        data: { account: 'sandbox', telegramUserId: String(100 + i), displayName: `Person ${i}` },
      });
      await db.message.create({
        data: {
          contactId: contact.id,
          account: 'sandbox',
          chatId: String(100 + i),
          direction: 'INBOUND',
          telegramMessageId: `m${i}`,
          text: `hello ${i}`,
        },
      });
      await db.draft.create({
        data: { contactId: contact.id, status: 'PENDING', inboundText: `hello ${i}`, bubbles: ['hi'] },
      });
    }
    // Count every query the GraphQL layer sends through the client it reads from the context.
    t.app.core.analytics = db.$extends({
      query: {
        async $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    }) as unknown as typeof db;
  });

  // Each row sends one list query and returns its errors and its list's edges.
  it.each([
    [
      'reviewQueue with contact, claim, deliveries',
      async () => {
        const result = await admin.execute(QueueWithRelationsQuery);
        return { errors: result.errors, edges: result.data!.reviewQueue.edges };
      },
    ],
    [
      'contacts with history and messages',
      async () => {
        const result = await admin.execute(ContactsWithHistoryQuery);
        return { errors: result.errors, edges: result.data!.contacts.edges };
      },
    ],
  ])('%s', async (_name, list) => {
    queries = 0;
    const result = await list();
    expect(result.errors).toBeUndefined();
    expect(result.edges).toHaveLength(25);
    expect(queries).toBeGreaterThanOrEqual(1);
    expect(queries).toBeLessThanOrEqual(2);
  });
});
