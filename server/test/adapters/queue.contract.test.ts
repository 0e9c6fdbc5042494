import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Redis } from 'ioredis';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationsDir, pgExecutor, pgliteExecutor } from '../../src/adapters/db/migrate.js';
import { DatabaseJobQueue } from '../../src/adapters/queue/database.js';
import { RedisJobQueue } from '../../src/adapters/queue/redis.js';
import { AnalyticsClient } from '../../src/db.js';
import type { JobQueue } from '../../src/ports.js';
import {
  dropDatabases,
  endPool,
  flushRedisPrefix,
  PG_ADMIN_URL,
  postgresUrl,
  REDIS_URL,
  servicesAvailable,
  uniqueName,
} from '../support/services.js';

interface Adapter {
  name: string;
  open(): Promise<{ queue: JobQueue; close(): Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'database queue on PGlite',
    async open() {
      const db = new PGlite();
      await applyMigrations(pgliteExecutor(db), migrationsDir('analytics'));
      const client = new AnalyticsClient({ adapter: new PrismaPGlite(db) });
      const close = async () => {
        await client.$disconnect();
        await db.close();
      };
      return { queue: new DatabaseJobQueue(client), close };
    },
  },
];
if (servicesAvailable) {
  adapters.push(
    {
      name: 'database queue on PostgreSQL',
      async open() {
        const name = uniqueName('cs_test_queue');
        const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        await admin.connect();
        await admin.query(`CREATE DATABASE "${name}"`);
        await admin.end();
        const pool = new pg.Pool({ connectionString: postgresUrl(name) });
        pool.on('error', () => {});
        await applyMigrations(pgExecutor(pool), migrationsDir('analytics'));
        const client = new AnalyticsClient({ adapter: new PrismaPg(pool) });
        return {
          queue: new DatabaseJobQueue(client),
          close: async () => {
            await client.$disconnect();
            await endPool(pool);
            await dropDatabases(name);
          },
        };
      },
    },
    {
      name: 'Redis queue',
      async open() {
        const prefix = uniqueName('csq');
        const redis = new Redis(REDIS_URL);
        return {
          queue: new RedisJobQueue(redis, prefix),
          close: async () => {
            redis.disconnect();
            await flushRedisPrefix(prefix);
          },
        };
      },
    },
  );
}

const past = () => new Date(Date.now() - 1000);

