/**
 * Applies Prisma migration folders without Prisma's native schema engine, keeping Prisma's own
 * `_prisma_migrations` bookkeeping so that `prisma migrate deploy/status/resolve` keep working
 * on the same database wherever the native engine is available.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export interface SqlExecutor {
  // biome-ignore lint/suspicious/noExplicitAny: a row's shape is set by the SQL text, as in pg and PGlite.
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
  exec(sql: string): Promise<void>;
  /** Runs `fn` on one dedicated connection; pools need it because locks and transactions are per connection. */
  withConnection?<T>(fn: (conn: SqlExecutor) => Promise<T>): Promise<T>;
}

export type SchemaName = 'analytics' | 'rapport';

interface Migration {
  name: string;
  sql: string;
  checksum: string;
  /** Prisma also accepts the checksum of the script with CRLF turned into LF (checkouts with autocrlf). */
  lfChecksum: string;
}

// The key Prisma Migrate itself locks, so this and `prisma migrate deploy` also exclude each other.
const PRISMA_MIGRATE_LOCK = 72707369;

// Prisma's own DDL for PostgreSQL, column for column.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export function migrationsDir(schema: SchemaName): string {
  return path.join(repoRoot, 'prisma', schema, 'migrations');
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: sha256(sql), lfChecksum: sha256(sql.replaceAll('\r\n', '\n')) };
    }),
  );
}

/** Applies the pending migrations of `dir` in name order, each in its own transaction; returns their names. */
export async function applyMigrations(
  db: SqlExecutor,
  dir: string,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const onOneConnection = db.withConnection?.bind(db) ?? (<T>(fn: (c: SqlExecutor) => Promise<T>) => fn(db));
  return onOneConnection(async (conn) => {
    await conn.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    try {
      await conn.exec(CREATE_MIGRATIONS_TABLE);
      const { rows } = await conn.query(
        `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "logs"
           FROM "_prisma_migrations" ORDER BY "started_at"`,
      );
      const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed) {
        throw new Error(
          `Migration ${failed.migration_name} failed earlier and is not resolved:\n${failed.logs ?? '(no logs)'}\n` +
            `Fix the database by hand, then mark it rolled back: ` +
            `UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = '${failed.migration_name}' ` +
            `AND "finished_at" IS NULL (or \`prisma migrate resolve --rolled-back ${failed.migration_name}\`).`,
        );
      }
      const applied = new Map<string, string>(
        rows
          .filter((r) => r.finished_at !== null && r.rolled_back_at === null)
          .map((r) => [r.migration_name, r.checksum]),
      );
      for (const m of migrations) {
        const checksum = applied.get(m.name);
        if (checksum !== undefined && checksum !== m.checksum && checksum !== m.lfChecksum) {
          throw new Error(
            `Migration ${m.name} was modified after it was applied (checksum ${checksum} in the database, ` +
              `${m.checksum} on disk). Applied migrations must not change: add a new migration instead.`,
          );
        }
      }
      const done: string[] = [];
      for (const m of migrations.filter((m) => !applied.has(m.name))) {
        await applyOne(conn, m);
        log(`applied ${m.name}`);
        done.push(m.name);
      }
      return done;
    } finally {
      await conn.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => {});
    }
  });
}

async function applyOne(conn: SqlExecutor, m: Migration): Promise<void> {
  const id = randomUUID();
  await conn.exec('BEGIN');
  try {
    await conn.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count")
       VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, m.checksum, m.name],
    );
    await conn.exec(m.sql);
    await conn.query(
      `UPDATE "_prisma_migrations" SET "applied_steps_count" = 1, "finished_at" = clock_timestamp() WHERE "id" = $1`,
      [id],
    );
    await conn.exec('COMMIT');
  } catch (error) {
    await conn.exec('ROLLBACK').catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    // Record the failure the way Prisma does (finished_at NULL), so later runs refuse until it is resolved.
    await conn
      .query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "logs", "started_at", "applied_steps_count")
         VALUES ($1, $2, $3, $4, clock_timestamp(), 0)`,
        [id, m.checksum, m.name, message],
      )
      .catch(() => {});
    throw new Error(`Migration ${m.name} failed and was rolled back: ${message}`, { cause: error });
  }
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    query: async (sql, params) => ({ rows: (await db.query(sql, params)).rows }),
    exec: async (sql) => {
      await db.exec(sql);
    },
  };
}

function clientExecutor(client: pg.ClientBase): SqlExecutor {
  return {
    query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows }),
    exec: async (sql) => {
      await client.query(sql);
    },
  };
}

export function pgExecutor(client: pg.Client | pg.Pool): SqlExecutor {
  if (!('idleCount' in client)) return clientExecutor(client);
  const pool = client;
  return {
    query: async (sql, params) => ({ rows: (await pool.query(sql, params)).rows }),
    exec: async (sql) => {
      await pool.query(sql);
    },
    async withConnection(fn) {
      const conn = await pool.connect();
      try {
        return await fn(clientExecutor(conn));
      } finally {
        conn.release();
      }
    },
  };
}
