import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EraseContactDocument, SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { JOB_KINDS } from '../../src/jobs/kinds.js';
import { ApproveDraftMutation, SetCustomerStatusMutation } from '../support/documents.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { eventually, type Mode, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { databaseOf, PG_ADMIN_URL, postgresUrl, REDIS_URL, servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

interface Queryable {
  $queryRawUnsafe<T = unknown>(query: string): Promise<T>;
}

/**
 * Every text, uuid, array and JSON column of every table that mentions any needle:
 * `table.column` for each hit. Nothing is left out but Prisma's own migration table.
 */
async function scanDatabase(db: Queryable, needles: string[]): Promise<string[]> {
  const columns = await db.$queryRawUnsafe<Array<{ table_name: string; column_name: string }>>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       AND data_type IN ('text', 'character varying', 'uuid', 'json', 'jsonb', 'ARRAY')`,
  );
  const like = needles.map((n) => `"%s"::text ILIKE '%${n.replaceAll("'", "''")}%'`);
  const hits: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const where = like.map((l) => l.replace('%s', column)).join(' OR ');
    const [row] = await db.$queryRawUnsafe<Array<{ n: bigint | number }>>(
      `SELECT count(*) AS n FROM "${table}" WHERE ${where}`,
    );
    if (Number(row?.n ?? 0) > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}

/** Every key under the deployment's prefix whose name or value mentions any needle. */
async function scanRedis(prefix: string, needles: string[]): Promise<string[]> {
  const redis = new Redis(REDIS_URL);
  const hits: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? JSON.stringify(await redis.hgetall(key))
              : type === 'zset'
                ? JSON.stringify(await redis.zrange(key, 0, -1))
                : type === 'list'
                  ? JSON.stringify(await redis.lrange(key, 0, -1))
                  : type === 'set'
                    ? JSON.stringify(await redis.smembers(key))
                    : '';
        const text = `${key} ${value ?? ''}`.toLowerCase();
        if (needles.some((n) => text.includes(n.toLowerCase()))) hits.push(key);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return hits;
}

/** Everything the deployment stores that mentions the person: both databases, the queue, and Redis. */
async function residue(t: TestApp, env: Record<string, string>, needles: string[]) {
  return {
    analytics: await scanDatabase(t.app.core.analytics, needles),
    rapport: await scanDatabase(t.app.core.rapport, needles),
    redis: env.REDIS_PREFIX ? await scanRedis(env.REDIS_PREFIX, needles) : [],
  };
}

const NOTHING = { analytics: [], rapport: [], redis: [] };

/** The ids and words that identify the person: the contact, their drafts, bubbles and messages, their name. */
async function needlesFor(t: TestApp, contactId: string, words: string[]) {
  const { analytics } = t.app.core;
  const drafts = await analytics.draft.findMany({ where: { contactId }, select: { id: true } });
  const messages = await analytics.message.findMany({ where: { contactId }, select: { id: true } });
  const bubbles = await analytics.outboxBubble.findMany({
    where: { draftId: { in: drafts.map((d) => d.id) } },
    select: { id: true },
  });
  expect(drafts.length).toBeGreaterThan(0);
  expect(messages.length).toBeGreaterThan(1);
  return [contactId, ...drafts.map((d) => d.id), ...messages.map((m) => m.id), ...bubbles.map((b) => b.id), ...words];
}

async function queuedJobs(t: TestApp) {
  let total = 0;
  for (const kind of JOB_KINDS) total += await t.app.core.jobs.size(kind);
  return total;
}

async function pendingDraft(t: TestApp, admin: TestClient, telegramUserId: string, firstName: string, text: string) {
  await admin.execute(SandboxSendDocument, { input: { telegramUserId, text, firstName } });
  return eventually(
    () => t.app.core.analytics.draft.findFirst({ where: { contact: { telegramUserId }, status: 'PENDING' } }),
    20_000,
    'a pending draft',
  );
}

async function expectOneAnonymousEraseLine(t: TestApp) {
  const lines = await t.app.core.analytics.auditEntry.findMany({ where: { action: 'contact.erase' } });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ subjectId: null, detail: { drafts: 1, messages: 2 } });
}

