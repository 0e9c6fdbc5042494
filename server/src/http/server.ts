import { createServer, type Server } from 'node:http';
import type { GraphQLServer } from '../graphql/server.js';
import { GRAPHQL_PATH } from '../graphql/server.js';
import { serveClient } from './static.js';

export interface Routes {
  graphql: GraphQLServer;
  /** The built web app's directory. */
  clientDir: string;
  /** The body of `GET /health`, the liveness probe. */
  liveness(): Record<string, unknown>;
}

/** One port for everything: the liveness probe, GraphQL over HTTP and WebSocket, and the web app. */
export function createHttpServer(routes: Routes): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(routes.liveness()));
      return;
    }
    if (path === GRAPHQL_PATH) {
      void routes.graphql.yoga.requestListener(req, res);
      return;
    }
    serveClient(routes.clientDir, req, res);
  });
}
