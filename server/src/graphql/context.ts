import type { IncomingMessage } from 'node:http';
import { bearer, reviewerForToken } from '../auth/auth.js';
import type { Core } from '../core.js';
import type { Reviewer } from '../db.js';
import { UnauthenticatedError } from '../errors.js';
import type { HealthReport } from '../health.js';

export interface Context {
  core: Core;
  reviewer: Reviewer | null;
  /** The bearer token of this request, for sign-out. */
  token: string | null;
  health(): Promise<HealthReport>;
}

/** What Yoga hands the context factory: a Fetch request over HTTP, connection params over the WebSocket. */
export interface ServerContext {
  request?: Request;
  /** Node's request: the HTTP request, or the WebSocket's upgrade request. */
  req?: IncomingMessage;
  connectionParams?: Record<string, unknown>;
}

/** The token comes from the WebSocket's connection params or, over HTTP, the Authorization header. */
export function tokenOf({ request, connectionParams }: ServerContext): string | null {
  return (
    bearer(connectionParams?.authorization ?? connectionParams?.Authorization) ??
    bearer(request?.headers.get('authorization'))
  );
}

const reviewerByRequest = new WeakMap<Request, Promise<Reviewer | null>>();

/**
 * The signed-in reviewer, looked up once per HTTP request: the introspection check reads it before the
 * context is built. Over the WebSocket (no request) each operation looks it up.
 */
export function reviewerOf(core: Core, server: ServerContext): Promise<Reviewer | null> {
  const { request } = server;
  if (!request || server.connectionParams) return reviewerForToken(core.analytics, tokenOf(server));
  let reviewer = reviewerByRequest.get(request);
  if (!reviewer) {
    reviewer = reviewerForToken(core.analytics, tokenOf(server));
    reviewerByRequest.set(request, reviewer);
  }
  return reviewer;
}

export function createContext(core: Core, health: () => Promise<HealthReport>) {
  return async (server: ServerContext): Promise<Context> => {
    return { core, reviewer: await reviewerOf(core, server), token: tokenOf(server), health };
  };
}

/** The signed-in reviewer of a field that scope-auth already guards. */
export function signedIn(ctx: Context): Reviewer {
  if (!ctx.reviewer) throw new UnauthenticatedError();
  return ctx.reviewer;
}
