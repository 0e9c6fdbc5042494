import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch {
    return false;
  }
}

async function probePostgres() {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  await client.end();
}

async function probeRedis() {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/**
 * Whether PostgreSQL and Redis are here. Without them the service-backed tests are skipped with a
 * message, except under CI=true, where their absence fails the run.
 */
export const servicesAvailable = (await reachable(probePostgres)) && (await reachable(probeRedis));
if (!servicesAvailable) {
  if (process.env.CI === 'true')
    throw new Error('CI=true but PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is not reachable');
  console.warn('PostgreSQL or Redis not reachable: skipping the services-mode tests');
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function postgresUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Ends a pg pool and waits until each of its connections is closed. `pool.end()` resolves once the last client
 * is handed back, before the sockets close; a `DROP DATABASE ... WITH (FORCE)` right after can still terminate
 * such a backend, and the pool re-emits its error, an uncaught exception where nobody listens.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed =
    open === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          pool.on('remove', () => {
            open -= 1;
            if (open === 0) resolve();
          });
        });
  await pool.end();
  await closed;
}

/** Drops test databases (forcing out leftover connections). */
export async function dropDatabases(...names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function flushRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function tempDir(prefix = 'countersign-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The database a PostgreSQL URL points at. */
export function databaseOf(url: string): string {
  return new URL(url).pathname.slice(1);
}

/** A real outage: PostgreSQL refuses new connections to the database and drops the open ones (or lets them in). */
export async function setReachable(database: string, reachable: boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS ${reachable}`);
    if (!reachable)
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
  } finally {
    await admin.end();
  }
}
