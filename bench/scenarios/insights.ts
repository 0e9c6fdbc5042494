import pg from 'pg';
import { gql } from '../lib/gql.js';
import type { ServerProcess } from '../lib/server.js';
import { databaseUrl } from '../lib/services.js';
import { type Summary, summarise } from '../lib/stats.js';

const DAYS = 90;

/**
 * Writes `drafts` decided drafts spread evenly over the last 90 days straight into the analytics database (a
 * fifth rejected, a third of the approved ones edited; 10 reviewers; one or two inbound messages and two LLM
 * calls per draft; a status change and a payment for every tenth), as years of use would leave them.
 */
export async function seedDecisions(analyticsDb: string, drafts: number): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl(analyticsDb) });
  await db.connect();
  try {
    await writeDecisions((sql, params) => db.query(sql, params), drafts);
  } finally {
    await db.end();
  }
}

/** The statements of seedDecisions, through any `query` (pg, or PGlite for the embedded mode). */
export async function writeDecisions(
  query: (sql: string, params?: unknown[]) => Promise<unknown>,
  drafts: number,
): Promise<void> {
  const db = { query };
  const contacts = Math.max(1, Math.floor(drafts / 10));
  const step = (DAYS * 86_400) / drafts;
  await db.query('BEGIN');
  await db.query(`CREATE TEMP TABLE bench_reviewer ON COMMIT DROP AS
    SELECT n, gen_random_uuid() AS id FROM generate_series(0, 9) n`);
  await db.query(`
    INSERT INTO "Reviewer" (id, email, "displayName", "passwordHash", role)
    SELECT id, 'insights-' || n || '@bench.example', 'Reviewer ' || n, 'x', 'REVIEWER' FROM bench_reviewer`);
  await db.query(
    `CREATE TEMP TABLE bench_contact ON COMMIT DROP AS
     SELECT n, gen_random_uuid() AS id FROM generate_series(0, $1::int - 1) n`,
    [contacts],
  );
  await db.query(`
    INSERT INTO "Contact" (id, account, "telegramUserId", "displayName", "customerStatus", "ltvTotal", "updatedAt")
    SELECT id, 'bench-insights', 'i' || n, 'Person ' || n,
      (ARRAY['PROSPECT','LEAD_QUALIFIED','CUSTOMER','CHURNED','LEAD_EXHAUSTED'])[1 + n % 5]::"CustomerStatus",
      (n % 7) * 10, now()
    FROM bench_contact`);
  await db.query(
    `INSERT INTO "Draft" (id, "contactId", status, "inboundText", bubbles, "finalBubbles", "drafter", "queueAt",
       "createdAt", "updatedAt", "pendingAt", "claimedAt", "claimedById", "reviewedAt", "reviewedById", "editDistance")
     SELECT gen_random_uuid(), c.id, CASE WHEN i % 5 = 0 THEN 'REJECTED' ELSE 'APPROVED' END::"DraftStatus",
       'Hello, is it open ' || i, ARRAY['Yes, we are open until six today.'],
       CASE WHEN i % 5 = 0 THEN ARRAY[]::text[] WHEN i % 3 = 0 THEN ARRAY['Yes! Open until 6 pm today.']
            ELSE ARRAY['Yes, we are open until six today.'] END,
       'bench', t, t, t, t + interval '8 seconds', t + interval '20 seconds' + (i % 40) * interval '1 second', r.id,
       t + interval '60 seconds' + (i % 90) * interval '1 second', r.id,
       CASE WHEN i % 5 = 0 THEN NULL WHEN i % 3 = 0 THEN 0.4 ELSE 0 END
     FROM generate_series(1, $1::int) i
     CROSS JOIN LATERAL (SELECT now() - (i * $2::float8) * interval '1 second' AS t) x
     JOIN bench_contact c ON c.n = i % $3::int
     JOIN bench_reviewer r ON r.n = i % 10`,
    [drafts, step, contacts],
  );
  await db.query(`
    INSERT INTO "Message" (id, "contactId", account, "chatId", direction, text, "sentAt", "createdAt", "bufferedAt", "draftId")
    SELECT gen_random_uuid(), d."contactId", 'bench-insights', d."contactId"::text, 'INBOUND', d."inboundText",
      d."createdAt", d."createdAt", d."createdAt", d.id
    FROM "Draft" d CROSS JOIN generate_series(1, 1 + (hashtext(d.id::text) & 1)) k
    WHERE d.drafter = 'bench'`);
  await db.query(`
    INSERT INTO "LlmCall" (id, "draftId", stage, model, "inputTokens", "outputTokens", "costUsd", "createdAt")
    SELECT gen_random_uuid(), d.id, s.stage, 'gpt-4o-mini', 900, 120, 0.000207, d."createdAt"
    FROM "Draft" d CROSS JOIN (VALUES ('draft'), ('refine')) s(stage) WHERE d.drafter = 'bench'`);
  await db.query(`
    INSERT INTO "StatusChange" (id, "contactId", "fromStatus", "toStatus", "reviewerId", "draftId", "createdAt")
    SELECT gen_random_uuid(), d."contactId", 'PROSPECT', 'CUSTOMER', d."reviewedById", d.id, d."reviewedAt"
    FROM "Draft" d WHERE d.drafter = 'bench' AND d.status = 'APPROVED' AND hashtext(d.id::text) % 10 = 0`);
  await db.query(`
    INSERT INTO "LtvPayment" (id, "contactId", amount, "reviewerId", "draftId", "createdAt")
    SELECT gen_random_uuid(), s."contactId", 49.90, s."reviewerId", s."draftId", s."createdAt"
    FROM "StatusChange" s`);
  await db.query('COMMIT');
  await db.query('ANALYZE');
}

