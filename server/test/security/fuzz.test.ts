import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGraphQL } from '../support/graphql.js';
import { ADMIN, type Mode, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { fakeClientBuild, OUTSIDE_SECRET } from '../support/http.js';
import { servicesAvailable } from '../support/services.js';
import { type HostileRequest, hostileRequest, type RawRequest, random } from './hostile.js';

const modes: Mode[] = (servicesAvailable ? ['embedded', 'services'] : ['embedded']).filter(
  (m) => !process.env.FUZZ_MODE || m === process.env.FUZZ_MODE,
) as Mode[];
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const COUNT = Number(process.env.FUZZ_COUNT ?? 2000);
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
  ['a file beside the web root', new RegExp(OUTSIDE_SECRET)],
];

function sendHttp(port: number, req: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = request(
      { host: '127.0.0.1', port, method: req.method, path: req.path, headers: req.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          // Enough to look for leaks; the web app's files are small.
          if (size < 200_000) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', done);
        res.on('error', reject);
        // A subscription answered over SSE or multipart stays open by design: its first second is the answer.
        if (/event-stream|multipart/.test(String(res.headers['content-type'])))
          setTimeout(() => {
            done();
            client.destroy();
          }, 1000);
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

/**
 * The server runs in the test's own process: an uncaught exception or unhandled rejection anywhere in it
 * fails the run, and every request is also checked for an answer.
 */
describe.each(modes)('hostile requests never take the server down (%s mode)', (mode) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let token: string;
  const site = fakeClientBuild();

  beforeAll(async () => {
    const storage = await modeEnv(mode);
    cleanup = storage.cleanup;
    // Sign-in limits stay on: the fuzzer's logins hit them like anyone's.
    t = await startApp(storage.env, { clientDir: site.dir });
    token = await t.login();
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
    site.remove();
  });

  it(`answers ${COUNT} seeded hostile requests below 500, leaking nothing, and keeps serving`, async () => {
    const r = random(SEED + (mode === 'services' ? 1 : 0));
    const requests = Array.from({ length: COUNT }, () => hostileRequest(r, token));
    const port = Number(new URL(t.endpoint.url).port);
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    // The first few are printed as they happen: a hang shows what started it.
    const report = (problem: string) => {
      if (problems.push(problem) <= 3) console.log(`fuzz problem at request ${next}: ${problem.slice(0, 600)}`);
    };
    const worker = async () => {
      while (next < requests.length) {
        const req = requests[next++]!;
        try {
          const answer = req.kind === 'raw' ? await sendRaw(port, req) : await sendHttp(port, req);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problem = problemWith(req, answer);
          if (problem) report(`${problem}: ${describeRequest(req)} → ${answer.body.slice(0, 200)}`);
        } catch (error) {
          report(`${(error as Error).message}: ${describeRequest(req)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    const health = await fetch(`http://127.0.0.1:${port}/health`);
    const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`fuzz (${mode}, seed ${SEED}): ${COUNT} requests, ${problems.length} problems; statuses ${summary}`);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(problems).toHaveLength(0);
    expect(health.status).toBe(200);
    // Still signed in and served: the session and the database survived the run.
    const me = await rawGraphQL(t.endpoint, '{ me { email } }', undefined, token);
    expect(me).toEqual({ data: { me: { email: ADMIN.email } } });
  }, 600_000);
});
