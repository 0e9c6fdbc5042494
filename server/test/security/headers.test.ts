import { describe, expect, it } from 'vitest';
import type { Mode } from '../support/harness.js';
import { type RawResponse, rawRequest, useWebApp } from '../support/http.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

const INTEGRATOR = 'https://tools.example.com';
const FOREIGN = 'https://evil.example';
const json = { 'content-type': 'application/json' };
const query = JSON.stringify({ query: '{ health { state } }' });

/** The CSP as a map of directive to its sources. */
function csp(res: RawResponse): Record<string, string[]> {
  const policy = res.headers['content-security-policy'] ?? '';
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe.each(modes)('security headers and CORS (%s mode)', (mode) => {
  const web = useWebApp(mode, { CORS_ORIGINS: `${INTEGRATOR}, https://other.example.com` });

  const requests: Array<[string, string, string, Record<string, string>?, string?]> = [
    ['the web app', 'GET', '/'],
    ['an app route', 'GET', '/contacts/42'],
    ['an asset', 'GET', '/assets/app-1a2b3c.js'],
    ['a missing asset', 'GET', '/assets/nope.js'],
    ['a malformed path', 'GET', '/%'],
    ['the liveness probe', 'GET', '/health'],
    ['a GraphQL POST', 'POST', '/graphql', json, query],
    ['a GraphQL GET', 'GET', `/graphql?query=${encodeURIComponent('{ health { state } }')}`],
    ['a refused method', 'DELETE', '/'],
  ];

  it.each(requests)('%s carries a strict CSP, nosniff, DENY framing and a referrer policy', async (_l, m, p, h, b) => {
    const res = await rawRequest(web.port, m, p, h, b);
    expect(res.status).toBeLessThan(500);
    const policy = csp(res);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:']);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['connect-src']).toEqual(["'self'", `ws://127.0.0.1:${web.port}`, `wss://127.0.0.1:${web.port}`]);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('gives each host the sockets of its own name, whichever host asked first', async () => {
    for (const host of ['localhost:4000', 'desk.example.com', 'localhost:4000', `127.0.0.1:${web.port}`]) {
      const res = await rawRequest(web.port, 'GET', '/', { host });
      expect(csp(res)['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    const hostile = await rawRequest(web.port, 'GET', '/', { host: 'a b' });
    expect(csp(hostile)['connect-src']).toEqual(["'self'", "'self'"]);
  });

  it('does not echo a hostile Host header into the policy', async () => {
    const res = await rawRequest(web.port, 'GET', '/', { host: "x; script-src 'unsafe-inline'" });
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-security-policy'] ?? '').not.toMatch(/unsafe-inline/);
  });

  it('answers the same origin and gives no other origin cross-origin access by default', async () => {
    const same = await rawRequest(
      web.port,
      'POST',
      '/graphql',
      { ...json, origin: `http://127.0.0.1:${web.port}` },
      query,
    );
    expect(JSON.parse(same.body).data.health.state).toBe('ok');
    const foreign = await rawRequest(web.port, 'POST', '/graphql', { ...json, origin: FOREIGN }, query);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await rawRequest(web.port, 'OPTIONS', '/graphql', {
      origin: FOREIGN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(preflight.status).toBeLessThan(500);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('gives the origins in CORS_ORIGINS access to /graphql, without credentials', async () => {
    const preflight = await rawRequest(web.port, 'OPTIONS', '/graphql', {
      origin: INTEGRATOR,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(INTEGRATOR);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const res = await rawRequest(web.port, 'POST', '/graphql', { ...json, origin: INTEGRATOR }, query);
    expect(res.headers['access-control-allow-origin']).toBe(INTEGRATOR);
    expect(JSON.parse(res.body).data.health.state).toBe('ok');
  });
});
