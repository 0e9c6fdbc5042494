import type { IncomingMessage } from 'node:http';
import { bearer } from '../auth/auth.js';
import type { Principal } from '../auth/sessions.js';
import type { Core } from '../core.js';
import type { Reviewer } from '../db.js';
import { UnauthenticatedError } from '../errors.js';
import type { HealthReport } from '../health.js';

export interface Context {
  core: Core;
  /** Who is acting: a reviewer's session, or for an API key the admin who created it, with the key's role. */
  reviewer: Reviewer | null;
  /** The API key of this request, or null for a session (or nobody). */
  apiKey: Principal['apiKey'];
  /** The bearer token of this request, for sign-out. */
  token: string | null;
  /**
   * The client's network address (see clientAddress), for sign-in limits and the audit table. A function: Envelop
   * copies the context's values into Yoga's (Object.assign), which would run a getter for every request.
   */
  address(): string;
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

const principalByRequest = new WeakMap<Request, Promise<Principal | null>>();

/**
 * Who the token speaks for, looked up once per HTTP request: the introspection check reads it before the
 * context is built. Over the WebSocket (no request) each operation looks it up.
 */
export function principalOf(core: Core, server: ServerContext): Promise<Principal | null> {
  const { request } = server;
  if (!request || server.connectionParams) return core.sessions.principalFor(tokenOf(server));
  let principal = principalByRequest.get(request);
  if (!principal) {
    principal = core.sessions.principalFor(tokenOf(server));
    principalByRequest.set(request, principal);
  }
  return principal;
}

export async function reviewerOf(core: Core, server: ServerContext): Promise<Reviewer | null> {
  return (await principalOf(core, server))?.reviewer ?? null;
}

/**
 * The client's address: the socket's peer, or with TRUST_PROXY = n, the address n hops back in
 * X-Forwarded-For (the entry the outermost trusted proxy added). Entries further left are written by the
 * client and never believed. Over the WebSocket, `req` is the upgrade request.
 */
export function clientAddress({ req }: ServerContext, trustProxy: number): string {
  const peer = req?.socket.remoteAddress ?? 'unknown';
  const forwarded = trustProxy > 0 ? req?.headers['x-forwarded-for'] : undefined;
  const chain = [
    ...(Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    peer,
  ];
  return plainAddress(chain[Math.max(0, chain.length - 1 - trustProxy)]!);
}

/** IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d; a proxy may add a port or brackets. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address);
  if (v4WithPort) return v4WithPort[1]!;
  const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(address);
  return (bracketed ? bracketed[1]! : address).slice(0, 100);
}

export function createContext(core: Core, health: () => Promise<HealthReport>) {
  return async (server: ServerContext): Promise<Context> => {
    const token = tokenOf(server);
    const principal = await principalOf(core, server);
    return {
      core,
      reviewer: principal?.reviewer ?? null,
      apiKey: principal?.apiKey ?? null,
      token,
      // Read by sign-in alone: worked out when asked, not for every request.
      address: () => clientAddress(server, core.config.TRUST_PROXY),
      health,
    };
  };
}

/** Who acts in a field that scope-auth already guards: the reviewer and, for an API key, the key. */
export function principal(ctx: Context): Principal {
  return { reviewer: signedIn(ctx), apiKey: ctx.apiKey };
}

/** The signed-in reviewer of a field that scope-auth already guards. */
export function signedIn(ctx: Context): Reviewer {
  if (!ctx.reviewer) throw new UnauthenticatedError();
  return ctx.reviewer;
}
