import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../auth/sessions.js';

/** Written by `pnpm codegen` (the client preset's persistedDocuments): hash → the web app's operation text. */
export const PERSISTED_DOCUMENTS_FILE = fileURLToPath(
  new URL('../../../client/src/gql/persisted-documents.json', import.meta.url),
);

export const PERSISTED_QUERY_ONLY = 'PERSISTED_QUERY_ONLY';
export const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';

/** The web app's operations by id. A missing file (the web app never generated) is an empty set. */
export function loadPersistedDocuments(file = PERSISTED_DOCUMENTS_FILE): ReadonlyMap<string, string> {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  const parsed = JSON.parse(raw) as Record<string, unknown>;
  return new Map(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Who may send a document's full text: API keys (integrators) always, everyone when enforcement is off.
 * Web sessions and anonymous callers send the id of one of the web app's persisted documents.
 */
export function mayRunArbitrary(principal: Principal | null, enforced: boolean): boolean {
  return !enforced || principal?.apiKey != null;
}

/** Over HTTP the answer is a 400; Yoga keeps `http` out of the response body. */
const http = { http: { status: 400 } };

export function persistedOnlyError(overHttp = true): GraphQLError {
  return new GraphQLError(
    'Only the web app’s own operations can be run with a session: send a persisted document id, or use an API key.',
    { extensions: { code: PERSISTED_QUERY_ONLY, ...(overHttp ? http : {}) } },
  );
}

export function persistedNotFoundError(overHttp = true): GraphQLError {
  return new GraphQLError('Unknown persisted document id.', {
    extensions: { code: PERSISTED_QUERY_NOT_FOUND, ...(overHttp ? http : {}) },
  });
}

/**
 * The id a request names, in Apollo's `extensions.persistedQuery.sha256Hash` (what urql's persisted exchange
 * sends; Yoga refuses other body fields such as `documentId`).
 */
export function persistedIdOf(params: { extensions?: unknown }): string | null {
  const pq = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof pq?.sha256Hash === 'string' ? pq.sha256Hash : null;
}

/** Yoga plugin over HTTP: persisted ids resolve to their text; full texts only where `mayRunArbitrary`. */
export function trustedDocumentsPlugin(
  documents: ReadonlyMap<string, string>,
  principalOf: (request: Request) => Promise<Principal | null>,
  enforced: boolean,
): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => documents.get(id) ?? null,
    extractPersistedOperationId: (params) => persistedIdOf(params),
    allowArbitraryOperations: enforced ? async (request) => mayRunArbitrary(await principalOf(request), true) : true,
    customErrors: {
      persistedQueryOnly: () => persistedOnlyError(),
      keyNotFound: () => persistedOnlyError(),
      notFound: () => persistedNotFoundError(),
    },
  }) as Plugin;
}
