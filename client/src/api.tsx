import { cacheExchange } from '@urql/exchange-graphcache';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { type ReactNode, useEffect, useState } from 'react';
import {
  Client,
  cacheExchange as documentCacheExchange,
  fetchExchange,
  mapExchange,
  Provider,
  subscriptionExchange,
} from 'urql';
import { sessionCacheConfig } from './cache';
import { LiveContext, LiveStore } from './live';

/** Code the server closes the socket with when the token is missing or no longer valid. */
const WS_FORBIDDEN = 4403;

function isCloseEvent(value: unknown): value is { code: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    typeof (value as { code: unknown }).code === 'number'
  );
}

/**
 * Trusted documents: every operation is sent as the id of its persisted copy (client/src/gql/
 * persisted-documents.json), never as text; the server runs only those for a web session. Codegen puts each
 * document's id in its `__meta__.hash`.
 */
const sendPersistedIds = () =>
  persistedExchange({
    enforcePersistedQueries: true,
    enableForMutation: true,
    enableForSubscriptions: true,
    preferGetForPersistedQueries: false,
    generateHash: async (_query, document) => {
      const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
      if (!hash) throw new Error('an operation without a persisted id: run `pnpm codegen`');
      return hash;
    },
  });

function webSocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/graphql`;
}

interface Api {
  client: Client;
  live: LiveStore;
  dispose(): void;
}

/**
 * One urql client per signed-in session: graphcache (normalised, updated by subscriptions),
 * fetch for queries and mutations, and graphql-ws for subscriptions.
 */
function connect(token: string, reviewerId: string, onSessionEnded: (why: string) => void): Api {
  const live = new LiveStore();
  let ended = false;
  const endSession = () => {
    if (ended) return;
    ended = true;
    onSessionEnded('Your session has ended. Please sign in again.');
  };

  const ws: WsClient = createWsClient({
    url: webSocketUrl(),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: async (retries) => {
      const ms = Math.min(10_000, 500 * 2 ** retries) * (0.75 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    shouldRetry: (event) => !(isCloseEvent(event) && event.code === WS_FORBIDDEN),
    on: {
      connecting: () => live.set({ state: live.get().connections === 0 ? 'connecting' : 'reconnecting' }),
      connected: () => live.set({ state: 'live', connections: live.get().connections + 1 }),
      closed: (event) => {
        if (isCloseEvent(event) && event.code === WS_FORBIDDEN) endSession();
        else live.set({ state: 'reconnecting' });
      },
    },
  });

  const client = new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) endSession();
        },
      }),
      cacheExchange(sessionCacheConfig(reviewerId)),
      sendPersistedIds(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    client,
    live,
    dispose: () => {
      ended = true;
      void ws.dispose();
    },
  };
}

/** Signed out there is only the login mutation: no cache, no socket. */
const anonymousClient = new Client({
  url: '/graphql',
  preferGetMethod: false,
  requestPolicy: 'network-only',
  exchanges: [documentCacheExchange, sendPersistedIds(), fetchExchange],
});

export function AnonymousApiProvider({ children }: { children: ReactNode }) {
  return <Provider value={anonymousClient}>{children}</Provider>;
}

export function SessionApiProvider({
  token,
  reviewerId,
  onSessionEnded,
  children,
}: {
  token: string;
  reviewerId: string;
  onSessionEnded: (why: string) => void;
  children: ReactNode;
}) {
  const [api, setApi] = useState<Api | null>(null);
  useEffect(() => {
    const next = connect(token, reviewerId, onSessionEnded);
    setApi(next);
    return () => next.dispose();
  }, [token, reviewerId, onSessionEnded]);
  if (!api) return null;
  return (
    <LiveContext.Provider value={api.live}>
      <Provider value={api.client}>{children}</Provider>
    </LiveContext.Provider>
  );
}
