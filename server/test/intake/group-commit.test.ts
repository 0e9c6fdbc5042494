import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import type { Core } from '../../src/core.js';
import { receiveMessage } from '../../src/intake/intake.js';
import { eventually, type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

/**
 * Counts, from now on, the statements that insert inbound messages (one per transaction that stores them), and
 * the transactions and statements of the inbox.
 */
function countMessageInserts(core: Core) {
  const counted = { inserts: 0, transactions: 0, statements: 0 };
  const original = core.sqlTransaction;
  core.sqlTransaction = (work) => {
    counted.transactions += 1;
    return original((sql) =>
      work((statement) => {
        counted.statements += 1;
        if (statement.sql.includes('INSERT INTO "Message"')) counted.inserts += 1;
        return sql(statement);
      }),
    );
  };
  return { counted, restore: () => (core.sqlTransaction = original) };
}

/** Counts, from now on, the round trips that (re)start debounce windows, and the windows they carry. */
function countDebounceScheduling(core: Core) {
  const counted = { calls: 0, jobs: 0 };
  const { queue } = core;
  const [schedule, scheduleMany] = [queue.schedule, queue.scheduleMany];
  queue.schedule = (name, key, payload, runAt) => {
    if (name === 'debounce') Object.assign(counted, { calls: counted.calls + 1, jobs: counted.jobs + 1 });
    return schedule.call(queue, name, key, payload, runAt);
  };
  queue.scheduleMany = (name, jobs) => {
    if (name === 'debounce') Object.assign(counted, { calls: counted.calls + 1, jobs: counted.jobs + jobs.length });
    return scheduleMany.call(queue, name, jobs);
  };
  return { counted, restore: () => Object.assign(queue, { schedule, scheduleMany }) };
}

describe.each(modes)('messages arriving together (%s mode)', (mode) => {
  const app = useApp(mode, { TYPING_DEBOUNCE_DELAY: '30', DEBOUNCE_MAX_WAIT: '60' });

  it('are stored in shared transactions, each once, duplicates answered as such', async () => {
    const people = Array.from({ length: 40 }, (_, i) => String(880_000 + i));
    // Every person writes twice at once, and Telegram delivers one message of every fourth person twice.
    const sends = people.flatMap((id, i) => [
      { telegramUserId: id, text: `first from ${id}`, clientMessageId: `${id}-1` },
      { telegramUserId: id, text: `second from ${id}`, clientMessageId: `${id}-2` },
      ...(i % 4 === 0 ? [{ telegramUserId: id, text: `first from ${id}`, clientMessageId: `${id}-1` }] : []),
    ]);
    const { counted, restore } = countMessageInserts(app.t.app.core);
    const scheduling = countDebounceScheduling(app.t.app.core);
    let results: Array<{ __typename?: string; duplicate?: boolean; sent?: { id: string } }>;
    try {
      results = (await Promise.all(sends.map((input) => app.admin.execute(SandboxSendDocument, { input })))).map(
        (r) => r.data?.sandboxSend as never,
      );
    } finally {
      restore();
      scheduling.restore();
    }
    expect(results.map((r) => r.__typename)).toEqual(Array(sends.length).fill('SandboxSendSuccess'));
    expect(results.filter((r) => r.duplicate)).toHaveLength(10);
    // A duplicate is answered with the message first stored under its Telegram id.
    for (const [i, send] of sends.entries()) {
      const first = sends.findIndex((s) => s.clientMessageId === send.clientMessageId);
      expect(results[i]!.sent!.id).toBe(results[first]!.sent!.id);
    }
    const stored = await app.t.app.core.analytics.message.findMany({
      where: { contact: { telegramUserId: { in: people } } },
      orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }],
      include: { contact: true },
    });
    expect(stored).toHaveLength(80);
    expect(new Set(stored.map((m) => m.contactId)).size).toBe(40);
    // 90 sends over HTTP at once: far fewer transactions than messages (one each before).
    expect(counted.inserts).toBeGreaterThan(0);
    // PGlite has one connection: requests wait for it before they reach the inbox, so groups stay small there.
    if (mode === 'services') expect(counted.inserts).toBeLessThan(sends.length / 3);
    // Each transaction is two statements (the people, then their messages), and one more for a group holding a
    // duplicate (the copy stored before).
    expect(counted.statements).toBeGreaterThanOrEqual(2 * counted.transactions);
    expect(counted.statements).toBeLessThanOrEqual(3 * counted.transactions);
    // Each group's people get their debounce windows in one round trip, each person's once per group.
    // (A group of duplicates alone starts none.)
    expect(scheduling.counted.calls).toBeGreaterThan(0);
    expect(scheduling.counted.calls).toBeLessThanOrEqual(counted.transactions);
    expect(scheduling.counted.jobs).toBeGreaterThanOrEqual(people.length);
    expect(scheduling.counted.jobs).toBeLessThanOrEqual(2 * people.length);
    expect(await app.t.app.core.jobs.size('debounce')).toBe(people.length);
  });

  it("keeps a person's Telegram access hash current as their messages bring a new one", async () => {
    const core = app.t.app.core;
    const message = (n: number, accessHash: string) =>
      receiveMessage(core, {
        account: 'sandbox',
        chatId: '881000',
        telegramUserId: '881000',
        telegramMessageId: `881000-${n}`,
        text: `message ${n}`,
        displayName: 'Hash Person',
        accessHash,
      });
    await message(1, 'first-hash');
    const before = await core.analytics.contact.findFirstOrThrow({ where: { telegramUserId: '881000' } });
    expect(before.accessHash).toBe('first-hash');
    await message(2, 'second-hash');
    const after = await core.analytics.contact.findFirstOrThrow({ where: { telegramUserId: '881000' } });
    expect(after.accessHash).toBe('second-hash');
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect(after.id).toBe(before.id);
  });
});

