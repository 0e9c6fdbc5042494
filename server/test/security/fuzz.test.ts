import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type Mode, modeEnv } from '../support/harness.js';
import { freePort, type ServerProcess, startServerProcess } from '../support/process.js';
import { servicesAvailable } from '../support/services.js';
import { type HostileRequest, hostileRequest, type RawRequest, random } from './hostile.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const COUNT = Number(process.env.FUZZ_COUNT ?? 1500);
const PARALLEL = 6;
const TIMEOUT_MS = 15_000;

interface Answer {
  status: number;
  body: string;
}

/** What must never appear in an answer: a stack trace, a path on the server, or a file outside the web app. */
const LEAKS: Array<[string, RegExp]> = [
  ['a stack trace', /\n\s+at \S+ \(|at file:\/\/|\.ts:\d+:\d+/],
  ['a server path', /\/work\/|node_modules|\/home\/|\/root\//],
  ['/etc/passwd', /root:x:0:0/],
  ['the repository’s package.json', /"db:generate"/],
  ['server source', /createHttpServer|import \{/],
  ['git config', /\[core\]/],
];

function sendHttp(port: number, req: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = request(
      { host: '127.0.0.1', port, method: req.method, path: req.path, headers: req.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          // Enough to look for leaks; the web app's files are small.
          if (size < 200_000) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    client.setTimeout(TIMEOUT_MS, () => client.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    client.on('error', reject);
    client.end(req.body);
  });
}

function sendRaw(port: number, req: RawRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (status) resolve({ status: Number(status[1]), body: received });
      else reject(new Error(`closed without an HTTP answer: ${JSON.stringify(received.slice(0, 80))}`));
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      // One answer is enough: a valid keep-alive request would otherwise wait for the timeout.
      if (received.includes('\r\n\r\n')) finish();
    });
    socket.on('end', finish);
    socket.on('error', () => finish());
    socket.write(req.bytes);
  });
}

/** Why an answer breaks item 1 of issue 5, or null when it is a clean refusal or a clean answer. */
function problemWith(req: HostileRequest | RawRequest, answer: Answer): string | null {
  if (answer.status >= 500) return `status ${answer.status}`;
  for (const [what, pattern] of LEAKS) if (pattern.test(answer.body)) return `the answer shows ${what}`;
  if (req.kind === 'http' && req.path.startsWith('/graphql') && answer.body.startsWith('{')) {
    let parsed: { errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }> };
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      return 'a GraphQL answer that is not JSON';
    }
    for (const error of parsed.errors ?? []) {
      if (typeof error.message !== 'string') return 'a GraphQL error without a message';
      if (error.extensions && ('stacktrace' in error.extensions || 'exception' in error.extensions))
        return 'a GraphQL error with a stack trace';
    }
  }
  return null;
}

function describeRequest(req: HostileRequest | RawRequest): string {
  if (req.kind === 'raw') return `raw ${JSON.stringify(req.bytes.toString('latin1').slice(0, 100))}`;
  const body = req.body === undefined ? '' : ` body ${JSON.stringify(String(req.body).slice(0, 160))}`;
  return `${req.method} ${req.path.slice(0, 120)} headers ${JSON.stringify(req.headers).slice(0, 160)}${body}`;
}

describe.each(modes)('hostile requests never take the server down (%s mode)', (mode) => {
  let server: ServerProcess;
  let cleanup: () => Promise<void>;
  let clientDist: string;
  let token: string;

  beforeAll(async () => {
    clientDist = mkdtempSync(join(tmpdir(), 'cs-dist-'));
    mkdirSync(join(clientDist, 'assets'));
    writeFileSync(join(clientDist, 'index.html'), '<!doctype html><title>Countersign</title><div id="root"></div>');
    writeFileSync(join(clientDist, 'assets', 'app.js'), 'console.log("app");');
    const storage = await modeEnv(mode);
    cleanup = storage.cleanup;
    server = await startServerProcess({ ...storage.env, CLIENT_DIST_DIR: clientDist }, await freePort());
    const signIn = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ... on LoginSuccess { token } } }',
        variables: { e: ADMIN.email, p: ADMIN.password },
      }),
    });
    token = ((await signIn.json()) as { data: { login: { token: string } } }).data.login.token;
  }, 120_000);

  afterAll(async () => {
    await server?.kill();
    await cleanup?.();
    rmSync(clientDist, { recursive: true, force: true });
  });

  it(`answers ${COUNT} seeded hostile requests below 500, leaking nothing, and keeps serving`, async () => {
    const r = random(SEED + (mode === 'services' ? 1 : 0));
    const requests = Array.from({ length: COUNT }, () => hostileRequest(r, token));
    const port = Number(new URL(server.url).port);
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const req = requests[next++]!;
        try {
          const answer = req.kind === 'raw' ? await sendRaw(port, req) : await sendHttp(port, req);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problem = problemWith(req, answer);
          if (problem) problems.push(`${problem}: ${describeRequest(req)} → ${answer.body.slice(0, 200)}`);
        } catch (error) {
          problems.push(`${(error as Error).message}: ${describeRequest(req)}`);
        }
        if (server.child.exitCode !== null || server.child.signalCode !== null) {
          problems.push(`the server exited after: ${describeRequest(req)}\n${server.output().slice(-2000)}`);
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const health = alive ? (await fetch(`${server.url}/health`)).status : 'exited';
    const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`fuzz (${mode}, seed ${SEED}): ${COUNT} requests, ${problems.length} problems; statuses ${summary}`);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(health).toBe(200);
  }, 600_000);
});
