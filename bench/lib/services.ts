import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Two scratch databases and a Redis prefix for one server under test; `drop` removes all three. */
export async function scratch(label: string) {
  const tag = `${label}_${randomBytes(3).toString('hex')}`;
  const analytics = `cs_bench_${tag}_a`;
  const rapport = `cs_bench_${tag}_r`;
  const prefix = `csbench${tag}`;
  return {
    analytics,
    rapport,
    prefix,
    env: {
      DATABASE_URL: databaseUrl(analytics),
      RAPPORT_DATABASE_URL: databaseUrl(rapport),
      REDIS_URL,
      REDIS_PREFIX: prefix,
    },
    async drop() {
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      for (const name of [analytics, rapport]) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      const redis = new Redis(REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}

/** Committed transactions of one database so far (pg_stat_database, flushed before reading). */
export async function committedTransactions(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: databaseUrl(database) });
  await admin.connect();
  try {
    await admin.query('SELECT pg_stat_force_next_flush()');
    const { rows } = await admin.query<{ n: string }>(
      'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1',
      [database],
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await admin.end();
  }
}
