import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { type DocumentNode, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { type WebSocket, WebSocketServer } from 'ws';
import { bearer } from '../auth/auth.js';
import { tokenHash } from '../auth/sessions.js';
import type { Core } from '../core.js';
import type { HealthReport } from '../health.js';
import { corsFor } from '../http/cors.js';
import type { Logger } from '../logger.js';
import { type Context, createContext, principalOf, reviewerOf, type ServerContext } from './context.js';
import { limitPlugins, limitsOf } from './limits.js';
import { schema } from './schema/index.js';
import { useSharedSubscriptionResults } from './shared-results.js';
import {
  loadPersistedDocuments,
  mayRunArbitrary,
  persistedIdOf,
  persistedNotFoundError,
  persistedOnlyError,
  trustedDocumentsPlugin,
} from './trusted.js';

export const GRAPHQL_PATH = '/graphql';

type MaskableError = { extensions?: { code?: unknown; field?: unknown }; originalError?: unknown; message?: string };

/**
 * What a client may see of an error: typed results never get here; graphql-js's own request errors,
 * sign-in or role refusals and bad arguments (BadInputError) pass; anything else is logged and becomes "Unexpected error."
 */
function maskError(log: Logger) {
  return (error: unknown, message: string): Error => {
    // Duck-typed: graphql may be loaded twice (ESM and CJS), which defeats instanceof.
    let cause = error as MaskableError | undefined;
    if (error instanceof Error && error.name === 'GraphQLError' && !cause?.originalError) return error;
    while (cause) {
      // A variable that does not fit its type: graphql-js wraps its own coercion error, which is safe to show.
      if (cause !== error && isGraphQLError(cause) && !cause.originalError && (error as GraphQLError).nodes?.length)
        return error as GraphQLError;
      const code = cause.extensions?.code;
      if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'BAD_USER_INPUT') {
        const top = error as GraphQLError;
        const extensions = code === 'BAD_USER_INPUT' ? { code, field: cause.extensions?.field } : { code };
        return new GraphQLError(cause.message ?? message, { nodes: top.nodes, path: top.path, extensions });
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
  const persisted = loadPersistedDocuments();
  const enforced = core.config.PERSISTED_DOCUMENTS_ONLY;
  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    maskedErrors: { isDev: false, maskError: maskError(log) },
    landingPage: false,
    // No GraphiQL (its page loads scripts from a CDN, which the CSP refuses anyway) and no multipart bodies (the
    // schema takes no uploads): both plugins would otherwise look at every request's headers.
    graphiql: false,
    multipart: false,
    cors: corsFor(core.config.CORS_ORIGINS),
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...a) => log.warn(a.map(String).join(' ')),
      // Yoga reports every refused request here; the ones that are our bugs are logged by maskError.
      error: (...a) => log.debug(a.map(String).join(' ')),
    },
    context: createContext(core, health),
    // Batching stays off (Yoga's default): an array body is refused with 400, so one request is one operation.
    batching: false,
    // The body was read whole, within HTTP_MAX_BODY_BYTES, before Yoga sees it (http/server.ts): Yoga's own
    // limit would pipe it through a counting stream again, an AbortController and a DOMException per request.
    maxRequestBodySize: false,
    plugins: [
      // Before parsing: a persisted id becomes its text; a full text from a web session is refused.
      trustedDocumentsPlugin(persisted, (request) => principalOf(core, { request }), enforced),
      ...limitPlugins(limitsOf(core.config)),
      // Each live event is resolved once per document and role, not once per subscriber.
      useSharedSubscriptionResults(),
      // Integrators introspect with a session; anonymous callers get a validation error. Over graphql-ws
      // every connection is signed in (onConnect refuses the rest), so this only has HTTP requests to judge.
      useDisableIntrospection({
        isDisabled: async (request) => (await reviewerOf(core, { request })) === null,
      }),
    ],
  });

  /**
   * A subscription outlives the check made when it started: the socket re-checks its session and is
   * closed as forbidden (4403) once the session is signed out or expired, in any process.
   */
  const watchSession = (socket: WebSocket, token: string | null, reviewerId: string) => {
    const check = async () => {
      try {
        // Checked, not counted as activity: an open tab is not a reviewer at work.
        if ((await core.sessions.reviewerFor(token, { touch: false })) === null) socket.close(4403, 'Forbidden');
      } catch (err) {
        log.warn({ err: String(err) }, 'could not re-check a WebSocket session; checking again later');
      }
    };
    const timer = setInterval(check, core.config.WS_SESSION_CHECK_SECONDS * 1000);
    timer.unref();
    // Sessions ended on purpose (sign-out, deactivation, a password reset) close the socket at once.
    const hash = token ? tokenHash(token) : null;
    const stopListening = core.sessions.onEnded((ended) => {
      if (ended.reviewerId === reviewerId || (hash !== null && ended.tokenHash === hash)) void check();
    });
    socket.once('close', () => {
      clearInterval(timer);
      stopListening();
    });
  };

  const attachWebSocket = (server: Server) => {
    // A message is held to the same size as an HTTP body (ws allows 100 MiB by default).
    const wss = new WebSocketServer({ server, path: GRAPHQL_PATH, maxPayload: core.config.HTTP_MAX_BODY_BYTES });
    const ws = useServer<Record<string, unknown>>(
      {
        execute: (args) => (args.rootValue as Enveloped).execute(args),
        subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
        onConnect: async (ctx) => {
          const token = bearer(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization);
          // Refusing here gives the client a clear close code (4403) instead of failing each operation.
          const reviewer = await core.sessions.reviewerFor(token);
          if (reviewer === null) return false;
          watchSession(ctx.extra.socket, token, reviewer.id);
          return true;
        },
        onSubscribe: async (ctx, _id, params) => {
          const enveloped = yoga.getEnveloped({ ...ctx, req: ctx.extra.request, params });
          // A refused document (bad syntax, a limit) is answered with its errors; graphql-ws would otherwise
          // close the whole connection with 4500.
          // The same rule as over HTTP: a persisted id becomes its text; a session's own text is refused.
          const id = persistedIdOf(params);
          let query = params.query;
          if (id !== null && !query) {
            const stored = persisted.get(id);
            if (stored === undefined) return [ownGraphQLError(persistedNotFoundError(false))];
            query = stored;
          } else if (!mayRunArbitrary(await principalOf(core, { connectionParams: ctx.connectionParams }), enforced)) {
            return [ownGraphQLError(persistedOnlyError(false))];
          }
          let document: DocumentNode;
          try {
            document = enveloped.parse(query);
            const errors = enveloped.validate(enveloped.schema, document);
            if (errors.length) return errors.map(ownGraphQLError);
          } catch (error) {
            if (isGraphQLError(error)) return [ownGraphQLError(error)];
            throw error;
          }
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

function isGraphQLError(error: unknown): error is GraphQLError {
  // Duck-typed like maskError: graphql may be loaded twice.
  return error instanceof Error && error.name === 'GraphQLError';
}

/**
 * graphql-ws sends errors from onSubscribe only if they are `instanceof` the GraphQLError of the graphql that
 * Node resolves for it (CommonJS `index.js`; graphql 16 has no exports map). A bundler's resolution (Vite, in
 * tests) may give this module the ESM copy, so errors are rebuilt with the class Node's `require` returns.
 */
const WsGraphQLError = (createRequire(import.meta.url)('graphql') as typeof import('graphql')).GraphQLError;
function ownGraphQLError(error: GraphQLError): GraphQLError {
  const { message, extensions } = error;
  return error instanceof WsGraphQLError ? error : new WsGraphQLError(message, { extensions });
}

type Enveloped = Pick<ReturnType<YogaServerInstance<ServerContext, Context>['getEnveloped']>, 'execute' | 'subscribe'>;
