import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { LRUCache } from 'lru-cache';

/** A Host header that can only be a host name or address with a port, so it is safe to echo into a header. */
const PLAIN_HOST = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/**
 * The web app opens its WebSocket to /graphql on the host it was loaded from. `'self'` covers that in CSP
 * level 3 browsers; the explicit ws: and wss: sources cover the others.
 */
function sameHostSockets(host: string): string {
  return host ? `ws://${host} wss://${host}` : "'self'";
}

/** The Host header when it can only be a host name or address with a port, else '' (safe to echo). */
function plainHost(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return PLAIN_HOST.test(host) ? host : '';
}

type Header = [name: string, value: string | number | readonly string[]];

/**
 * The headers one run of the middleware sets, read off a stand-in response. Helmet reads nothing of the request
 * but what the CSP's own directive function reads (the Host header).
 */
function headersOf(middleware: ReturnType<typeof helmet>, req: IncomingMessage): Promise<Header[]> {
  const headers: Header[] = [];
  const recorder = {
    setHeader(name: string, value: Header[1]) {
      headers.push([name, value]);
      return recorder;
    },
    removeHeader() {},
  };
  return new Promise((resolve, reject) =>
    middleware(req, recorder as unknown as ServerResponse, (error?: unknown) =>
      error ? reject(error) : resolve(headers),
    ),
  );
}

/**
 * Helmet's headers on every response: a Content-Security-Policy with no inline script or style and no
 * framing, nosniff, X-Frame-Options DENY and no Referer; plus helmet's other defaults (HSTS, COOP, CORP).
 */
export function securityHeaders(): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", (req) => sameHostSockets(plainHost(req as IncomingMessage))],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // The headers depend on the Host header alone: helmet runs once per host (a bounded few), and every response
  // then only copies them (helmet building them again for each request was 2 % of a request's CPU).
  const byHost = new LRUCache<string, Header[]>({ max: 32 });
  return async (req, res) => {
    const host = plainHost(req);
    let headers = byHost.get(host);
    if (!headers) {
      headers = await headersOf(middleware, req);
      byHost.set(host, headers);
    }
    for (const [name, value] of headers) res.setHeader(name, value);
  };
}
