import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('start-up failures a user can fix are one clear message, not a stack trace', () => {
  it('names every bad variable', () => {
    const { status, output } = start({ PORT: 'eighty', DEBOUNCE_MAX_BATCH: '0', DATABASE_URL: 'mysql://x/y' });
    expect(status).toBe(1);
    expect(output).toMatch(/^Invalid configuration:/);
    for (const name of ['PORT', 'DEBOUNCE_MAX_BATCH', 'DATABASE_URL']) expect(output).toContain(name);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('says which service it cannot reach', () => {
    const { status, output } = start({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/a',
      RAPPORT_DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/b',
      REDIS_URL: 'redis://127.0.0.1:1',
      ADMIN_EMAIL: 'a@example.com',
      ADMIN_PASSWORD: 'long-enough',
    });
    expect(status).toBe(1);
    expect(output.trim()).toBe(
      'Countersign could not start: cannot connect to 127.0.0.1:1 (is PostgreSQL or Redis running, and are DATABASE_URL, RAPPORT_DATABASE_URL and REDIS_URL right?)',
    );
  });

  it('says the port is taken, in one line', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const { port } = taken.address() as { port: number };
    const data = mkdtempSync(join(tmpdir(), 'cs-port-'));
    try {
      const { status, output } = start({
        PORT: String(port),
        DATA_DIR: data,
        LOG_LEVEL: 'warn',
        ADMIN_EMAIL: 'a@example.com',
        ADMIN_PASSWORD: 'long-enough',
      });
      expect(status).toBe(1);
      expect(output.trim()).toBe(
        `Countersign could not start: port ${port} is already in use: stop the other process or set PORT`,
      );
    } finally {
      taken.close();
      rmSync(data, { recursive: true, force: true });
    }
  }, 150_000);
});
