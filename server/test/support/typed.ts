import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { App } from '../../src/app.js';

/**
 * Runs one of the web app's generated documents through yoga.fetch, typed by codegen: the server
 * tests and the client share one source of truth for operations and their result types.
 */
export async function execute<R, V>(
  app: App,
  document: TypedDocumentNode<R, V>,
  variables: V,
  token?: string,
): Promise<{ data?: R; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const response = await app.fetch('http://countersign.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as { data?: R };
}
