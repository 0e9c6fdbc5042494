import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modeEnv, startApp, type TestApp } from '../support/harness.js';

const QUEUE_WITH_RELATIONS = `query Queue { reviewQueue(first: 50) { edges { node { id status bubbles safety { risk } claimedBy { email } deliveries { status } contact { id displayName customerStatus ltv } } } } }`;
const CONTACTS = `query Contacts { contacts(first: 50) { edges { node { id ltv statusHistory { toStatus } messages(first: 5) { edges { node { text } } } } } } }`;

describe('list fields do not issue a query per row (N+1 guard)', () => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let token: string;
  let queries = 0;

  beforeAll(async () => {
    const m = await modeEnv('embedded');
    cleanup = m.cleanup;
    t = await startApp(m.env);
    token = await t.login();
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
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  it.each([
    ['reviewQueue with contact, claim, deliveries', QUEUE_WITH_RELATIONS, 'reviewQueue'],
    ['contacts with history and messages', CONTACTS, 'contacts'],
  ])('%s', async (_name, query, field) => {
    queries = 0;
    const result = await t.gql(query, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data[field].edges).toHaveLength(25);
    expect(queries).toBeGreaterThanOrEqual(1);
    expect(queries).toBeLessThanOrEqual(2);
  });
});