describe.each(adapters)('JobQueue contract: $name', (adapter) => {
  let queue: JobQueue;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ queue, close } = await adapter.open());
  });
  afterAll(async () => close?.());

  it('enqueues once per key and hands a due job to one claimer at a time', async () => {
    expect(await queue.enqueue('q1', 'a', { n: 1 }, past())).toBe(true);
    expect(await queue.enqueue('q1', 'a', { n: 2 }, past())).toBe(false);
    const job = await queue.claim<{ n: number }>('q1', 60_000);
    expect(job).toMatchObject({ key: 'a', payload: { n: 1 }, attempts: 1 });
    expect(await queue.claim('q1', 60_000)).toBeNull();
    await queue.ack('q1', job!);
    expect(await queue.size('q1')).toBe(0);
    expect(await queue.enqueue('q1', 'a', { n: 3 }, past())).toBe(true);
    await queue.remove('q1', 'a');
  });

  it('hands out at most the number asked for in one claim, oldest first, each once, none of those not yet due', async () => {
    const base = Date.now() - 10_000;
    for (const [i, key] of ['m3', 'm1', 'm4', 'm2'].entries()) {
      await queue.enqueue('q8', key, { key }, new Date(base + Number(key.slice(1)) * 100 + i));
    }
    await queue.enqueue('q8', 'later', {}, new Date(Date.now() + 60_000));
    const first = await queue.claimMany<{ key: string }>('q8', 60_000, 3);
    expect(first.map((j) => [j.key, j.payload.key, j.attempts])).toEqual([
      ['m1', 'm1', 1],
      ['m2', 'm2', 1],
      ['m3', 'm3', 1],
    ]);
    const rest = await queue.claimMany('q8', 60_000, 3);
    expect(rest.map((j) => j.key)).toEqual(['m4']);
    expect(await queue.claimMany('q8', 60_000, 3)).toEqual([]);
    for (const job of [...first, ...rest]) await queue.ack('q8', job);
    expect(await queue.size('q8')).toBe(1);
    await queue.remove('q8', 'later');
  });

  it('does not hand out a job before it is due', async () => {
    await queue.enqueue('q2', 'later', {}, new Date(Date.now() + 60_000));
    expect(await queue.claim('q2', 1000)).toBeNull();
    expect(await queue.size('q2')).toBe(1);
  });

  it('gives a job whose claimer died to another claimer once the lease runs out', async () => {
    await queue.enqueue('q3', 'lease', { x: 1 }, past());
    const first = await queue.claim('q3', 200);
    expect(first?.attempts).toBe(1);
    expect(await queue.claim('q3', 200)).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    const second = await queue.claim('q3', 60_000);
    expect(second).toMatchObject({ key: 'lease', attempts: 2 });
    await queue.ack('q3', second!);
  });

  it('keeps a running job hidden while its worker renews the lease', async () => {
    await queue.enqueue('q7', 'beat', {}, past());
    const job = await queue.claim('q7', 200);
    expect(await queue.extend('q7', job!, 60_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(await queue.claim('q7', 200)).toBeNull();
    await queue.ack('q7', job!);
    expect(await queue.extend('q7', job!, 60_000)).toBe(false);
  });

  it('keeps a job that was rescheduled while it ran (debounce) and moves it to the new time', async () => {
    await queue.schedule('q4', 'deb', { v: 1 }, past());
    const running = await queue.claim('q4', 60_000);
    await queue.schedule('q4', 'deb', { v: 2 }, past());
    await queue.ack('q4', running!);
    const again = await queue.claim<{ v: number }>('q4', 60_000);
    expect(again?.payload).toEqual({ v: 2 });
    await queue.ack('q4', again!);
    expect(await queue.size('q4')).toBe(0);
  });

  it('schedule moves a waiting job later; retry brings a failed one back', async () => {
    await queue.schedule('q5', 'move', {}, past());
    await queue.schedule('q5', 'move', {}, new Date(Date.now() + 60_000));
    expect(await queue.claim('q5', 1000)).toBeNull();
    await queue.schedule('q5', 'move', {}, past());
    const job = await queue.claim('q5', 60_000);
    await queue.retry('q5', job!, past(), 'boom');
    const retried = await queue.claim('q5', 60_000);
    expect(retried).toMatchObject({ key: 'move', attempts: 2 });
    await queue.ack('q5', retried!);
  });

  it('scheduleMany adds and moves several jobs at once; of one key listed twice, the later stands', async () => {
    await queue.schedule('q9', 'm-old', { v: 0 }, new Date(Date.now() + 60_000));
    const running = await queue.schedule('q9', 'm-busy', { v: 0 }, past()).then(() => queue.claim('q9', 60_000));
    await queue.scheduleMany('q9', [
      { key: 'm-new', payload: { v: 1 }, runAt: past() },
      { key: 'm-old', payload: { v: 1 }, runAt: past() },
      { key: 'm-later', payload: { v: 1 }, runAt: new Date(Date.now() + 60_000) },
      { key: 'm-new', payload: { v: 2 }, runAt: past() },
      { key: 'm-busy', payload: { v: 2 }, runAt: past() },
    ]);
    await queue.scheduleMany('q9', []);
    expect(await queue.size('q9')).toBe(4);
    // The running job was rescheduled while it ran: its worker's ack leaves the new version queued.
    await queue.ack('q9', running!);
    const due = await queue.claimMany<{ v: number }>('q9', 60_000, 10);
    expect(Object.fromEntries(due.map((j) => [j.key, j.payload.v]))).toEqual({ 'm-new': 2, 'm-old': 1, 'm-busy': 2 });
    for (const job of due) await queue.ack('q9', job);
    expect(await queue.size('q9')).toBe(1);
    await queue.remove('q9', 'm-later');
  });

  it('hands each of many jobs to exactly one of several concurrent claimers', async () => {
    for (let i = 0; i < 30; i++) await queue.enqueue('q6', `j${i}`, { i }, past());
    const seen: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (;;) {
          const job = await queue.claim('q6', 60_000);
          if (!job) return;
          seen.push(job.key);
          await queue.ack('q6', job);
        }
      }),
    );
    expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `j${i}`).sort());
  });

  it('counts the jobs of each queue, and those due that nobody runs yet, in one call', async () => {
    await queue.enqueue('c1', 'c1:due-1', {}, past());
    await queue.enqueue('c1', 'c1:due-2', {}, past());
    await queue.enqueue('c1', 'c1:later', {}, new Date(Date.now() + 60_000));
    await queue.enqueue('c2', 'c2:running', {}, past());
    await queue.claim('c2', 60_000);
    expect(await queue.counts(['c1', 'c2', 'empty'], new Date())).toEqual([
      { total: 3, due: 2 },
      { total: 1, due: 0 },
      { total: 0, due: 0 },
    ]);
  });
});
