import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer } from '../auth/auth.js';
import type { Metrics } from '../metrics.js';
import { answer } from './answer.js';

export const METRICS_PATH = '/metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` for Prometheus: 404 while `METRICS_TOKEN` is unset, 401 without `Authorization: Bearer
 * <token>`. Both sides are hashed first, so the comparison is constant-time whatever the lengths.
 */
export function metricsRoute(
  token: string | undefined,
  metrics: Metrics,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const expected = token === undefined ? null : digest(token);
  return async (req, res) => {
    if (!expected) return answer(res, 404, 'Not found');
    const given = bearer(req.headers.authorization);
    if (given === null || !timingSafeEqual(digest(given), expected)) {
      return answer(res, 401, 'A metrics token is required: Authorization: Bearer <METRICS_TOKEN>.', {
        'www-authenticate': 'Bearer realm="metrics"',
      });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'Use GET.', { allow: 'GET, HEAD' });
    const body = await metrics.exposition();
    res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
}
