import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/test/support/process.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts the real server in embedded mode (PGlite in a fresh temporary DATA_DIR, in-memory
 * pub/sub, sandbox Telegram, offline drafter) on a free port, and waits until /health answers.
 * `env` adds to (or overrides) its configuration.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(path.join(repoRoot, 'client/dist/index.html'))) {
    throw new Error('client/dist is missing: run `pnpm --filter client build` before the browser test');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'countersign-browser-'));
  const port = await freePort();
  const adminEmail = 'admin@example.com';
  const adminPassword = 'browser-test-password';
  let log = '';

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PORT: String(port),
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      TYPING_DEBOUNCE_DELAY: '0.3',
      ENABLE_TYPING_PACING: 'false',
      LOG_LEVEL: 'warn',
      // Blank wins over a developer's .env: embedded mode, sandbox Telegram, offline drafter.
      DATABASE_URL: '',
      RAPPORT_DATABASE_URL: '',
      REDIS_URL: '',
      TELEGRAM_API_ID: '',
      TELEGRAM_API_HASH: '',
      TELEGRAM_SESSION: '',
      TELEGRAM_BOT_TOKEN: '',
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: '',
      ADMIN_TELEGRAM_IDS: '',
      ROLES: '',
      // Delivery at once unless a test asks for an undo window.
      APPROVAL_UNDO_SECONDS: '0',
      ...env,
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
      const ok = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error('the server did not answer /health within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${log}`);
  }

  return { baseUrl, adminEmail, adminPassword, output: () => log, stop };
}
