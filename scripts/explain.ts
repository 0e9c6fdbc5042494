/**
 * `pnpm db:explain`: the query plans of the hot paths at production scale. Seeds a scratch PostgreSQL
 * database (100,000 contacts, 300,000 drafts, 1,000,000 messages by default), runs the same Prisma
 * calls the server makes while capturing their SQL, and prints EXPLAIN (ANALYZE, BUFFERS) for each.
 *
 *   DATABASE_ADMIN_URL  a PostgreSQL server to create the scratch database on (default: local, user postgres)
 *   CONTACTS            contacts to seed (default 100000; 10 messages and 3 drafts each)
 *   --keep              keep the scratch database afterwards (its name is printed)
 *   --compare           also plan each query without the hot-path indexes (migration hot_path_indexes undone
 *                       inside the same rolled-back transaction), so before and after come from one seed
 */
import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { applyMigrations, migrationsDir, pgExecutor } from '../server/src/adapters/db/migrate.js';
import { searchContactIds } from '../server/src/contacts/search.js';
import type { Core } from '../server/src/core.js';
import { AnalyticsClient } from '../server/src/db.js';
import { NEEDS_ATTENTION, QUEUE_ORDER } from '../server/src/review/order.js';

const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const CONTACTS = Number(process.env.CONTACTS ?? 100_000);
const keep = process.argv.includes('--keep');
const compare = process.argv.includes('--compare');

/** Undoes migration 20261125100031_hot_path_indexes; DDL is transactional, so a ROLLBACK restores it. */
const WITHOUT_HOT_PATH_INDEXES = `
DROP INDEX "Contact_updatedAt_id_idx";
DROP INDEX "Contact_customerStatus_updatedAt_id_idx";
DROP INDEX "Message_draftId_direction_contactId_idx";
CREATE INDEX "Contact_customerStatus_idx" ON "Contact"("customerStatus");
`;

const name = `cs_explain_${randomBytes(3).toString('hex')}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;

/** Contacts with 10 messages each (5 in, 5 out) and 3 drafts; one person in 200 has a message waiting. */
const SEED = `
CREATE TEMP TABLE c AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${CONTACTS}) n;
INSERT INTO "Contact" ("id", "account", "telegramUserId", "displayName", "customerStatus", "createdAt", "updatedAt")
SELECT id, 'sandbox', n::text, 'Person ' || n,
  (ARRAY['PROSPECT','PROSPECT','PROSPECT','PROSPECT','LEAD_QUALIFIED','CUSTOMER','CUSTOMER','CHURNED','LEAD_EXHAUSTED','PROSPECT'])[1 + n % 10]::"CustomerStatus",
  now() - (n % 365) * interval '1 day', now() - ((n * 7919) % 525600) * interval '1 minute'
FROM c;

CREATE TEMP TABLE d AS SELECT c.n AS cn, c.id AS contact, k, gen_random_uuid() AS id,
  now() - ((c.n * 7919) % 525600) * interval '1 minute' + k * interval '1 hour' AS at
FROM c, generate_series(1, 3) k;
INSERT INTO "Draft" ("id", "contactId", "status", "inboundText", "bubbles", "finalBubbles", "editTags", "previousEdit",
  "priority", "queueAt", "createdAt", "updatedAt")
SELECT id, contact,
  (CASE
    WHEN k = 3 AND cn % 400 = 0 THEN 'PENDING'
    WHEN k = 3 AND cn % 4000 = 1 THEN 'CLAIMED'
    WHEN k = 3 AND cn % 10000 = 2 THEN 'FAILED'
    WHEN k = 3 AND cn % 20000 = 3 THEN 'GENERATING'
    WHEN (cn + k) % 7 = 0 THEN 'SUPERSEDED'
    WHEN (cn + k) % 20 = 0 THEN 'REJECTED'
    ELSE 'APPROVED' END)::"DraftStatus",
  'message text', ARRAY['a reply'], ARRAY['a reply'], '{}', '{}',
  CASE WHEN cn % 5000 = 4 AND k = 3 THEN 1 ELSE 0 END, at, at, at
FROM d;

INSERT INTO "Message" ("id", "contactId", "account", "chatId", "direction", "telegramMessageId", "text",
  "sentAt", "createdAt", "bufferedAt", "draftId", "sourceDraftId", "bubbleIndex")
SELECT gen_random_uuid(), c.id, 'sandbox', c.n::text,
  (CASE WHEN m % 2 = 1 THEN 'INBOUND' ELSE 'OUTBOUND' END)::"MessageDirection",
  c.n || '-' || m, 'message ' || m,
  d.at + m * interval '1 minute', d.at + m * interval '1 minute', d.at + m * interval '1 minute',
  CASE WHEN m % 2 = 1 AND NOT (m = 9 AND c.n % 200 = 0) THEN d.id END,
  CASE WHEN m % 2 = 0 THEN d.id END,
  CASE WHEN m % 2 = 0 THEN 0 END
FROM c CROSS JOIN generate_series(0, 9) m JOIN d ON d.cn = c.n AND d.k = 1 + m / 4;

-- One long conversation: a person who has written to the account for years.
INSERT INTO "Message" ("id", "contactId", "account", "chatId", "direction", "telegramMessageId", "text",
  "sentAt", "createdAt", "bufferedAt", "draftId")
SELECT gen_random_uuid(), c.id, 'sandbox', c.n::text, 'INBOUND', 'long-' || m, 'message ' || m,
  now() - m * interval '1 hour', now() - m * interval '1 hour', now() - m * interval '1 hour', d.id
