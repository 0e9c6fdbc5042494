import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { embeddedTargets, openDatabases } from '../../src/adapters/db/clients.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A DATA_DIR whose embedded databases are created and migrated, for modeEnv('embedded') to copy. */
    embeddedTemplate: string;
  }
}

/**
 * Creating an embedded database (PGlite's initdb) took most of an embedded app's start: about 5 s for the two
 * databases on a quiet machine, 25 s on a loaded one, once per app. They are created and migrated once per run
 * here, with the same code the server runs, and each embedded test app starts on a copy (under a second).
 * Tests of a fresh data directory (startup, migrations) make their own and do not use this.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-template-'));
  const databases = await openDatabases(embeddedTargets(dir));
  await databases.close();
  project.provide('embeddedTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
