import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { PrismaPGlite } from 'pglite-prisma-adapter';
import { AnalyticsClient, type Prisma, RapportClient } from '../../db.js';
import type { SqlRunner, SqlTransaction } from '../../ports.js';
import { applyMigrations, migrationsDir, pgExecutor, pgliteExecutor } from './migrate.js';

export type DatabaseTarget = { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };

export interface Databases {
  analytics: AnalyticsClient;
  /** The analytics database's hot statements, outside any transaction (SqlRunner). */
  sql: SqlRunner;
  /** A transaction of raw statements on the analytics database, straight on the driver. */
  sqlTransaction: SqlTransaction;
  /** A transaction of raw statements on the rapport database, straight on the driver (the memory write). */
  rapportTransaction: SqlTransaction;
  rapport: RapportClient;
  /** Cheap liveness probes used by the health report. */
  ping: { analytics(): Promise<void>; rapport(): Promise<void> };
  close(): Promise<void>;
}

async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** At most this many distinct statements are prepared once per connection; any others are parsed each time. */
export const MAX_NAMED_STATEMENTS = 300;

/**
 * Names for PostgreSQL prepared statements, one per distinct SQL text (adapter-pg's statementNameGenerator).
 * A named statement is parsed once per connection: later runs send only its parameters, and PostgreSQL
 * skips parsing and, once it judges a generic plan as good, planning. A text beyond the first `max` gets no
 * name (parsed each time), so a stream of one-off statements cannot fill the backends' memory.
 */
export function statementNames(max = MAX_NAMED_STATEMENTS): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < max) {
      name = `cs${names.size}`;
      names.set(sql, name);
    }
    return name;
  };
}

/** Prisma's adapter over a pg pool, naming its statements with `names` (statementNames). */
export function postgresAdapter(
  pool: pg.Pool,
  names: (query: { sql: string }) => string | undefined = statementNames(),
): PrismaPg {
  // adapter-pg hands the name to pg, where none (undefined) means an unnamed statement; its type says string.
  return new PrismaPg(pool, { statementNameGenerator: names as (query: { sql: string }) => string });
}

/** `timestamp` (without time zone) columns hold UTC, as Prisma writes them: pg would read them as local time. */
const utcTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const DIRECT_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.TIMESTAMP
      ? utcTimestamp
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

type Names = (query: { sql: string }) => string | undefined;

/**
 * SqlRunner on a pg pool or one of its clients, sharing the adapter's statement names (one name per text, so a
 * connection never holds two texts under one name). Dates are sent as UTC ISO strings, as the adapter writes them.
 */
export function directSql(db: pg.Pool | pg.PoolClient, names: Names): SqlRunner {
  return async <T>(statement: Prisma.Sql) => {
    const text = statement.text;
    const values = statement.values.map((v) => (v instanceof Date ? v.toISOString() : v));
    const result = await db.query({ name: names({ sql: text }), text, values, types: DIRECT_TYPES });
    return result.rows as T[];
  };
}

/** SqlTransaction on one client of a pg pool; a client whose rollback failed is discarded, not reused. */
export function directTransaction(pool: pg.Pool, names: Names): SqlTransaction {
  return async <T>(work: (sql: SqlRunner) => Promise<T>) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(directSql(client, names));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  };
}

/** Longest a PGlite transaction of raw statements may take (Prisma's interactive transactions stand in there). */
const EMBEDDED_TX_TIMEOUT_MS = 30_000;

/** What a Prisma client of either database offers for raw statements. */
interface RawPrisma {
  $queryRaw<T>(statement: Prisma.Sql): Promise<T>;
  $transaction<R>(
    work: (tx: { $queryRaw<T>(statement: Prisma.Sql): Promise<T> }) => Promise<R>,
    options: { timeout: number; maxWait: number },
  ): Promise<R>;
}

/**
 * Raw statements through Prisma, for PGlite: one connection in this process, so there is no pool to go round
 * the ORM by, and a second way to read rows would not be worth it.
 */
function viaPrisma(client: RawPrisma): { sql: SqlRunner; transaction: SqlTransaction } {
  return {
    sql: (statement) => client.$queryRaw(statement),
    transaction: (work) =>
      client.$transaction((tx) => work((statement) => tx.$queryRaw(statement)), {
        timeout: EMBEDDED_TX_TIMEOUT_MS,
        maxWait: EMBEDDED_TX_TIMEOUT_MS,
      }),
  };
}

interface Opened<C> {
  client: C;
  /** Raw statements straight on the pool (PostgreSQL); none for PGlite, where they go through Prisma. */
  direct: { sql: SqlRunner; transaction: SqlTransaction } | null;
  ping(): Promise<void>;
  close(): Promise<void>;
}

async function open<C>(
  schema: 'analytics' | 'rapport',
  target: DatabaseTarget,
  make: (adapter: PrismaPg | PrismaPGlite) => C,
  log: (line: string) => void,
): Promise<Opened<C>> {
  if (target.kind === 'pglite') {
    // Imported here so that services mode never loads PGlite.
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('pglite-prisma-adapter'),
    ]);
    mkdirSync(target.dir, { recursive: true });
    const db = await PGlite.create(target.dir);
    await applyMigrations(pgliteExecutor(db), migrationsDir(schema), log);
    return {
      client: make(new PrismaPGlite(db)),
      direct: null,
      ping: async () => void (await db.query('SELECT 1')),
      close: () => db.close(),
    };
  }
  await ensurePostgresDatabase(target.url);
  const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the health report shows the outage.
  pool.on('error', () => {});
  const migrator = await pool.connect();
  try {
    await applyMigrations(pgExecutor(migrator), migrationsDir(schema), log);
  } finally {
    migrator.release();
  }
  const names = statementNames();
  return {
    client: make(postgresAdapter(pool, names)),
    direct: { sql: directSql(pool, names), transaction: directTransaction(pool, names) },
    ping: async () => void (await pool.query('SELECT 1')),
    close: () => pool.end(),
  };
}

export async function openDatabases(
  targets: { analytics: DatabaseTarget; rapport: DatabaseTarget },
  log: (line: string) => void = () => {},
): Promise<Databases> {
  const analytics = await open('analytics', targets.analytics, (adapter) => new AnalyticsClient({ adapter }), log);
  const rapport = await open('rapport', targets.rapport, (adapter) => new RapportClient({ adapter }), log);
  const analyticsRaw = analytics.direct ?? viaPrisma(analytics.client);
  const rapportRaw = rapport.direct ?? viaPrisma(rapport.client);
  return {
    analytics: analytics.client,
    sql: analyticsRaw.sql,
    sqlTransaction: analyticsRaw.transaction,
    rapportTransaction: rapportRaw.transaction,
    rapport: rapport.client,
    ping: { analytics: analytics.ping, rapport: rapport.ping },
    async close() {
      await analytics.client.$disconnect();
      await rapport.client.$disconnect();
      await analytics.close();
      await rapport.close();
    },
  };
}

export function embeddedTargets(dataDir: string): { analytics: DatabaseTarget; rapport: DatabaseTarget } {
  return {
    analytics: { kind: 'pglite', dir: join(dataDir, 'analytics') },
    rapport: { kind: 'pglite', dir: join(dataDir, 'rapport') },
  };
}
