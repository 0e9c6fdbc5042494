import type { Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { bearer, reviewerForToken } from '../auth/auth.js';
import type { Core } from '../core.js';
import type { HealthReport } from '../health.js';
import { corsFor } from '../http/cors.js';
import type { Logger } from '../logger.js';
import { type Context, createContext, type ServerContext } from './context.js';
import { schema } from './schema/index.js';

export const GRAPHQL_PATH = '/graphql';

type MaskableError = { extensions?: { code?: unknown }; originalError?: unknown; message?: string };

/**
 * What a client may see of an error: typed results never get here; graphql-js's own request errors
 * and sign-in or role refusals pass; anything else is logged and becomes "Unexpected error."
 */
function maskError(log: Logger) {
  return (error: unknown, message: string): Error => {
    // Duck-typed: graphql may be loaded twice (ESM and CJS), which defeats instanceof.
    let cause = error as MaskableError | undefined;
    if (error instanceof Error && error.name === 'GraphQLError' && !cause?.originalError) return error;
    while (cause) {
      const code = cause.extensions?.code;
      if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
        const top = error as GraphQLError;
        return new GraphQLError(cause.message ?? message, { nodes: top.nodes, path: top.path, extensions: { code } });
      }
      cause = cause.originalError as MaskableError | undefined;
    }
    log.error({ err: error instanceof Error ? error.stack : String(error) }, 'unexpected error in a GraphQL request');
    return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}

export interface GraphQLServer {
  yoga: YogaServerInstance<ServerContext, Context>;
  /** Serves graphql-ws on the HTTP server's GraphQL path; returns a function that closes every socket. */
  attachWebSocket(server: Server): () => Promise<void>;
}

/** Yoga over HTTP and graphql-ws over WebSocket, sharing one schema, context and error masking. */
export function createGraphQLServer(core: Core, health: () => Promise<HealthReport>): GraphQLServer {
  const log = core.log;
  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    maskedErrors: { isDev: false, maskError: maskError(log) },
    landingPage: false,
    cors: corsFor(core.config.CORS_ORIGINS),
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...a) => log.warn(a.map(String).join(' ')),
      error: (...a) => log.error(a.map(String).join(' ')),
    },
    context: createContext(core, health),
  });

  const attachWebSocket = (server: Server) => {
    const wss = new WebSocketServer({ server, path: GRAPHQL_PATH });
    const ws = useServer<Record<string, unknown>>(
      {
        execute: (args) => (args.rootValue as Enveloped).execute(args),
        subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
        onConnect: async (ctx) => {
          const token = bearer(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization);
          // Refusing here gives the client a clear close code (4403) instead of failing each operation.
          return (await reviewerForToken(core.analytics, token)) !== null;
        },
        onSubscribe: async (ctx, _id, params) => {
          const enveloped = yoga.getEnveloped({ ...ctx, req: ctx.extra.request, params });
          const document = enveloped.parse(params.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length) return errors;
          return {
            schema: enveloped.schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await enveloped.contextFactory(),
            rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
          };
        },
      },
      wss,
    );
    return async () => {
      await ws.dispose();
      wss.close();
    };
  };

  return { yoga, attachWebSocket };
}

type Enveloped = Pick<ReturnType<YogaServerInstance<ServerContext, Context>['getEnveloped']>, 'execute' | 'subscribe'>;
