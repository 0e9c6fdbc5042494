import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ADMIN = { email: 'bench@example.com', password: 'bench-password-1' };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process, in MiB (/proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU time a process has used (user + system), in milliseconds (/proc). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

export interface ServerProcess {
  label: string;
  url: string;
  wsUrl: string;
  pid: number;
  output(): string;
  /** How the process ended ("exit code 1", "signal SIGKILL"), or null while it runs. */
  ended(): string | null;
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, mid-work, as on a crash; resolves once it has exited. */
  kill(): Promise<void>;
}

/** The last line of a process's output that names an error, for a report that fits on one line. */
export function lastError(output: string): string {
  const lines = output.split('\n').filter((line) => /error/i.test(line) && !/^\s+at /.test(line));
  return (lines.at(-1) ?? output.trim().split('\n').at(-1) ?? '').trim().slice(0, 300);
}

/**
 * The variables and node arguments of `pnpm start`'s last step (`NODE_ENV=… node --… server/dist/main.js`),
 * so the benchmark runs the server as it is started, memory settings included (docs/operations.md).
 */
export function startCommand(): { env: Record<string, string>; args: string[] } {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split('&&').at(-1)?.trim().split(/\s+/) ?? [];
  const node = words.indexOf('node');
  if (node < 0 || words.at(-1) !== 'server/dist/main.js' || !words.slice(0, node).every((w) => w.includes('='))) {
    throw new Error(`cannot read the server command of pnpm start: ${pkg.scripts.start}`);
  }
  const env = Object.fromEntries(
    words.slice(0, node).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  return { env, args: words.slice(node + 1) };
}

/** Starts the built server as `pnpm start` runs it (`node server/dist/main.js`) and waits for /health. */
export async function startServer(env: Record<string, string>, label = 'server'): Promise<ServerProcess> {
  const port = await freePort();
  const start = startCommand();
  // BENCH_NODE_FLAGS adds node flags for a profile (--cpu-prof, --heap-prof), before pnpm start's own.
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...flags, ...start.args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      ...start.env,
      LOG_LEVEL: 'warn',
      // approve→delivered measures delivery, not the undo window.
      APPROVAL_UNDO_SECONDS: '0',
      // The benchmark sends its own documents (lib/gql.ts) with a session token, which trusted documents
      // (on by default) refuse; a persisted id costs the server one map lookup, so the figures stand.
      PERSISTED_DOCUMENTS_ONLY: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${label} did not start within 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return {
    label,
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    pid: child.pid ?? 0,
    output: () => output,
    ended: () =>
      child.signalCode !== null
        ? `signal ${child.signalCode}`
        : child.exitCode !== null
          ? `exit code ${child.exitCode}`
          : null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
