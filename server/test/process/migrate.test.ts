import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  migrationsDir,
  pgExecutor,
  pgliteExecutor,
  type SqlExecutor,
} from '../../src/adapters/db/migrate.js';
import { endPool } from '../support/services.js';

const SCHEMAS = ['analytics', 'rapport'] as const;
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function committedMigrations(dir: string) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      const tables = [...sql.matchAll(/CREATE TABLE "(\w+)"/g)].map((m) => m[1]);
      return { name, tables, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

async function tableNames(db: SqlExecutor): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** A throw-away migrations folder, for failures the committed migrations must never contain. */
function scratchMigrations(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cs-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  scratchDirs.push(dir);
  return dir;
}
const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function migrationSuite(open: () => Promise<SqlExecutor>) {
  it.each(SCHEMAS)(
    '%s: a fresh database gets every table and Prisma-compatible _prisma_migrations rows',
    async (schema) => {
      const db = await open();
      const expected = committedMigrations(migrationsDir(schema));
      expect(expected.length).toBeGreaterThan(0);

      const lines: string[] = [];
      const applied = await applyMigrations(db, migrationsDir(schema), (l) => lines.push(l));

      expect(applied).toEqual(expected.map((m) => m.name));
      expect(lines).toEqual(expected.map((m) => `applied ${m.name}`));
      expect(await tableNames(db)).toEqual(
        expect.arrayContaining(['_prisma_migrations', ...expected.flatMap((m) => m.tables)]),
      );
      const { rows } = await db.query(
        `SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count, started_at, id
         FROM _prisma_migrations ORDER BY started_at`,
      );
      expect(rows).toHaveLength(expected.length);
      rows.forEach((row, i) => {
        expect(row.migration_name).toBe(expected[i]!.name);
        expect(row.checksum).toBe(expected[i]!.checksum);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
        expect(row.rolled_back_at).toBeNull();
        expect(row.logs).toBeNull();
        expect(row.applied_steps_count).toBe(1);
        expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      });
    },
  );

  it('a second run applies nothing', async () => {
    const db = await open();
    const dir = migrationsDir('analytics');
    expect((await applyMigrations(db, dir)).length).toBeGreaterThan(0);
    const lines: string[] = [];
    expect(await applyMigrations(db, dir, (l) => lines.push(l))).toEqual([]);
    expect(lines).toEqual([]);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(rows[0].n).toBe(committedMigrations(dir).length);
  });

  it('refuses when an applied migration no longer matches its checksum', async () => {
    const db = await open();
    const dir = migrationsDir('rapport');
    await applyMigrations(db, dir);
    await db.query(`UPDATE _prisma_migrations SET checksum = $1`, ['0'.repeat(64)]);
    await expect(applyMigrations(db, dir)).rejects.toThrow(/was modified after it was applied/);
  });

  it('rolls a failing migration back, records it as failed, and refuses until it is resolved', async () => {
    const db = await open();
    const dir = scratchMigrations({
      '20000101000000_ok': 'CREATE TABLE "Ok" (id int);',
      '20000102000000_bad': 'CREATE TABLE "Half" (id int);\nINSERT INTO "Missing" VALUES (1);',
    });
    await expect(applyMigrations(db, dir)).rejects.toThrow(/20000102000000_bad failed and was rolled back/);
    expect(await tableNames(db)).toContain('Ok');
    expect(await tableNames(db)).not.toContain('Half');
    const { rows } = await db.query(`SELECT logs FROM _prisma_migrations WHERE finished_at IS NULL`);
    expect(rows).toHaveLength(1);
    expect(rows[0].logs).toMatch(/Missing/);

    await expect(applyMigrations(db, dir)).rejects.toThrow(/20000102000000_bad failed earlier/);

    await db.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL`);
    writeFileSync(path.join(dir, '20000102000000_bad', 'migration.sql'), 'CREATE TABLE "Half" (id int);');
    expect(await applyMigrations(db, dir)).toEqual(['20000102000000_bad']);
  });
}

describe('applyMigrations on PGlite', { timeout: 30_000 }, () => {
  const open: PGlite[] = [];
  afterAll(() => Promise.all(open.map((db) => db.close())));
  migrationSuite(async () => {
    const db = new PGlite();
    open.push(db);
    return pgliteExecutor(db);
  });
});

async function reachable(url: string): Promise<Error | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return undefined;
  } catch (e) {
    return e as Error;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgError = await reachable(ADMIN_URL);
const skipPostgres = pgError !== undefined && process.env.CI !== 'true';
if (skipPostgres) {
  console.warn(
    `Skipping the PostgreSQL migration tests: ${ADMIN_URL} is unreachable (${pgError.message}). Under CI=true they fail instead.`,
  );
}

describe.skipIf(skipPostgres)('applyMigrations on PostgreSQL', { timeout: 30_000 }, () => {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  const databases: string[] = [];
  const pools: pg.Pool[] = [];

  beforeAll(async () => {
    if (pgError) throw pgError;
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all(pools.map(endPool));
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  async function freshPool(): Promise<pg.Pool> {
    const name = `cs_migrate_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    databases.push(name);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 3 });
    pools.push(pool);
    return pool;
  }

  migrationSuite(async () => pgExecutor(await freshPool()));

  it('two processes migrating at once apply each migration exactly once', async () => {
    const pool = await freshPool();
    const other = new pg.Pool({ connectionString: pool.options.connectionString, max: 1 });
    pools.push(other);
    const dir = migrationsDir('analytics');
    const results = await Promise.all([
      applyMigrations(pgExecutor(pool), dir),
      applyMigrations(pgExecutor(other), dir),
    ]);
    expect(results.flat().sort()).toEqual(committedMigrations(dir).map((m) => m.name));
    const { rows } = await pool.query('SELECT migration_name FROM _prisma_migrations');
    expect(rows).toHaveLength(committedMigrations(dir).length);
  });

  it('works on a single pg.Client too', async () => {
    const pool = await freshPool();
    const client = new pg.Client({ connectionString: pool.options.connectionString });
    await client.connect();
    try {
      expect(await applyMigrations(pgExecutor(client), migrationsDir('rapport'))).toHaveLength(
        committedMigrations(migrationsDir('rapport')).length,
      );
    } finally {
      await client.end();
    }
  });
});
