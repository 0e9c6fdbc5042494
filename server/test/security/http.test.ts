import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLServer } from '../../src/graphql/server.js';
import { createHttpServer } from '../../src/http/server.js';
import type { Mode } from '../support/harness.js';
import {
  fakeClientBuild,
  OUTSIDE_SECRET,
  rawExchange,
  rawRequest,
  SITE_ASSET,
  SITE_INDEX,
  useWebApp,
} from '../support/http.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

const HOSTILE_PATHS = [
  '/%',
  '/%zz',
  '/assets/%',
  '/%00',
  '/index.html%00.js',
  '/assets/app-1a2b3c.js%00',
  '/..%2f..%2fetc/passwd',
  '/..%2fsecret.txt',
  '/../secret.txt',
  '/../../../../etc/passwd',
  '/%2e%2e/secret.txt',
  '/%2e%2e%2fsecret.txt',
  '/assets/%2e%2e/%2e%2e/secret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
  '/..\\secret.txt',
  '//etc/passwd',
  '/%c0%ae%c0%ae/secret.txt',
  '/%ff%fe',
  '/%u002e%u002e/secret.txt',
  '/health%',
  '/graphql%',
  '/graphql?query=%',
  `/${'a'.repeat(8_000)}`,
  `/${'%2e%2e/'.repeat(1_000)}secret.txt`,
  `/${'a'.repeat(100_000)}`,
  '*',
  'http://evil.example/',
];

const ODD_METHODS = ['OPTIONS', 'TRACE', 'DELETE', 'PUT', 'PATCH', 'PROPFIND', 'SEARCH', 'FOO', 'get'];

