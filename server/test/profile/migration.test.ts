import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationsDir, pgliteExecutor } from '../../src/adapters/db/migrate.js';

const PROFILES = readdirSync(migrationsDir('rapport')).find((name) => name.endsWith('_person_profiles'))!;

describe('the rapport migration to person profiles', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'cs-rapport-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('keeps the preferences and readings a database already holds', async () => {
    const source = migrationsDir('rapport');
    for (const name of readdirSync(source).filter((n) => n < PROFILES)) {
      cpSync(path.join(source, name), path.join(scratch, name), { recursive: true });
    }
    const db = new PGlite();
    const sql = pgliteExecutor(db);
    await applyMigrations(sql, scratch);
    const contact = '31111111-1111-4111-8111-111111111111';
    await db.exec(`
      INSERT INTO "UserProfile" ("contactId", "displayName", "updatedAt") VALUES ('${contact}', 'Ana', now());
      INSERT INTO "UserPreference" ("id", "contactId", "key", "value", "confidence", "updatedAt")
        VALUES (gen_random_uuid(), '${contact}', 'drink', 'green tea', 0.7, '2026-01-02'),
               (gen_random_uuid(), '${contact}', 'jazz', '', 0.5, '2026-01-03');
      INSERT INTO "EmotionalState" ("id", "contactId", "emotion", "intensity") VALUES (gen_random_uuid(), '${contact}', 'joy', 0.6);
    `);

    cpSync(path.join(source, PROFILES), path.join(scratch, PROFILES), { recursive: true });
    expect(await applyMigrations(sql, scratch)).toEqual([PROFILES]);
    const preferences = await db.query<Record<string, unknown>>(
      `SELECT "topic", "stance", "confidence", "evidence", "pinned", "lastSeenAt" FROM "UserPreference" ORDER BY "topic"`,
    );
    expect(preferences.rows).toEqual([
      {
        topic: 'drink: green tea',
        stance: 'LIKES',
        confidence: 0.7,
        evidence: 1,
        pinned: false,
        lastSeenAt: new Date('2026-01-02'),
      },
      {
        topic: 'jazz',
        stance: 'LIKES',
        confidence: 0.5,
        evidence: 1,
        pinned: false,
        lastSeenAt: new Date('2026-01-03'),
      },
    ]);
    const readings = await db.query<Record<string, unknown>>(
      `SELECT "label", "valence", "intensity" FROM "EmotionalState"`,
    );
    expect(readings.rows).toEqual([{ label: 'joy', valence: 0, intensity: 0.6 }]);
    await db.close();
  });
});
