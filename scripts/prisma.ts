/**
 * Prisma tasks that work offline, without the native schema engine (see docs/decisions.md):
 *   generate                                   prisma generate for both schemas
 *   new-migration <name> [--schema <schema>]   write the migration that brings the folder up to schema.prisma
 *   check                                      fail if the migrations do not produce exactly schema.prisma
 *   migrate                                    apply pending migrations (PostgreSQL URLs from env, else PGlite dirs)
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  applyMigrations,
  migrationsDir,
  pgExecutor,
  pgliteExecutor,
  type SchemaName,
} from '../server/src/adapters/db/migrate.js';
import { diffMigrationsToSchema, LOCKFILE, LOCKFILE_CONTENT } from './schema-engine.js';

const root = path.resolve(import.meta.dirname, '..');
const SCHEMAS: SchemaName[] = ['analytics', 'rapport'];
const rel = (p: string) => path.relative(root, p) || '.';
const schemaFile = (schema: SchemaName) => path.join(root, 'prisma', schema, 'schema.prisma');

async function generate(): Promise<void> {
  const env = {
    ...process.env,
    // prisma-pothos-types is a generator binary of the server package.
    PATH: [path.join(root, 'server/node_modules/.bin'), process.env.PATH].join(path.delimiter),
    // generate only checks that the engine file exists (any executable will do); unset, the CLI downloads one.
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  const prisma = path.join(root, 'node_modules/.bin/prisma');
  const results = await Promise.allSettled(
    SCHEMAS.map((schema) => promisify(execFile)(prisma, ['generate'], { cwd: path.join(root, 'prisma', schema), env })),
  );
  for (const [i, r] of results.entries()) {
    if (r.status === 'fulfilled') {
      console.log(`${SCHEMAS[i]}: generated`);
      continue;
    }
    const e = r.reason as { stdout?: string; stderr?: string; message: string };
    console.error(`${SCHEMAS[i]}: prisma generate failed\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
    process.exitCode = 1;
  }
}

function timestamp(d = new Date()): string {
  return d.toISOString().replace(/\D/g, '').slice(0, 14);
}

async function newMigration(name: string, schemas: SchemaName[]): Promise<void> {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) throw new Error('usage: db:new-migration <name> [--schema analytics|rapport]');
  const stamp = timestamp();
  for (const schema of schemas) {
    const dir = migrationsDir(schema);
    const sql = await diffMigrationsToSchema(schemaFile(schema), dir);
    if (sql === null) {
      console.log(`${schema}: no changes, no migration written`);
      continue;
    }
    const target = path.join(dir, `${stamp}_${slug}`);
    await mkdir(target, { recursive: true });
    await writeFile(path.join(target, 'migration.sql'), sql);
    if (!existsSync(path.join(dir, LOCKFILE))) await writeFile(path.join(dir, LOCKFILE), LOCKFILE_CONTENT);
    console.log(`${schema}: wrote ${rel(target)}/migration.sql`);
  }
}

async function check(): Promise<void> {
  for (const schema of SCHEMAS) {
    const dir = migrationsDir(schema);
    if (!existsSync(path.join(dir, LOCKFILE))) {
      console.error(`${schema}: ${rel(path.join(dir, LOCKFILE))} is missing`);
      process.exitCode = 1;
    }
    const sql = await diffMigrationsToSchema(schemaFile(schema), dir);
    if (sql === null) {
      console.log(`${schema}: migrations match schema.prisma`);
      continue;
    }
    console.error(
      `${schema}: the migrations in ${rel(dir)} do not produce what ${rel(schemaFile(schema))} declares.\n` +
        `SQL still needed to reach schema.prisma (run \`pnpm db:new-migration <name>\` to write it):\n\n${sql}`,
    );
    process.exitCode = 1;
  }
}

async function openPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return client;
  } catch (e) {
    if ((e as { code?: string }).code !== '3D000') throw e; // invalid_catalog_name: the database does not exist
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    console.log(`created database ${name}`);
  } finally {
    await admin.end();
  }
  const created = new pg.Client({ connectionString: url });
  await created.connect();
  return created;
}

async function migrate(): Promise<void> {
  const envFile = path.join(root, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const urls: Record<SchemaName, string | undefined> = {
    analytics: process.env.DATABASE_URL || undefined,
    rapport: process.env.RAPPORT_DATABASE_URL || undefined,
  };
  if (Boolean(urls.analytics) !== Boolean(urls.rapport)) {
    throw new Error('Set both DATABASE_URL and RAPPORT_DATABASE_URL (PostgreSQL), or neither (PGlite under DATA_DIR).');
  }
  const dataDir = path.resolve(root, process.env.DATA_DIR || '.data');
  for (const schema of SCHEMAS) {
    const url = urls[schema];
    const log = (line: string) => console.log(`${schema}: ${line}`);
    let applied: string[];
    let where: string;
    if (url) {
      const client = await openPostgres(url);
      where = `database ${client.database} on ${client.host}:${client.port}`;
      try {
        applied = await applyMigrations(pgExecutor(client), migrationsDir(schema), log);
      } finally {
        await client.end();
      }
    } else {
      const dir = path.join(dataDir, schema);
      await mkdir(dir, { recursive: true });
      const db = new PGlite(dir);
      where = `PGlite ${rel(dir)}`;
      try {
        applied = await applyMigrations(pgliteExecutor(db), migrationsDir(schema), log);
      } finally {
        await db.close();
      }
    }
    log(applied.length ? `${applied.length} migration(s) applied to ${where}` : `up to date (${where})`);
  }
}

function parseSchemaFlag(args: string[]): SchemaName[] {
  const i = args.indexOf('--schema');
  if (i === -1) return SCHEMAS;
  const value = args[i + 1];
  if (!SCHEMAS.includes(value as SchemaName)) throw new Error(`--schema must be one of ${SCHEMAS.join(', ')}`);
  args.splice(i, 2);
  return [value as SchemaName];
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'generate':
      return generate();
    case 'new-migration': {
      const schemas = parseSchemaFlag(args);
      return newMigration(args[0] ?? '', schemas);
    }
    case 'check':
      return check();
    case 'migrate':
      return migrate();
    default:
      throw new Error(
        'usage: tsx scripts/prisma.ts generate | new-migration <name> [--schema <schema>] | check | migrate',
      );
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
