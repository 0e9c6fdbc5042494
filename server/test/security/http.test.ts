import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mode, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { fakeClientBuild, OUTSIDE_SECRET, rawRequest, SITE_ASSET, SITE_INDEX } from '../support/http.js';
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
  let t: TestApp;
  let port: number;
  let cleanup: () => Promise<void>;
  const site = fakeClientBuild();

  beforeAll(async () => {
    const m = await modeEnv(mode);
    cleanup = m.cleanup;
    t = await startApp(m.env, { clientDir: site.dir });
    port = Number(new URL(t.endpoint.url).port);
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
    site.remove();
  });

  const stillServing = async () => expect((await rawRequest(port, 'GET', '/health')).status).toBe(200);

  it('serves the web app, its assets with long caching, and index.html for unknown app paths', async () => {
    const index = await rawRequest(port, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.body).toBe(SITE_INDEX);
    const asset = await rawRequest(port, 'GET', '/assets/app-1a2b3c.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toBe(SITE_ASSET);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    const route = await rawRequest(port, 'GET', '/contacts/42');
    expect(route.status).toBe(200);
    expect(route.body).toBe(SITE_INDEX);
    expect(route.headers['cache-control'] ?? '').not.toMatch(/immutable/);
    expect((await rawRequest(port, 'GET', '/assets/app-missing.js')).status).toBe(404);
  });

  it.each(HOSTILE_PATHS.map((p) => [p.length > 60 ? `${p.slice(0, 60)}… (${p.length} chars)` : p, p]))(
    'answers GET %s below 500, serves nothing outside the web root, and keeps serving',
    async (_label, path) => {
      const res = await rawRequest(port, 'GET', path);
      expect(res.status).toBeGreaterThan(0);
      expect(res.status).toBeLessThan(500);
      expect(res.body).not.toContain(OUTSIDE_SECRET);
      expect(res.body).not.toMatch(/root:.*:0:0:/);
      await stillServing();
    },
  );

  it('answers a raw NUL byte and control characters in the path below 500', async () => {
    for (const path of ['/\u0000', '/assets/\u0000../../secret.txt', '/\u0001\u007f', '/a b']) {
      const res = await rawRequest(port, 'GET', path);
      expect(res.status, JSON.stringify(path)).toBeLessThan(500);
      expect(res.body).not.toContain(OUTSIDE_SECRET);
      await stillServing();
    }
  });

  it.each(ODD_METHODS)('answers %s on the web app, /health and /graphql below 500', async (method) => {
    for (const path of ['/', '/assets/app-1a2b3c.js', '/health', '/graphql', '/%']) {
      const res = await rawRequest(port, method, path);
      expect(res.status, `${method} ${path}`).toBeGreaterThan(0);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(res.body).not.toContain(OUTSIDE_SECRET);
    }
    await stillServing();
  });
});
