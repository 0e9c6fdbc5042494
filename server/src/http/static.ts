import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { answer } from './answer.js';

export const CLIENT_DIST = fileURLToPath(new URL('../../../client/dist', import.meta.url));

const NOT_BUILT = 'The web app is not built. Run `pnpm --filter client build`, or use `pnpm start`, which builds it.';

/** Vite names every file under /assets by its content hash, so a browser may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The path a request names, decoded; `null` when it cannot name a file: malformed percent-encoding, a NUL byte,
 * or a `..` segment.
 */
function requestedPath(url: string | undefined): string | null {
  const raw = (url ?? '/').split('?')[0]!;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.split(/[/\\]/).includes('..')) return null;
  return path;
}

/**
 * Serves the built web app from `dir` with sirv: files by exact name, index.html for any other path outside
 * /assets (the app's own router answers it), and 404 for a missing asset.
 */
export function clientHandler(dir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const files = sirv(dir, {
    // Looked up per request, as `vite preview` does, so a rebuilt web app is served without a restart.
    dev: true,
    etag: true,
    single: true,
    ignores: ['^/assets/'],
    setHeaders: (res, pathname) => {
      if (pathname.startsWith('/assets/')) res.setHeader('cache-control', IMMUTABLE);
    },
  });
  const index = join(dir, 'index.html');
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'Method not allowed.', { allow: 'GET, HEAD' });
      return;
    }
    if (requestedPath(req.url) === null) {
      answer(res, 400, 'Bad request path.');
      return;
    }
    files(req, res, () => (existsSync(index) ? answer(res, 404, 'Not found.') : answer(res, 503, NOT_BUILT)));
  };
}
