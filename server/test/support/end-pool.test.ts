import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dropDatabases, endPool, PG_ADMIN_URL, postgresUrl, servicesAvailable, uniqueName } from './services.js';

// A CI run failed on an uncaught "terminating connection due to administrator command": a migration test ended its
// pools and dropped their databases at once, and a pool's connection was still open when the drop forced it out.
describe.skipIf(!servicesAvailable)('endPool', () => {
  it('leaves no connection for a forced drop right after it to terminate', async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const errors: string[] = [];
    try {
      for (let round = 0; round < 25; round += 1) {
        const name = uniqueName('cs_test_endpool');
        await admin.query(`CREATE DATABASE "${name}"`);
        const pool = new pg.Pool({ connectionString: postgresUrl(name), max: 3 });
        // Listening keeps the process up, so the test can count what would have crashed it.
        pool.on('error', (error) => errors.push(error.message));
        try {
          await Promise.all([1, 2, 3].map(() => pool.query('SELECT pg_sleep(0.005)')));
          expect(pool.totalCount).toBe(3);
          await endPool(pool);
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(errors).toEqual([]);
    } finally {
      await admin.end();
    }
  });

  it('returns at once for a pool that never connected', async () => {
    const name = uniqueName('cs_test_endpool');
    const pool = new pg.Pool({ connectionString: postgresUrl(name) });
    await pool.end();
    expect(pool.ended).toBe(true);
    await dropDatabases(name);
  });
});