describe.each(modes)('GDPR erase of a person mid-pipeline leaves nothing about them (%s mode)', (mode) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let t: TestApp | null = null;
  beforeAll(async () => {
    const m = await modeEnv(mode);
    env = m.env;
    cleanup = m.cleanup;
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  async function restart(roles: string) {
    await t?.stop();
    t = await startApp({ ...env, ROLES: roles });
    return { t, admin: t.as(await t.login()) };
  }

  it('approved and delivered, memory write still queued: erase, then the pipeline runs on', async () => {
    const first = await restart('api,worker,gateway');
    const draft = await pendingDraft(first.t, first.admin, '918273645501', 'Zephyrine Quillfeather', 'Call me!');
    const override = await first.admin.execute(SetCustomerStatusMutation, {
      input: { contactId: draft.contactId, status: 'CHURNED', reason: 'Quillfeather asked for a refund' },
    });
    expect(expectTypename(override.data?.setCustomerStatus, 'SetCustomerStatusSuccess').newStatus).toBe('CHURNED');

    // No worker: the approved reply is delivered, and its memory write waits in the queue.
    const { t: desk, admin } = await restart('api,gateway');
    const approved = await admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Of course, Zephyrine.'], claim: true },
    });
    expect(approved.data?.approveDraft.__typename).toBe('ApproveDraftSuccess');
    await eventually(async () => (await desk.app.core.jobs.size('remember')) === 1, 15_000, 'the queued memory write');
    expect(await desk.app.core.analytics.message.count({ where: { contactId: draft.contactId } })).toBe(2);

    const needles = await needlesFor(desk, draft.contactId, ['918273645501', 'Zephyrine', 'Quillfeather']);
    const erased = await admin.execute(EraseContactDocument, { id: draft.contactId });
    expect(erased.data?.eraseContact).toMatchObject({ erasedDrafts: 1, erasedMessages: 2 });
    expect(await residue(desk, env, needles)).toEqual(NOTHING);

    // Every role again: whatever was still queued runs now.
    const { t: after } = await restart('api,worker,gateway');
    await eventually(async () => (await queuedJobs(after)) === 0, 20_000, 'the queues to drain');
    expect(await residue(after, env, needles)).toEqual(NOTHING);
    await expectOneAnonymousEraseLine(after);
  }, 120_000);
});

/** Backends of a database that wait for a lock held by another transaction. */
async function waitingOnLocks(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
      [database],
    );
    return rows[0].n as number;
  } finally {
    await admin.end();
  }
}

describe.skipIf(!servicesAvailable)('GDPR erase racing a memory write in flight (services mode)', () => {
  let t: TestApp;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const m = await modeEnv('services');
    env = m.env;
    cleanup = m.cleanup;
    t = await startApp(env);
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  it('the memory write either finishes before the erase or writes nothing', async () => {
    const admin = t.as(await t.login());
    const rapportDb = databaseOf(env.RAPPORT_DATABASE_URL!);
    const analyticsDb = databaseOf(env.DATABASE_URL!);
    const draft = await pendingDraft(t, admin, '918273645502', 'Zephyrine Quillfeather', 'Call me!');

    // The turn's profile extraction has made the person's profile row; let it finish first.
    await eventually(
      async () => (await t.app.core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id } })).extractedAt,
      15_000,
      'the profile extraction',
    );
    // Another rapport transaction holds the person's profile row uncommitted: the memory write waits on it.
    const blocker = new pg.Client({ connectionString: postgresUrl(rapportDb) });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO "UserProfile" ("contactId", "displayName", "updatedAt") VALUES ($1, 'someone', now())
         ON CONFLICT ("contactId") DO UPDATE SET "displayName" = 'someone'`,
        [draft.contactId],
      );
      const approved = await admin.execute(ApproveDraftMutation, {
        input: { draftId: draft.id, bubbles: ['Of course, Zephyrine.'], claim: true },
      });
      expect(approved.data?.approveDraft.__typename).toBe('ApproveDraftSuccess');
      await eventually(async () => (await waitingOnLocks(rapportDb)) > 0, 15_000, 'the memory write in flight');

      const needles = await needlesFor(t, draft.contactId, ['918273645502', 'Zephyrine', 'Quillfeather']);
      let settled = false;
      const erase = admin.execute(EraseContactDocument, { id: draft.contactId }).finally(() => {
        settled = true;
      });
      // The erase either completes or waits for the memory write in flight.
      await eventually(async () => settled || (await waitingOnLocks(analyticsDb)) > 0, 15_000, 'the erase');
      await blocker.query('ROLLBACK');
      expect((await erase).data?.eraseContact).toMatchObject({ erasedDrafts: 1, erasedMessages: 2 });

      await eventually(async () => (await queuedJobs(t)) === 0, 20_000, 'the queues to drain');
      expect(await residue(t, env, needles)).toEqual(NOTHING);
      await expectOneAnonymousEraseLine(t);
    } finally {
      await blocker.end();
    }
  }, 90_000);
});