const REVIEW_STATS = `query BenchReviewStats($from: DateTime, $to: DateTime) {
  reviewStats(from: $from, to: $to) {
    decided approved rejected approvalRate editedShare meanEditDistance medianReviewSeconds p90ReviewSeconds
    medianWaitSeconds llmCalls llmTokens llmCostUsd messagesPerDraft
    byReviewer { reviewer { id } decided approved medianReviewSeconds llmCostUsd }
    daily { day approved rejected edited medianReviewSeconds llmCostUsd }
  }
}`;

const FUNNEL_STATS = `query BenchFunnelStats($from: DateTime, $to: DateTime) {
  funnelStats(from: $from, to: $to) {
    byStatus { status contacts } transitions { from to count } ltvAdded ltvTotal daily { day newCustomers ltvAdded }
  }
}`;

/**
 * reviewStats and funnelStats over the last 90 days, one request at a time, `rounds` times each after a first
 * request (which sums the settled days of reviewStats, once) that is reported apart.
 */
export async function insightsQueries(
  ctx: { server: ServerProcess; token: string },
  rounds: number,
): Promise<{ first: number; reviewStats: Summary; funnelStats: Summary; decided: number }> {
  const to = new Date();
  const variables = { from: new Date(to.getTime() - DAYS * 86_400_000).toISOString(), to: to.toISOString() };
  const time = async (query: string) => {
    const samples: number[] = [];
    let data: unknown;
    for (let i = 0; i < rounds + 1; i++) {
      const started = performance.now();
      data = await gql(ctx.server.url, query, variables, ctx.token);
      samples.push(performance.now() - started);
    }
    return { first: samples[0]!, summary: summarise(samples.slice(1)), data };
  };
  const review = await time(REVIEW_STATS);
  const funnel = await time(FUNNEL_STATS);
  const decided = (review.data as { reviewStats: { decided: number } }).reviewStats.decided;
  return { first: review.first, reviewStats: review.summary, funnelStats: funnel.summary, decided };
}