FROM c JOIN d ON d.cn = c.n AND d.k = 1 CROSS JOIN generate_series(1, 20000) m WHERE c.n = 1;
-- A word few people wrote: what a search of the messages looks for.
UPDATE "Message" SET "text" = 'Happy birthday to my sister' WHERE "id" IN (
  SELECT "id" FROM "Message" WHERE "direction" = 'INBOUND' ORDER BY "id" LIMIT 40);
ANALYZE;
`;

const ROLLBACK = new Error('rolled back on purpose');
/** Runs a write and undoes it, so every plan is taken on the same data. */
async function rolledBack(write: () => Promise<unknown>): Promise<void> {
  await write().catch((error) => {
    if (error !== ROLLBACK) throw error;
  });
}

interface Captured {
  query: string;
  params: unknown[];
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  try {
    const migrator = await pool.connect();
    await applyMigrations(pgExecutor(migrator), migrationsDir('analytics'), () => {});
    const started = Date.now();
    await migrator.query(SEED);
    // As autovacuum would have by then: the bulk insert left the full-text indexes' pending lists unmerged.
    await migrator.query('VACUUM ANALYZE "Contact", "Message"');
    migrator.release();
    const counts = await pool.query(
      `SELECT (SELECT count(*) FROM "Contact") AS contacts, (SELECT count(*) FROM "Draft") AS drafts,
              (SELECT count(*) FROM "Message") AS messages`,
    );
    const row = counts.rows[0] as Record<string, string>;
    console.log(
      `# ${name}: ${row.contacts} contacts, ${row.drafts} drafts, ${row.messages} messages ` +
        `(seeded in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );

    const db = new AnalyticsClient({ adapter: new PrismaPg(pool), log: [{ emit: 'event', level: 'query' }] });
    let captured: Captured[] = [];
    db.$on('query', (e) => captured.push({ query: e.query, params: JSON.parse(e.params) as unknown[] }));
    const sample = await db.contact.findFirstOrThrow({ where: { telegramUserId: String(Math.floor(CONTACTS / 2)) } });
    const longest = await db.contact.findFirstOrThrow({ where: { telegramUserId: '1' } });
    const drafts = await db.draft.findMany({ where: { contactId: sample.id }, select: { id: true } });

    // The same calls the server makes on its hot paths (see the module named beside each).
    const HOT: Array<[string, () => Promise<unknown>]> = [
      [
        'review queue, first page (graphql/schema/draft.ts reviewQueue)',
        () => db.draft.findMany({ where: NEEDS_ATTENTION, orderBy: QUEUE_ORDER, take: 51 }),
      ],
      [
        'reconcile: people with buffered messages (intake/debounce.ts reconcileBuffers)',
        () => db.message.groupBy({ by: ['contactId'], where: { direction: 'INBOUND', draftId: null } }),
      ],
      [
        'one person’s buffer, on every inbound message (intake/debounce.ts bufferState)',
        () =>
          db.message.aggregate({
            where: { contactId: sample.id, direction: 'INBOUND', draftId: null },
            _count: { _all: true },
            _min: { bufferedAt: true },
            _max: { bufferedAt: true },
          }),
      ],
      [
        'contacts, most recently updated first (graphql/schema/contact.ts contacts)',
        () => db.contact.findMany({ orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], take: 51 }),
      ],
      [
        'contact search as typed, name and id (contacts/search.ts searchContactIds, "person 4242")',
        () => searchContactIds({ analytics: db } as unknown as Core, { search: 'person 4242', take: 51 }),
      ],
      [
        'contact search, a Telegram id (also a word prefix) (contacts/search.ts, "50000")',
        () => searchContactIds({ analytics: db } as unknown as Core, { search: '50000', take: 51 }),
      ],
      [
        'contact search, a word of a long conversation (contacts/search.ts, "birthday")',
        () => searchContactIds({ analytics: db } as unknown as Core, { search: 'birthday', take: 51 }),
      ],
      [
        'supersede: return a draft’s messages to the buffer (intake/supersede.ts)',
        () =>
          rolledBack(() =>
            db.$transaction((tx) =>
              tx.message
                .updateMany({
                  where: { draftId: { in: drafts.map((d) => d.id) } },
                  data: { draftId: null, bufferedAt: new Date() },
                })
                .then(() => Promise.reject(ROLLBACK)),
            ),
          ),
      ],
      [
        'the latest of 20,000 messages of one person (Contact.messages, last: 50)',
        () =>
          db.message.findMany({
            where: { contactId: longest.id },
            orderBy: [{ sentAt: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
            take: 51,
          }),
      ],
    ];
    for (const [title, run] of HOT) {
      captured = [];
      await run();
      const main = captured.filter((c) => /^\s*(SELECT|UPDATE|INSERT|DELETE)/i.test(c.query)).at(-1);
      if (!main) throw new Error(`no SQL captured for ${title}`);
      // A write is explained inside a transaction that is rolled back, so every query sees the same data.
      const explain = async (setup?: string) => {
        const client = await pool.connect();
        await client.query('BEGIN');
        if (setup) await client.query(setup);
        const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${main.query}`, main.params);
        await client.query('ROLLBACK');
        client.release();
        const lines = plan.rows.map((r: Record<string, string>) => String(r['QUERY PLAN']));
        const time = (lines.find((l) => l.startsWith('Execution Time')) ?? '').replace('Execution Time: ', '');
        return { time, text: lines.join('\n') };
      };
      if (compare) {
        const before = await explain(WITHOUT_HOT_PATH_INDEXES);
        console.log(`## ${title}, without the hot-path indexes: ${before.time}\n\`\`\`\n${before.text}\n\`\`\`\n`);
      }
      const after = await explain();
      console.log(`## ${title}: ${after.time}\n\`\`\`\n${after.text}\n\`\`\`\n`);
    }
    await db.$disconnect();
  } finally {
    await pool.end().catch(() => {});
    if (keep) console.log(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
