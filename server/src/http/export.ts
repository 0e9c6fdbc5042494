import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { audit } from '../audit/audit.js';
import { bearer } from '../auth/auth.js';
import type { Core } from '../core.js';
import { ValidationError } from '../errors.js';
import { parseExportQuery, trainingLines } from '../insights/export.js';
import { answer } from './answer.js';

export const EXPORT_PATH = '/export/training.jsonl';

/**
 * GET /export/training.jsonl?format=raw|chat&from&to&tags&minScore: approved decisions as JSON lines, for
 * admins, signed in with the same bearer token as /graphql. The body streams (chunked) at the pace the client
 * reads it; the export is audited once it ends.
 */
export function trainingExport(core: Core) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'Use GET.', { allow: 'GET, HEAD' });
      return;
    }
    const principal = await core.sessions.principalFor(bearer(req.headers.authorization));
    const reviewer = principal?.reviewer;
    if (!reviewer) {
      answer(res, 401, 'Sign in first: send Authorization: Bearer <token> from the login mutation.', {
        'www-authenticate': 'Bearer',
      });
      return;
    }
    if (reviewer.role !== 'ADMIN') {
      answer(res, 403, 'Only admins may export training data.');
      return;
    }
    let options: ReturnType<typeof parseExportQuery>;
    try {
      options = parseExportQuery(new URL(req.url ?? '/', 'http://countersign').searchParams);
    } catch (error) {
      if (error instanceof ValidationError) {
        answer(res, 400, `${error.field}: ${error.message}`);
        return;
      }
      throw error;
    }
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="training-${options.format}.jsonl"`,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    let examples = 0;
    try {
      for await (const line of trainingLines(core, options)) {
        if (res.destroyed) break;
        examples++;
        if (!res.write(line)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      res.end();
    } finally {
      // Whatever left the server is recorded, a download cut short or failed included.
      const complete = res.writableEnded && !res.destroyed;
      await audit(core.analytics, 'export.training', {
        actorId: reviewer.id,
        detail: {
          format: options.format,
          from: options.from?.toISOString() ?? null,
          to: options.to?.toISOString() ?? null,
          tags: options.tags,
          minScore: options.minScore,
          examples,
          complete,
        },
      });
      core.log.info(
        { reviewerId: reviewer.id, apiKey: principal.apiKey?.prefix, format: options.format, examples, complete },
        'training data exported',
      );
    }
  };
}
