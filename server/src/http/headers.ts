import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** A Host header that can only be a host name or address with a port, so it is safe to echo into a header. */
const PLAIN_HOST = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/**
 * The web app opens its WebSocket to /graphql on the host it was loaded from. `'self'` covers that in CSP
 * level 3 browsers; the explicit ws: and wss: sources cover the others.
 */
function sameHostSockets(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
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
        connectSrc: ["'self'", sameHostSockets],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  return (req, res) =>
    new Promise((resolve, reject) => middleware(req, res, (error) => (error ? reject(error) : resolve())));
}
