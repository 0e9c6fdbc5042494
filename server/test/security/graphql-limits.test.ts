import { type FormattedExecutionResult, getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.js';
import { limitsOf } from '../../src/graphql/limits.js';
import { rawGraphQL } from '../support/graphql.js';
import { ADMIN, type Mode, type TestApp, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];
const defaults = limitsOf(loadConfig({}));
const times = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join(' ');

/** One operation over graphql-ws: its single result, or the errors the server answered with. */
async function overWebSocket(
  t: TestApp,
  token: string | null,
  query: string,
): Promise<FormattedExecutionResult<unknown>> {
  const client = createClient({
    url: t.endpoint.wsUrl!,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  try {
    return await new Promise<FormattedExecutionResult<unknown>>((resolve, reject) => {
      let result: FormattedExecutionResult<unknown> | undefined;
      client.subscribe(
        { query },
        {
          next: (value) => {
            result = value as FormattedExecutionResult<unknown>;
          },
          error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
          complete: () => (result ? resolve(result) : reject(new Error('completed without a result'))),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

// 28 levels: __schema, types, fields, type, 23 × ofType, name.
const deepIntrospection = `{ __schema { types { fields { type { ${'ofType { '.repeat(23)}name${' }'.repeat(23)} } } } } }`;
const hostile = {
  depth: { query: deepIntrospection, message: `Query depth limit of ${defaults.depth} exceeded, found 28` },
  aliases: {
    query: `{ ${times(100, (i) => `h${i}: health { state }`)} }`,
    message: `Aliases limit of ${defaults.aliases} exceeded, found 100`,
  },
  directives: {
    query: `{ health { ${times(60, () => 'state @include(if: true)')} } }`,
    message: `Directives limit of ${defaults.directives} exceeded, found 60`,
  },
  tokens: {
    query: `{ health { ${'state '.repeat(20_000)}} }`,
    message: `Token limit of ${defaults.tokens} exceeded`,
  },
  cost: {
    query: '{ contacts(first: 100) { edges { node { messages(first: 100) { edges { node { id text } } } } } } }',
    message: `Query Cost limit of ${defaults.cost} exceeded`,
  },
};
const variables = {
  depth: 'GRAPHQL_MAX_DEPTH',
  aliases: 'GRAPHQL_MAX_ALIASES',
  directives: 'GRAPHQL_MAX_DIRECTIVES',
  tokens: 'GRAPHQL_MAX_TOKENS',
  cost: 'GRAPHQL_MAX_COST',
};

/** Refused before execution: no data, one typed error naming the limit and its variable, no stack. */
function expectRefused(result: FormattedExecutionResult<unknown>, message: string, variable?: string) {
  expect(result.data ?? undefined).toBeUndefined();
  expect(result.errors).toHaveLength(1);
  const error = result.errors![0]!;
  expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(error.message).toContain(message);
  if (variable) expect(error.message).toContain(variable);
  expect(JSON.stringify(result)).not.toMatch(/\bat .*\.(ts|js)|stack|Syntax Error/);
}

const loginFlood = (n: number) =>
  `mutation { ${times(n, (i) => `l${i}: login(email: "admin@example.com", password: "guess-${i}") { __typename }`)} }`;

describe.each(modes)('GraphQL limits (%s mode)', (mode) => {
  const app = useApp(mode);
  const sessions = () => app.t.app.core.analytics.session.count();

  for (const [limit, { query, message }] of Object.entries(hostile)) {
    it(`refuses a document over the ${limit} limit over HTTP and over the WebSocket`, async () => {
      const token = await app.t.login();
      expectRefused(await rawGraphQL(app.t.endpoint, query, undefined, token), message, variables[limit as 'depth']);
      expectRefused(await overWebSocket(app.t, token, query), message, variables[limit as 'depth']);
    });
  }

  it('runs no password check for a flood of aliased logins, over HTTP and over the WebSocket', async () => {
    const token = await app.t.login();
    const before = await sessions();
    // 40 aliases are over the alias limit; 100 are over the token limit before they are even parsed.
    for (const [n, message, variable] of [
      [40, `Aliases limit of ${defaults.aliases} exceeded, found 40`, 'GRAPHQL_MAX_ALIASES'],
      [100, `Token limit of ${defaults.tokens} exceeded`, 'GRAPHQL_MAX_TOKENS'],
    ] as const) {
      // Even the right password, hidden among the aliases, signs nobody in.
      const flood = loginFlood(n).replace('guess-7"', `${ADMIN.password}"`);
      expectRefused(await rawGraphQL(app.t.endpoint, flood), message, variable);
      expectRefused(await overWebSocket(app.t, token, flood), message, variable);
    }
    expect(await sessions()).toBe(before);
  });

  it('refuses a batch (an array body) and runs none of it', async () => {
    const before = await sessions();
    const login = {
      query: 'mutation { login(email: "admin@example.com", password: "correct-horse-battery") { __typename } }',
    };
    const response = await fetch(app.t.endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([login, login, login]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as FormattedExecutionResult<unknown>;
    expect(body.errors?.[0]?.message).toBe('Batching is not supported.');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(await sessions()).toBe(before);
  });

  it('lets signed-in users introspect, over HTTP and over the WebSocket', async () => {
    const token = await app.t.login();
    const http = await rawGraphQL(app.t.endpoint, getIntrospectionQuery(), undefined, token);
    expect(http.errors).toBeUndefined();
    expect((http.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(20);
    const ws = await overWebSocket(app.t, token, getIntrospectionQuery());
    expect(ws.errors).toBeUndefined();
    expect(ws.data).toEqual(http.data);
  });

  it('refuses introspection to anonymous callers, even of a document a signed-in user just ran', async () => {
    const token = await app.t.login();
    for (const query of [
      getIntrospectionQuery(),
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Query") { name } }',
    ]) {
      expect((await rawGraphQL(app.t.endpoint, query, undefined, token)).errors).toBeUndefined();
      const anonymous = await rawGraphQL(app.t.endpoint, query);
      expect(anonymous.data ?? undefined).toBeUndefined();
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(anonymous.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    }
    // A forged token is anonymous too.
    const forged = await rawGraphQL(app.t.endpoint, '{ __schema { queryType { name } } }', undefined, 'forged');
    expect(forged.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    // Over the WebSocket, an anonymous caller cannot even connect.
    await expect(overWebSocket(app.t, null, '{ __schema { queryType { name } } }')).rejects.toMatchObject({
      code: 4403,
    });
    // __typename is not introspection of the schema.
    expect((await rawGraphQL(app.t.endpoint, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('suggests no field names in validation errors', async () => {
    const token = await app.t.login();
    for (const t of [undefined, token]) {
      const result = await rawGraphQL(app.t.endpoint, '{ helth { stat } }', undefined, t);
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors?.[0]?.message).toContain('Cannot query field "helth" on type "Query".');
      expect(JSON.stringify(result)).not.toMatch(/Did you mean|health/);
    }
  });

  it('still runs ordinary documents under the limits', async () => {
    const result = await rawGraphQL(app.t.endpoint, `{ ${times(defaults.aliases, (i) => `h${i}: health { state }`)} }`);
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data as object)).toHaveLength(defaults.aliases);
  });
});
