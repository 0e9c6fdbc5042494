/**
 * The one way server tests speak GraphQL: a TestClient sends documents written with the generated
 * `graphql()` (server/test/gql) or the web app's own (client/src/gql), so variables, results and
 * subscription events are typed by the operation, as in GraphQL Code Generator's yoga-tests example.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type FormattedExecutionResult, print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { LoginDocument } from '../../../client/src/gql/graphql.js';
import type { App } from '../../src/app.js';

/** A GraphQL response as JSON: `data` typed by the document. */
export type Result<R> = FormattedExecutionResult<R>;

/** Variables are optional when the operation takes none or only optional ones, and required otherwise. */
export type VariablesOf<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/** Where operations go: Yoga over the network (HTTP and graphql-ws), or yoga.fetch in process. */
export interface Endpoint {
  url: string;
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Absent in process: subscriptions need the network. */
  wsUrl?: string;
  /** Every WebSocket client opened through this endpoint, so its owner can dispose them. */
  sockets: Client[];
}

/** The real HTTP server at `url` (http://host:port/graphql), and graphql-ws on the same path. */
export function overNetwork(url: string): Endpoint {
  return { url, fetch: (input, init) => fetch(input, init), wsUrl: url.replace(/^http/, 'ws'), sockets: [] };
}

/** yoga.fetch: the whole server stack without a socket. */
export function inProcess(app: App): Endpoint {
  return { url: 'http://countersign.test/graphql', fetch: (input, init) => app.fetch(input, init), sockets: [] };
}

/** A subscription's events so far, typed by its document, and a way to wait for the one a test expects. */
export interface Subscription<R> {
  events: R[];
  errors: unknown[];
  dispose(): void;
  until(predicate: (event: R) => boolean, timeoutMs?: number): Promise<R>;
}

/** Sends operations as one signed-in reviewer (or anonymously, without a token). */
export interface TestClient {
  execute<R, V>(document: TypedDocumentNode<R, V>, ...[variables]: VariablesOf<V>): Promise<Result<R>>;
  /** Subscribes over this client's one graphql-ws connection, opened on first use. */
  subscribe<R, V>(document: TypedDocumentNode<R, V>, ...[variables]: VariablesOf<V>): Subscription<R>;
}

function headers(token?: string | null): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/** A GraphQL request body as sent: the text, or (trusted documents) a persisted document's id instead. */
type Body = { query: string; variables?: unknown; extensions?: Record<string, unknown> };

/**
 * The web app's documents (client/src/gql) carry the hash of their persisted copy: they are sent by id, as the
 * web app sends them, so they also work where trusted documents are enforced. The tests' own documents
 * (server/test/gql) are sent as text.
 */
export function bodyOf(document: TypedDocumentNode<unknown, unknown>, variables?: unknown): Body {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) return { query: print(document), variables };
  return { query: '', variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
}

async function post(endpoint: Endpoint, body: Body, token?: string | null) {
  const response = await endpoint.fetch(endpoint.url, {
    method: 'POST',
    headers: headers(token),
    body: JSON.stringify(body),
  });
  return response.json();
}

export function createTestClient(endpoint: Endpoint, token?: string | null): TestClient {
  let socket: Client | undefined;
  const connection = () => {
    if (!endpoint.wsUrl) throw new Error(`subscriptions need the network; ${endpoint.url} is in process`);
    if (!socket) {
      socket = createClient({
        url: endpoint.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
      });
      endpoint.sockets.push(socket);
    }
    return socket;
  };
  return {
    async execute<R, V>(document: TypedDocumentNode<R, V>, ...[variables]: VariablesOf<V>) {
      return (await post(
        endpoint,
        bodyOf(document as TypedDocumentNode<unknown, unknown>, variables),
        token,
      )) as Result<R>;
    },
    subscribe<R, V>(document: TypedDocumentNode<R, V>, ...[variables]: VariablesOf<V>) {
      return collect<R>(connection(), bodyOf(document as TypedDocumentNode<unknown, unknown>, variables));
    },
  };
}

/**
 * Sends GraphQL text as it is, for tests about deliberately malformed or hand-written requests.
 * The result is untyped: narrow `data` before use. Everything else goes through `createTestClient`.
 */
export async function rawGraphQL(
  endpoint: Endpoint,
  query: string,
  variables?: Record<string, unknown>,
  token?: string | null,
): Promise<Result<unknown>> {
  return (await post(endpoint, { query, variables }, token)) as Result<unknown>;
}

/** Signs in and returns the session token; throws with the whole result when sign-in fails. */
export async function login(endpoint: Endpoint, email: string, password: string): Promise<string> {
  // The web app's own sign-in: the persisted document an anonymous caller may send.
  const result = await createTestClient(endpoint).execute(LoginDocument, { email, password });
  const payload = result.data?.login;
  if (payload?.__typename !== 'LoginSuccess') throw new Error(`login failed: ${JSON.stringify(result)}`);
  return payload.token;
}

/**
 * Asserts a union result's `__typename` and narrows its type to that member, so the test can read
 * the member's own fields.
 */
export function expectTypename<T extends { __typename?: string }, N extends NonNullable<T['__typename']>>(
  value: T | null | undefined,
  typename: N,
): Extract<T, { __typename?: N }> {
  expect(value?.__typename).toBe(typename);
  return value as Extract<T, { __typename?: N }>;
}

function collect<R>(client: Client, body: Body): Subscription<R> {
  const events: R[] = [];
  const errors: unknown[] = [];
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const dispose = client.subscribe<R>(
    body as { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        if (value.data) events.push(value.data);
        wake();
      },
      error: (error) => {
        errors.push(error);
        wake();
      },
      complete: () => {},
    },
  );
  return {
    events,
    errors,
    dispose,
    async until(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        if (errors.length > 0) throw new Error(`subscription error: ${JSON.stringify(errors)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for a subscription event; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
    },
  };
}
