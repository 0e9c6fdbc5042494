import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Databases, openDatabases, postgresAdapter, statementNames } from '../../src/adapters/db/clients.js';
import { AnalyticsClient, Prisma } from '../../src/db.js';
import { dropDatabases, endPool, postgresUrl, servicesAvailable, uniqueName } from '../support/services.js';

describe('statement names', () => {
  it('gives one name per SQL text, and none past the limit', () => {
    const name = statementNames(2);
    const a = name({ sql: 'SELECT 1' });
    const b = name({ sql: 'SELECT 2' });
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
    expect(name({ sql: 'SELECT 1' })).toBe(a);
    expect(name({ sql: 'SELECT 3' })).toBeUndefined();
    expect(name({ sql: 'SELECT 2' })).toBe(b);
  });
});

describe.skipIf(!servicesAvailable)('prepared statements over PostgreSQL', () => {
  const analytics = uniqueName('cs_prep_a');
  const rapport = uniqueName('cs_prep_r');
  let dbs: Databases;

  beforeAll(async () => {
    dbs = await openDatabases({
      analytics: { kind: 'postgres', url: postgresUrl(analytics) },
      rapport: { kind: 'postgres', url: postgresUrl(rapport) },
    });
  });
  afterAll(async () => {
    await dbs?.close();
    await dropDatabases(analytics, rapport);
  });

  const prepared = (db: Pick<AnalyticsClient, '$queryRaw'>, marker: string) =>
    db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE ${`%${marker}%`} AND statement NOT LIKE '%pg_prepared_statements%'`;

  it('parses a statement once per connection and runs it again by name, with new values each time', async () => {
    const marker = 'prepared_once_marker';
    const seen = await dbs.analytics.$transaction(async (tx) => {
      const values: number[] = [];
      for (const n of [1, 2, 3]) {
        const [row] = await tx.$queryRaw<Array<{ v: number }>>`SELECT ${n}::int + 1 AS v, 'prepared_once_marker' AS m`;
        values.push(row!.v);
      }
      const [count] = await prepared(tx, marker);
      return { values, prepared: Number(count!.n) };
    });
    expect(seen).toEqual({ values: [2, 3, 4], prepared: 1 });
  });

  it('leaves statements past the limit unprepared, so one-off texts cannot pile up in a backend', async () => {
    const pool = new pg.Pool({ connectionString: postgresUrl(analytics), max: 1 });
    const client = new AnalyticsClient({ adapter: postgresAdapter(pool, statementNames(2)) });
    try {
      for (const k of [1, 2, 3, 4]) await client.$queryRawUnsafe(`SELECT ${k} AS k, 'limit_marker' AS m`);
      // The two first texts were prepared; the other two (and the count below) ran unnamed.
      const [count] = await prepared(client, 'limit_marker');
      expect(Number(count!.n)).toBe(2);
    } finally {
      await client.$disconnect();
      await endPool(pool);
    }
  });

  describe('statements run straight on the driver (hot paths)', () => {
    const zone = process.env.TZ;
    afterAll(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });

    it('read and write timestamps as UTC, as Prisma does, whatever the process time zone', async () => {
      process.env.TZ = 'America/New_York';
      const at = new Date('2026-03-08T06:30:00.125Z');
      const statement = Prisma.sql`SELECT ${at}::timestamp(3) AS "at",
        to_char(${at}::timestamp(3), 'YYYY-MM-DD HH24:MI:SS.MS') AS "stored"`;
      const [direct] = await dbs.sql<{ at: Date; stored: string }>(statement);
      const [viaPrisma] = await dbs.analytics.$queryRaw<Array<{ at: Date; stored: string }>>(statement);
      expect(direct).toEqual({ at, stored: '2026-03-08 06:30:00.125' });
      expect(viaPrisma).toEqual(direct);
    });

    it('return arrays, json, booleans, integers and uuids as $queryRaw does', async () => {
      const statement = Prisma.sql`SELECT ${['one', 'two, "three"']}::text[] AS "texts",
        json_build_object('n', ${2}::int, 'list', json_build_array('a')) AS "json", ${true} AND true AS "yes",
        ${41}::int + 1 AS "n", '7a4f09f4-fca8-4387-b9bb-6a7bf0eb0ba6'::uuid AS "id", NULL::text[] AS "none"`;
      const [direct] = await dbs.sql(statement);
      expect(direct).toEqual({
        texts: ['one', 'two, "three"'],
        json: { n: 2, list: ['a'] },
        yes: true,
        n: 42,
        id: '7a4f09f4-fca8-4387-b9bb-6a7bf0eb0ba6',
        none: null,
      });
      expect(await dbs.analytics.$queryRaw(statement)).toEqual([direct]);
    });

    it('are prepared once per connection too', async () => {
      for (const n of [1, 2, 3]) {
        const [row] = await dbs.sql<{ v: number }>(Prisma.sql`SELECT ${n}::int * 10 AS v, 'direct_marker' AS m`);
        expect(row?.v).toBe(n * 10);
      }
      // Each of the pool's connections that ran it holds it once, by the same name.
      const rows = await dbs.sql<{ name: string }>(
        Prisma.sql`SELECT name FROM pg_prepared_statements WHERE statement LIKE '%direct_marker%' AND statement NOT LIKE '%pg_prepared_statements%'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.name)).size).toBe(1);
    });
  });
});
