import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Databases, openDatabases, postgresAdapter, statementNames } from '../../src/adapters/db/clients.js';
import { AnalyticsClient } from '../../src/db.js';
import { dropDatabases, postgresUrl, servicesAvailable, uniqueName } from '../support/services.js';

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
    const client = new AnalyticsClient({ adapter: postgresAdapter(pool, 2) });
    try {
      for (const k of [1, 2, 3, 4]) await client.$queryRawUnsafe(`SELECT ${k} AS k, 'limit_marker' AS m`);
      // The two first texts were prepared; the other two (and the count below) ran unnamed.
      const [count] = await prepared(client, 'limit_marker');
      expect(Number(count!.n)).toBe(2);
    } finally {
      await client.$disconnect();
      await pool.end();
    }
  });
});
