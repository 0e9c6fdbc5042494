import { randomBytes, randomUUID } from 'node:crypto';
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

/** Bytes Redis holds for one prefix: MEMORY USAGE (every element counted: SAMPLES 0) summed over its keys. */
export async function redisBytes(prefix: string): Promise<{ bytes: number; keys: number }> {
  const redis = new Redis(REDIS_URL);
  try {
    let bytes = 0;
    let keys = 0;
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (batch.length === 0) continue;
      const pipeline = redis.pipeline();
      for (const key of batch) pipeline.memory('USAGE', key, 'SAMPLES', 0);
      for (const [error, usage] of (await pipeline.exec()) ?? []) {
        // A key that expired between SCAN and MEMORY USAGE answers null.
        if (!error && typeof usage === 'number') {
          bytes += usage;
          keys++;
        }
      }
    } while (cursor !== '0');
    return { bytes, keys };
  } finally {
    redis.disconnect();
  }
}

/** The least a person can cost in Redis: one key holding a uuid, per person; bytes for `people` of them. */
export async function redisKeyFloor(people: number): Promise<number> {
  const prefix = `csbench_keyfloor_${randomBytes(3).toString('hex')}`;
  const redis = new Redis(REDIS_URL);
  try {
    const pipeline = redis.pipeline();
    for (let i = 0; i < people; i++) pipeline.set(`${prefix}:${i}`, randomUUID());
    await pipeline.exec();
    return (await redisBytes(prefix)).bytes;
  } finally {
    const keys = Array.from({ length: people }, (_, i) => `${prefix}:${i}`);
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
    redis.disconnect();
  }
}

/** One query on a scratch database, on a connection of its own. */
export async function query<R extends pg.QueryResultRow>(database: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
