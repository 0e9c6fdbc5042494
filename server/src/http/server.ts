import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import getRawBody from 'raw-body';
import type { Config } from '../config.js';
import type { GraphQLServer } from '../graphql/server.js';
import { GRAPHQL_PATH } from '../graphql/server.js';
import type { Logger } from '../logger.js';
import type { RequestActivity } from './activity.js';
import { answer, graphqlRefusal } from './answer.js';
import { EXPORT_PATH } from './export.js';
import { securityHeaders } from './headers.js';
import { METRICS_PATH } from './metrics.js';
import { clientHandler } from './static.js';

export interface Routes {
  graphql: GraphQLServer;
  /** The built web app's directory. */
  clientDir: string;
  /** The body of `GET /health`, the liveness probe. */
  liveness(): Record<string, unknown>;
  /** `GET /export/training.jsonl`: the training data download (http/export.ts). */
  trainingExport: Handler;
  /** `/metrics` for Prometheus (http/metrics.ts). */
  metrics: Handler;
}

export type HttpLimits = Pick<
  Config,
  'HTTP_MAX_BODY_BYTES' | 'HTTP_HEADERS_TIMEOUT_SECONDS' | 'HTTP_REQUEST_TIMEOUT_SECONDS'
>;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** One port for everything: the liveness probe, metrics, GraphQL over HTTP and WebSocket, and the web app. */
export function createHttpServer(routes: Routes, limits: HttpLimits, log: Logger, activity?: RequestActivity): Server {
  const client = clientHandler(routes.clientDir);
  const headers = securityHeaders();
  const graphql = withBodyLimit(limits.HTTP_MAX_BODY_BYTES, (req, res) =>
    routes.graphql.yoga.requestListener(req, res),
  );

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    await headers(req, res);
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      const body = JSON.stringify(routes.liveness());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    } else if (path === METRICS_PATH) {
      await routes.metrics(req, res);
    } else if (path === GRAPHQL_PATH) {
      await graphql(req, res);
    } else if (path === EXPORT_PATH) {
      await routes.trainingExport(req, res);
    } else {
      client(req, res);
    }
  };

  const server = createServer(
    {
      headersTimeout: limits.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeout: limits.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      // How often node looks for requests past those timeouts (its default, 30 s, would let them run long).
      connectionsCheckingInterval: 1000,
    },
    (req, res) => {
      if (activity) res.once('close', activity.begin());
      // Nothing a request does may end the process: a throw becomes a logged 500 with an id to find it by.
      Promise.resolve()
        .then(() => handle(req, res))
        .catch((error: unknown) => internalError(log, req, res, error));
    },
  );
  // This is not a proxy: without a listener node would drop a CONNECT request without a word.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return server;
}

function internalError(log: Logger, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const requestId = randomUUID();
  log.error(
    { requestId, method: req.method, url: req.url?.slice(0, 200), err: error },
    'unexpected error in an HTTP request',
  );
  if (res.headersSent) res.destroy();
  else answer(res, 500, `Internal error, request id ${requestId}`, { 'x-request-id': requestId });
}

/**
 * Reads a request body of at most `max` bytes (by Content-Length, then while it streams) before `next` runs;
 * a larger one gets 413 and is never held whole in memory.
 */
function withBodyLimit(max: number, next: Handler): Handler {
  return async (req, res) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next(req, res);
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') {
      graphqlRefusal(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Compressed request bodies are not accepted.');
      return;
    }
    let body: Buffer;
    try {
      body = await getRawBody(req, { limit: max, length: req.headers['content-length'] });
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        const message = `The request body is larger than ${max} bytes, the limit (HTTP_MAX_BODY_BYTES).`;
        graphqlRefusal(res, 413, 'PAYLOAD_TOO_LARGE', message);
      } else if (type === 'request.size.invalid') {
        graphqlRefusal(res, 400, 'BAD_REQUEST', 'The request body does not match its Content-Length.');
      } else if (type !== 'request.aborted') {
        throw error;
      }
      return;
    }
    // Yoga's adapter reads a body already read into `req.body` instead of the (now consumed) stream.
    (req as IncomingMessage & { body?: Buffer }).body = body;
    await next(req, res);
  };
}