describe.each(modes)('the HTTP layer never dies (%s mode)', (mode) => {
  const web = useWebApp(mode);

  const stillServing = async () => expect((await rawRequest(web.port, 'GET', '/health')).status).toBe(200);

  it('serves the web app, its assets with long caching, and index.html for unknown app paths', async () => {
    const index = await rawRequest(web.port, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.body).toBe(SITE_INDEX);
    const asset = await rawRequest(web.port, 'GET', '/assets/app-1a2b3c.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toBe(SITE_ASSET);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    const route = await rawRequest(web.port, 'GET', '/contacts/42');
    expect(route.status).toBe(200);
    expect(route.body).toBe(SITE_INDEX);
    expect(route.headers['cache-control'] ?? '').not.toMatch(/immutable/);
    expect((await rawRequest(web.port, 'GET', '/assets/app-missing.js')).status).toBe(404);
  });

  it.each(HOSTILE_PATHS.map((p) => [p.length > 60 ? `${p.slice(0, 60)}… (${p.length} chars)` : p, p]))(
    'answers GET %s below 500, serves nothing outside the web root, and keeps serving',
    async (_label, path) => {
      const res = await rawRequest(web.port, 'GET', path);
      expect(res.status).toBeGreaterThan(0);
      expect(res.status).toBeLessThan(500);
      expect(res.body).not.toContain(OUTSIDE_SECRET);
      expect(res.body).not.toMatch(/root:.*:0:0:/);
      await stillServing();
    },
  );

  it('answers a raw NUL byte and control characters in the path below 500', async () => {
    for (const path of ['/\u0000', '/assets/\u0000../../secret.txt', '/\u0001\u007f', '/a b']) {
      const res = await rawRequest(web.port, 'GET', path);
      expect(res.status, JSON.stringify(path)).toBeLessThan(500);
      expect(res.body).not.toContain(OUTSIDE_SECRET);
      await stillServing();
    }
  });

  it.each(ODD_METHODS)('answers %s on the web app, /health and /graphql below 500', async (method) => {
    for (const path of ['/', '/assets/app-1a2b3c.js', '/health', '/graphql', '/%']) {
      const res = await rawRequest(web.port, method, path);
      expect(res.status, `${method} ${path}`).toBeGreaterThan(0);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(res.body).not.toContain(OUTSIDE_SECRET);
    }
    await stillServing();
  });
});

describe.each(modes)('request limits (%s mode)', (mode) => {
  const MAX = 4096;
  const web = useWebApp(mode, {
    HTTP_MAX_BODY_BYTES: String(MAX),
    HTTP_HEADERS_TIMEOUT_SECONDS: '1',
    HTTP_REQUEST_TIMEOUT_SECONDS: '2',
  });

  const json = { 'content-type': 'application/json' };
  const healthQuery = (padding: number) => JSON.stringify({ query: `{ health { state } }${' '.repeat(padding)}` });

  it('runs a GraphQL request under the body limit', async () => {
    const res = await rawRequest(web.port, 'POST', '/graphql', json, healthQuery(MAX - 100));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).data.health.state).toBe('ok');
  });

  it('answers 413 to a body declared larger than the limit, without reading it', async () => {
    const res = await rawRequest(web.port, 'POST', '/graphql', { ...json, 'content-length': String(MAX + 1) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).errors[0]).toMatchObject({
      message: expect.stringContaining('HTTP_MAX_BODY_BYTES'),
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect((await rawRequest(web.port, 'GET', '/health')).status).toBe(200);
  });

  it('answers 413 to a streamed body that grows past the limit', async () => {
    const body = healthQuery(MAX * 4);
    const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const res = await rawRequest(web.port, 'POST', '/graphql', { ...json, 'transfer-encoding': 'chunked' }, chunked);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await rawRequest(web.port, 'GET', '/health')).status).toBe(200);
  });

  it('refuses compressed bodies, which could grow past the limit once inflated', async () => {
    const res = await rawRequest(web.port, 'POST', '/graphql', { ...json, 'content-encoding': 'gzip' }, 'x');
    expect(res.status).toBe(415);
  });

  it('serves no GraphiQL page and takes no multipart body (the schema has no uploads)', async () => {
    const page = await rawRequest(web.port, 'GET', '/graphql', { accept: 'text/html' });
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
    expect(page.body).not.toMatch(/graphiql/i);
    const boundary = 'x';
    const form = [
      `--${boundary}\r\ncontent-disposition: form-data; name="operations"\r\n\r\n${healthQuery(0)}`,
      `--${boundary}\r\ncontent-disposition: form-data; name="map"\r\n\r\n{}`,
      `--${boundary}--\r\n`,
    ].join('\r\n');
    const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const res = await rawRequest(web.port, 'POST', '/graphql', multipart, form);
    expect(res.status).toBe(415);
    expect(res.body).not.toContain('"health"');
  });

  it('closes a connection whose headers never finish, and one whose body never finishes', async () => {
    let started = Date.now();
    const headers = await rawExchange(web.port, 'GET / HTTP/1.1\r\nhost: x\r\nx-slow: ');
    expect(headers.status === 0 || headers.status === 408).toBe(true);
    expect(Date.now() - started).toBeLessThan(4000);
    started = Date.now();
    const body = await rawExchange(web.port, 'POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"qu');
    expect(body.status === 0 || body.status === 408).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await rawRequest(web.port, 'GET', '/health')).status).toBe(200);
  });
});

describe('an unexpected throw in a request', () => {
  const lines: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
  const failing = {
    yoga: {
      requestListener: async () => {
        throw new Error('boom in graphql');
      },
    },
  } as unknown as GraphQLServer;
  const site = fakeClientBuild();
  const limits = { HTTP_MAX_BODY_BYTES: 1024, HTTP_HEADERS_TIMEOUT_SECONDS: 5, HTTP_REQUEST_TIMEOUT_SECONDS: 5 };
  const server = createHttpServer(
    {
      graphql: failing,
      clientDir: site.dir,
      liveness: () => {
        throw new Error('boom in liveness');
      },
      trainingExport: () => {
        throw new Error('boom in the export');
      },
      metrics: () => {},
    },
    limits,
    log,
  );
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    site.remove();
  });

  it.each([
    ['GET', '/health', 'boom in liveness'],
    ['POST', '/graphql', 'boom in graphql'],
  ])(
    '%s %s gets a 500 naming a request id that the log holds with the error; the server goes on',
    async (method, path, boom) => {
      const res = await rawRequest(port, method, path, {}, method === 'POST' ? '{}' : '');
      expect(res.status).toBe(500);
      const id = /^Internal error, request id ([0-9a-f-]{36})\n$/.exec(res.body)?.[1];
      expect(id, res.body).toBeDefined();
      expect(res.body).not.toContain(boom);
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === id);
      expect(logged?.err?.message).toBe(boom);
      const index = await rawRequest(port, 'GET', '/');
      expect(index.status).toBe(200);
      expect(index.body).toBe(SITE_INDEX);
    },
  );
});
