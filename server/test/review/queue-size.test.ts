import { describe, expect, it } from 'vitest';
import { ReviewQueueDocument } from '../../../client/src/gql/graphql.js';
import { useApp } from '../support/harness.js';

describe('a long review queue', () => {
  const app = useApp('embedded');

  it('lets a reviewer reach every waiting draft, past the first hundred', async () => {
    const db = app.t.app.core.analytics;
    const people = Array.from({ length: 130 }, (_, i) => ({
      account: 'sandbox',
      telegramUserId: String(610_000 + i),
      displayName: `Person ${i}`,
    }));
    await db.contact.createMany({ data: people });
    const contacts = await db.contact.findMany({ where: { telegramUserId: { startsWith: '610' } } });
    await db.draft.createMany({
      data: contacts.map((c, i) => ({
        contactId: c.id,
        status: 'PENDING' as const,
        inboundText: `hello ${i}`,
        bubbles: ['Hi!'],
        queueAt: new Date(Date.now() - i * 1000),
      })),
    });
    // "Show more" asks for the first page grown by 50 each time.
    const page = await app.admin.execute(ReviewQueueDocument, { first: 150 });
    expect(page.errors).toBeUndefined();
    expect(page.data?.reviewQueue.edges).toHaveLength(130);
    expect(page.data?.reviewQueue.pageInfo.hasNextPage).toBe(false);
  });
});
