import type { ServerResponse } from 'node:http';

/** A short plain-text answer (errors, refusals). */
export function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}

/** A refusal of a GraphQL request before GraphQL runs, in the shape GraphQL clients read. */
export function graphqlRefusal(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
