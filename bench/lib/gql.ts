import { Agent, request } from 'node:http';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ADMIN } from './server.js';

export interface GqlResponse<T> {
  data?: T;
  errors?: Array<{ message: string }>;
}

/**
 * Kept-alive connections for every request. node:http rather than `fetch`: on these 2 cores the load generator
 * shares the CPU with the server it measures, and undici's `fetch` costs several times as much per request.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, body: string, token?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One GraphQL request over HTTP; throws on transport or GraphQL errors so a benchmark never counts a failure. */
export async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await post(url, JSON.stringify({ query, variables }), token);
  let body: GqlResponse<T>;
  try {
    body = JSON.parse(response.text) as GqlResponse<T>;
  } catch {
    throw new Error(`GraphQL ${response.status}: ${response.text.slice(0, 300)}`);
  }
  if (response.status !== 200 || body.errors?.length || !body.data) {
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