describe.skipIf(!servicesAvailable)('a new person written to by two processes at once (services mode)', () => {
  const app = useApp('services', { TYPING_DEBOUNCE_DELAY: '30', DEBOUNCE_MAX_WAIT: '60' });

  it('is stored once, in one transaction, when the other process commits the person first', async () => {
    const core = app.t.app.core;
    const other = new pg.Client({ connectionString: core.config.DATABASE_URL });
    await other.connect();
    const { counted, restore } = countMessageInserts(core);
    try {
      // The other process has created the person and not yet committed: this process's insert waits for it, then
      // skips the person, whom its statement's snapshot is too old to show.
      await other.query('BEGIN');
      const { rows } = await other.query(
        `INSERT INTO "Contact" ("id", "account", "telegramUserId", "displayName", "updatedAt")
         VALUES (gen_random_uuid(), 'sandbox', '882000', 'Other process', now()) RETURNING "id"`,
      );
      const stored = receiveMessage(core, {
        account: 'sandbox',
        chatId: '882000',
        telegramUserId: '882000',
        telegramMessageId: '882000-1',
        text: 'hello from both sides',
        displayName: 'This process',
      });
      await eventually(
        async () => {
          const waiting = await other.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return waiting.rows.length > 0;
        },
        10_000,
        'the insert to wait for the other process',
      );
      await other.query('COMMIT');
      const result = await stored;

      expect(result.contactId).toBe(rows[0].id);
      const messages = await core.analytics.message.findMany({ where: { contact: { telegramUserId: '882000' } } });
      expect(messages.map((m) => [m.text, m.contactId])).toEqual([['hello from both sides', rows[0].id]]);
      expect(await core.analytics.contact.count({ where: { telegramUserId: '882000' } })).toBe(1);
      // Read and locked again in the same transaction, not by a failed group tried anew.
      expect(counted.transactions).toBe(1);
      expect(counted.statements).toBe(3);
    } finally {
      restore();
      await other.query('ROLLBACK').catch(() => {});
      await other.end();
    }
  });
});
