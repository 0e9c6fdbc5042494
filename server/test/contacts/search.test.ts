import { describe, expect, it } from 'vitest';
import { ContactsDocument } from '../../../client/src/gql/graphql.js';
import { type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

/** People to find, each with a conversation, stored as intake would have stored them. */
const PEOPLE = [
  {
    telegramUserId: '555000111',
    displayName: 'Ana Müller',
    username: 'ana_smith',
    messages: ['Hello, is the course still open?'],
  },
  {
    telegramUserId: '555000222',
    displayName: 'Борис Петров',
    username: null,
    messages: ['Привет! Сколько стоит подписка?'],
  },
  {
    telegramUserId: '555000333',
    displayName: 'Carla Diaz',
    username: 'carla',
    messages: ['I want a refund for my subscription'],
  },
  { telegramUserId: '5550003', displayName: 'Dan', username: null, messages: ["It's fine, thanks"] },
];

describe.each(modes)('contact search (%s mode)', (mode) => {
  const app = useApp(mode, {}, async (t) => {
    for (const [i, p] of PEOPLE.entries()) {
      await t.app.core.analytics.contact.create({
        data: {
          account: 'sandbox',
          telegramUserId: p.telegramUserId,
          displayName: p.displayName,
          username: p.username,
          // A fixed order of the list: the first person is the most recently updated.
          updatedAt: new Date(Date.UTC(2026, 0, 10 - i)),
          messages: {
            create: p.messages.map((text, j) => ({
              account: 'sandbox',
              chatId: p.telegramUserId,
              direction: 'INBOUND' as const,
              telegramMessageId: `${i}-${j}`,
              text,
            })),
          },
        },
      });
    }
  });

  async function found(search: string, extra: { status?: 'CUSTOMER'; first?: number; after?: string } = {}) {
    const result = await app.admin.execute(ContactsDocument, { first: extra.first ?? 20, search, ...extra });
    expect(result.errors).toBeUndefined();
    return result.data!.contacts;
  }
  const names = async (search: string) => (await found(search)).edges.map((e) => e.node.displayName);

  it('finds people by the start of a word of their name, in any script and case', async () => {
    expect(await names('ana')).toEqual(['Ana Müller']);
    expect(await names('MÜLL')).toEqual(['Ana Müller']);
    expect(await names('бор')).toEqual(['Борис Петров']);
    expect(await names('ana mü')).toEqual(['Ana Müller']);
    // Every word must match.
    expect(await names('ana diaz')).toEqual([]);
  });

  it('finds people by username, with or without the @', async () => {
    expect(await names('carla')).toEqual(['Carla Diaz']);
    expect(await names('@carl')).toEqual(['Carla Diaz']);
    expect(await names('ana_smi')).toEqual(['Ana Müller']);
  });

  it('finds people by the text of their messages', async () => {
    expect(await names('refund')).toEqual(['Carla Diaz']);
    expect(await names('подпис')).toEqual(['Борис Петров']);
    expect(await names('cour')).toEqual(['Ana Müller']);
    // "subscription" and "подписка" are different words: only Carla wrote the English one.
    expect(await names('subscr')).toEqual(['Carla Diaz']);
    expect(await names("it's")).toEqual(['Dan']);
  });

  it('finds a person by their whole Telegram id, not by a part of it', async () => {
    expect(await names('555000222')).toEqual(['Борис Петров']);
    expect(await names('5550003')).toEqual(['Dan']);
    expect(await names('555000')).toEqual([]);
  });

  it('answers hostile or meaningless input with no one found, never an error', async () => {
    for (const search of ["'&|!():*", '\\', "'", '!!', 'a & b | c', '(ana', 'ana:*', "ana'", '<->', '\u0000ana']) {
      const result = await app.admin.execute(ContactsDocument, { first: 20, search });
      expect(result.errors, search).toBeUndefined();
      expect(result.data!.contacts.edges.length, search).toBeLessThanOrEqual(1);
    }
    // Operators typed are read as text: "(ana" still finds Ana, "a & b" is not a query.
    expect(await names('(ana')).toEqual(['Ana Müller']);
    expect(await names("'&|!():*")).toEqual([]);
    expect(await names('x'.repeat(5000))).toEqual([]);
  });

  it('pages through the matches, most recently updated first, and combines with the status filter', async () => {
    // "i" starts a word of Ana's ("is"), Carla's ("I") and Dan's ("It's") messages.
    const first = await found('i', { first: 2 });
    expect(first.edges.map((e) => e.node.displayName)).toEqual(['Ana Müller', 'Carla Diaz']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await found('i', { first: 2, after: first.pageInfo.endCursor! });
    expect(second.edges.map((e) => e.node.displayName)).toEqual(['Dan']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect((await found('i', { status: 'CUSTOMER' })).edges).toEqual([]);
  });
});
