/**
 * The authorisation matrix's machinery: one minimal operation per root field, built from the schema
 * itself, and the rule that reads a response as "refused" or "allowed past authorisation".
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  buildSchema,
  type FormattedExecutionResult,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  printSchema,
} from 'graphql';
import type { Client } from 'graphql-ws';

export type Kind = 'query' | 'mutation' | 'subscription';
export type Minimum = 'public' | 'VIEWER' | 'REVIEWER' | 'ADMIN';

export interface Operation {
  kind: Kind;
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * The schema in this module's copy of graphql. Pothos may have built it with the other copy (CommonJS
 * beside ESM), whose objects fail graphql's instanceof checks here: print it with that copy, then parse.
 */
export function inThisRealm(schema: GraphQLSchema): GraphQLSchema {
  try {
    printSchema(schema);
    return schema;
  } catch {
    const other = createRequire(import.meta.url)('graphql') as { printSchema(schema: unknown): string };
    return buildSchema(other.printSchema(schema));
  }
}

/** Every root field of the schema, by kind. */
export function rootFieldNames(schema: GraphQLSchema): Record<Kind, string[]> {
  const names = (type: { getFields(): Record<string, unknown> } | null | undefined) =>
    Object.keys(type?.getFields() ?? {}).sort();
  return {
    query: names(schema.getQueryType()),
    mutation: names(schema.getMutationType()),
    subscription: names(schema.getSubscriptionType()),
  };
}

/** A type-correct value for a required input: ids are random UUIDs, so they name no row. */
export function dummyValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return dummyValue(type.ofType);
  if (isListType(type)) return [dummyValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = dummyValue(field.type);
    }
    return value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'String':
        return 'x';
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date().toISOString();
    }
  }
  throw new Error(`no dummy value for input type ${String(type)}: teach dummyValue about it`);
}

/**
 * `kind { field(requiredArgs) { __typename } }` with the required arguments as variables;
 * `overrides` replace generated argument values (login gets real credentials).
 */
export function operationFor(
  schema: GraphQLSchema,
  kind: Kind,
  name: string,
  overrides: Record<string, unknown> = {},
): Operation {
  const root =
    kind === 'query'
      ? schema.getQueryType()
      : kind === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const field = root?.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
  if (!field) throw new Error(`${kind} ${name} is not in the schema`);
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const variables: Record<string, unknown> = {};
  for (const arg of required) variables[arg.name] = arg.name in overrides ? overrides[arg.name] : dummyValue(arg.type);
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const query =
    `${kind} Matrix_${name}${declarations ? `(${declarations})` : ''} ` +
    `{ ${name}${args ? `(${args})` : ''}${selection} }`;
  return { kind, field: name, query, variables };
}

/** What a cell showed: refused by authentication or role, allowed past it, or an operation that checked nothing. */
export interface Outcome {
  verdict: 'refused' | 'allowed' | 'invalid';
  /** What was seen: the result's __typename, an error code, "listening", "closed 4403". */
  seen: string;
}

const AUTH_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
/** Errors raised before any authorisation check: the operation itself was wrong, so the cell proves nothing. */
const REQUEST_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST']);

type Errors = FormattedExecutionResult['errors'];
/** A GraphQL response as JSON, whatever its data. */
type Response = { errors?: Errors; data?: unknown };

const codesOf = (errors: Errors) => (errors ?? []).map((error) => String(error.extensions?.code ?? 'NO_CODE'));

/** Reads one GraphQL response for `field`. */
export function classify(result: Response, field: string): Outcome {
  const codes = codesOf(result.errors);
  const data = result.data as Record<string, unknown> | null | undefined;
  const auth = codes.find((code) => AUTH_CODES.has(code));
  // A refusal that still carries the field's data let it through.
  if (auth && data?.[field] != null) return { verdict: 'allowed', seen: `data despite ${auth}` };
  if (auth) return { verdict: 'refused', seen: auth };
  const request = codes.find((code) => REQUEST_CODES.has(code) || code === 'NO_CODE');
  if (request) return { verdict: 'invalid', seen: `${request}: ${result.errors?.[0]?.message}` };
  // A resolver's own failure (masked as INTERNAL_SERVER_ERROR) only happens past authorisation.
  if (codes.length > 0) return { verdict: 'allowed', seen: codes[0]! };
  if (!data || !(field in data)) return { verdict: 'invalid', seen: `no data for ${field}` };
  const value = data[field] as { __typename?: string } | null;
  // A typed refusal: only a person signed in may do this, and the caller is an API key.
  if (value?.__typename === 'ApiKeyNotAllowedError') return { verdict: 'refused', seen: value.__typename };
  return { verdict: 'allowed', seen: value === null ? 'null' : (value.__typename ?? typeof value) };
}

/** What graphql-ws hands an error sink: a close event, a list of GraphQL errors, or an Error. */
export function classifyWsError(error: unknown, field: string): Outcome {
  const close = error as { code?: unknown; reason?: unknown };
  if (typeof close?.code === 'number') {
    return close.code === 4403
      ? { verdict: 'refused', seen: 'closed 4403' }
      : { verdict: 'invalid', seen: `closed ${close.code} ${String(close.reason)}` };
  }
  if (Array.isArray(error)) return classify({ errors: error }, field);
  return { verdict: 'invalid', seen: error instanceof Error ? error.message : String(error) };
}

/**
 * Runs one operation over a graphql-ws client. A query or mutation gives its result; a subscription
 * that is still quiet after `quietMs` was accepted (a refusal arrives at once, as an error).
 */
export function overWebSocket(client: Client, operation: Operation, quietMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      dispose();
      resolve(outcome);
    };
    const waitMs = operation.kind === 'subscription' ? quietMs : 10_000;
    const timer = setTimeout(
      () =>
        settle(
          operation.kind === 'subscription'
            ? { verdict: 'allowed', seen: 'listening' }
            : { verdict: 'invalid', seen: `no answer in ${waitMs} ms` },
        ),
      waitMs,
    );
    const dispose = client.subscribe(
      { query: operation.query, variables: operation.variables },
      {
        next: (result) => settle(classify(result, operation.field)),
        error: (error) => settle(classifyWsError(error, operation.field)),
        complete: () => settle({ verdict: 'invalid', seen: 'completed without a result' }),
      },
    );
  });
}

/**
 * Runs a subscription over HTTP as Server-Sent Events (Yoga's HTTP transport for subscriptions):
 * a refusal arrives at once as an event or a JSON body; a stream still quiet after `quietMs` was accepted.
 */
export async function subscriptionOverHttp(
  url: string,
  operation: Operation,
  token: string | null,
  quietMs: number,
): Promise<Outcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), quietMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
    });
    if (!response.headers.get('content-type')?.includes('text/event-stream')) {
      return classify((await response.json()) as Response, operation.field);
    }
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { verdict: 'invalid', seen: `stream ended: ${buffer.slice(0, 200)}` };
      buffer += value;
      const data = /^data: (.*)$/m.exec(buffer);
      if (data) {
        abort.abort();
        return classify(JSON.parse(data[1]!) as Response, operation.field);
      }
    }
  } catch (error) {
    if (abort.signal.aborted) return { verdict: 'allowed', seen: 'listening' };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
