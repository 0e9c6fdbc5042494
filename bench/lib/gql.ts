import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ADMIN } from './server.js';

export interface GqlResponse<T> {
  data?: T;
  errors?: Array<{ message: string }>;
}

/** One GraphQL request over HTTP; throws on transport or GraphQL errors so a benchmark never counts a failure. */
export async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GqlResponse<T>;
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  }
  return body.data;
}

/** A socket's close event, GraphQL errors or anything else, in one line. */
export function describeError(error: unknown): string {
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message ?? String(e)).join('; ');
  const close = error as { code?: number; reason?: string; message?: string };
  if (typeof close?.code === 'number') return `socket closed (${close.code}${close.reason ? ` ${close.reason}` : ''})`;
  return close?.message ?? String(error);
}

export async function login(url: string): Promise<string> {
  const data = await gql<{ login: { __typename: string; token?: string } }>(
    url,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { __typename ... on LoginSuccess { token } } }',
    ADMIN,
  );
  if (!data.login.token) throw new Error(`login failed: ${data.login.__typename}`);
  return data.login.token;
}

export function socket(wsUrl: string, token: string): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    // A closed socket is reported through each subscription's error sink instead of a dump of the event.
    onNonLazyError: () => {},
  });
}

/** Subscribes and hands every event to `onEvent`; an error goes to `onError`, printed when none is given. */
export function subscribe<T>(
  client: Client,
  query: string,
  onEvent: (data: T) => void,
  onError: (error: unknown) => void = (error) => console.error(`subscription error: ${describeError(error)}`),
): () => void {
  return client.subscribe<T>(
    { query },
    {
      next: (value) => {
        if (value.data) onEvent(value.data as T);
      },
      error: onError,
      complete: () => {},
    },
  );
}
