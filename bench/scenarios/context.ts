import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { databaseUrl } from '../lib/services.js';
import type { Summary } from '../lib/stats.js';

export interface ContextFigures {
  people: number;
  exchanges: number;
  turnsRead: number;
  summaryChars: number;
  promptTokens: number;
  trimmed: boolean;
  seedMsPerExchange: number;
  cold: Summary;
  warm: Summary;
  floorSelect: Summary;
  floorGet: Summary;
}

const PROBE = fileURLToPath(new URL('../lib/context-probe.ts', import.meta.url));
const BENCH = fileURLToPath(new URL('..', import.meta.url));

/**
 * Building the drafting context (memory + rapport + persona) for `people` of a benchmark server's contacts,
 * each given `exchanges` delivered exchanges of history first; see lib/context-probe.ts.
 */
export async function contextAssembly(
  services: { analytics: string; env: Record<string, string> },
  people: number,
  exchanges: number,
  rounds: number,
): Promise<ContextFigures> {
  const client = new pg.Client({ connectionString: databaseUrl(services.analytics) });
  await client.connect();
  const { rows } = await client
    .query<{ id: string }>('SELECT id FROM "Contact" ORDER BY "createdAt" LIMIT $1', [people])
    .finally(() => client.end());
  if (rows.length < people) throw new Error(`context assembly needs ${people} contacts, found ${rows.length}`);
  const input = { env: services.env, contactIds: rows.map((r) => r.id), exchanges, rounds };
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PROBE, JSON.stringify(input)], {
    cwd: BENCH,
    maxBuffer: 1 << 20,
  });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ContextFigures;
}
