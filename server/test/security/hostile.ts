import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

/** A seeded generator (mulberry32): the same seed sends the same requests, so a failure can be replayed. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

export type Random = ReturnType<typeof random>;

/** One HTTP request as the fuzz test sends it, through node's client (valid framing, hostile content). */
export interface HostileRequest {
  kind: 'http';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Bytes written to a socket as they are: broken framing that an HTTP client library would refuse to send. */
export interface RawRequest {
  kind: 'raw';
  bytes: Buffer;
}

const SCHEMA = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

const TRAVERSALS = [
  '/%',
  '/%%',
  '/%zz',
  '/%e0%a4%a',
  '/%00',
  '/index.html%00.js',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/..%2f..%2f..%2fpackage.json',
  '/assets/..%2f..%2f..%2f..%2fpackage.json',
  '/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
  '/%252e%252e/%252e%252e/package.json',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
  '/..\\..\\..\\package.json',
  '//etc/passwd',
  '/assets//../../server/src/main.ts',
  '/.env',
  '/.git/config',
  '/%2e%65%6e%76',
  '/assets/',
  '/assets/%',
  '/graphql/%',
  '/health%',
  '/health/../graphql',
  '/?%',
  '/?a=%ff%fe',
  '/*',
];

const STATIC = ['/', '/index.html', '/queue', '/drafts/x', '/assets/app.js', '/assets/missing.js', '/favicon.ico'];

function randomPathSegment(r: Random): string {
  const parts: string[] = [];
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    switch (r.int(6)) {
      case 0:
        parts.push(`%${r.int(256).toString(16).padStart(2, '0')}`);
        break;
      case 1:
        parts.push(r.pick(['%', '%1', '%g0', '%%', '%u0041']));
        break;
      case 2:
        parts.push(r.pick(['..', '.', '...', '~', '\\', ';', '@', ':', '!', '$']));
        break;
      case 3:
        parts.push('a'.repeat(1 + r.int(r.chance(0.1) ? 6000 : 40)));
        break;
      case 4: {
        const code = r.int(0x2ffff);
        // Lone surrogates have no UTF-8; the raw-byte case above sends invalid UTF-8 instead.
        parts.push(encodeURIComponent(String.fromCodePoint(code >= 0xd800 && code <= 0xdfff ? 0xfffd : code)));
        break;
      }
      default:
        parts.push(r.pick(['assets', 'graphql', 'health', 'index.html', 'etc', 'passwd', 'package.json']));
    }
  }
  return `/${parts.join(r.pick(['/', '', '/./', '//']))}`;
}

export function hostilePath(r: Random): string {
  const base = r.chance(0.3) ? r.pick(TRAVERSALS) : r.chance(0.3) ? r.pick(STATIC) : randomPathSegment(r);
  return r.chance(0.2) ? `${base}?${randomPathSegment(r).slice(1)}` : base;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/graphql-response+json',
  'application/graphql',
  'text/plain',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  '*/*',
  ';;;',
  'application/json; boundary=',
];

function randomHeaders(r: Random, token: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (r.chance(0.8)) headers['content-type'] = r.pick(CONTENT_TYPES);
  if (r.chance(0.5))
    headers.authorization = r.pick([
      `Bearer ${token}`,
      'Bearer',
      'Bearer ',
      `Bearer ${'x'.repeat(5000)}`,
      `Bearer ${token}${token}`,
      'Basic YWRtaW46YWRtaW4=',
      'Bearer \u00ff\u00fe',
      `bearer ${token.slice(1)}`,
    ]);
  if (r.chance(0.3))
    headers.accept = r.pick([
      'application/graphql-response+json',
      'text/event-stream',
      'multipart/mixed',
      'text/html',
      '*/*',
      'application/xml',
      ';q=x',
    ]);
  if (r.chance(0.2)) headers.origin = r.pick(['https://evil.example', 'null', 'http://127.0.0.1', '\u00ff']);
  if (r.chance(0.2)) headers['x-forwarded-for'] = r.pick(['1.2.3.4', 'garbage', '1.1.1.1, 2.2.2.2', '::1', '']);
  if (r.chance(0.1)) headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br', 'nonsense']);
  if (r.chance(0.1)) headers.range = r.pick(['bytes=0-1', 'bytes=-1', 'bytes=99999999-', 'bytes=x', 'lines=1-2']);
  if (r.chance(0.1)) headers['if-modified-since'] = r.pick(['yesterday', 'Thu, 01 Jan 1970 00:00:00 GMT']);
  if (r.chance(0.1)) headers['if-none-match'] = r.pick(['*', '"x"', 'W/""']);
  if (r.chance(0.1)) headers.cookie = 'a=%; b=\u00ff';
  if (r.chance(0.05)) headers['x-large'] = 'y'.repeat(8000);
  if (r.chance(0.05)) headers.upgrade = 'websocket';
  return headers;
}

function randomScalar(r: Random, name: string): unknown {
  if (r.chance(0.15))
    return r.pick([null, '', 'x'.repeat(r.chance(0.5) ? 70_000 : 300), -1, 1e308, true, [], {}, '\u0000', '💥']);
  switch (name) {
    case 'Int':
      return r.pick([0, 1, -1, 2 ** 31, 2 ** 53, 1.5, 100_000]);
    case 'Float':
      return r.pick([0, -1.5, 1e300, Number.MIN_VALUE]);
    case 'Boolean':
      return r.chance(0.5);
    case 'ID':
      return r.pick(['x', 'cl0000000000000000000000', '00000000-0000-0000-0000-000000000000', '1', '../../']);
    default:
      return r.pick(['x', 'a@b.c', 'correct-horse-battery', '<script>alert(1)</script>', '\u202e', '12345']);
  }
}

function randomInput(r: Random, type: GraphQLInputType, depth: number): unknown {
  if (isNonNullType(type)) return randomInput(r, type.ofType, depth);
  if (isListType(type)) {
    const n = r.chance(0.05) ? 2000 : r.int(3);
    return Array.from({ length: n }, () => randomInput(r, type.ofType, depth + 1));
  }
  if (isEnumType(type)) {
    const values = type.getValues();
    return r.chance(0.9) ? r.pick(values).name : 'NOT_A_VALUE';
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return {};
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isNonNullType(field.type) || r.chance(0.5)) out[field.name] = randomInput(r, field.type, depth + 1);
    // An own "__proto__" key, as JSON.parse makes it: the server must not pollute prototypes with it.
    if (r.chance(0.1)) Object.defineProperty(out, '__proto__', { value: { polluted: true }, enumerable: true });
    return out;
  }
  return randomScalar(r, isScalarType(type) ? type.name : 'String');
}

function selection(r: Random, type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (depth > 3) return '{ __typename }';
  if (isUnionType(named)) {
    const members = named.getTypes().filter(() => r.chance(0.5));
    return `{ __typename ${members.map((m) => `... on ${m.name} ${selection(r, m, depth + 1)}`).join(' ')} }`;
  }
  if (isObjectType(named) || isInterfaceType(named)) {
    const fields = Object.values(named.getFields()).filter(() => r.chance(0.4));
    const parts = fields.map((f) => `${f.name}${argumentsText(r, f.args)} ${selection(r, f.type, depth + 1)}`);
    return `{ __typename ${parts.join(' ')} }`;
  }
  return '';
}

function argumentsText(r: Random, args: readonly GraphQLArgument[]): string {
  const chosen = args.filter((a) => isNonNullType(a.type) || r.chance(0.3));
  if (chosen.length === 0) return '';
  return `(${chosen.map((a) => `${a.name}: $${a.name}`).join(', ')})`;
}

function variableDefinitions(args: readonly GraphQLArgument[]): string {
  return args.length ? `(${args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')})` : '';
}

/** A document built from the real schema: the right shape, with hostile values and a random selection. */
function schemaDocument(r: Random): { query: string; variables: Record<string, unknown> } {
  const root = r.pick(['query', 'mutation', 'subscription'] as const);
  const type =
    root === 'query'
      ? SCHEMA.getQueryType()
      : root === 'mutation'
        ? SCHEMA.getMutationType()
        : SCHEMA.getSubscriptionType();
  // logout would end the fuzzer's own session; it runs anonymously below.
  const fields = Object.values(type!.getFields()).filter((f: GraphQLField<unknown, unknown>) => f.name !== 'logout');
  const field = r.pick(fields);
  const variables: Record<string, unknown> = {};
  for (const arg of field.args)
    if (isNonNullType(arg.type) || r.chance(0.3)) variables[arg.name] = randomInput(r, arg.type, 0);
  if (r.chance(0.1)) for (const name of Object.keys(variables)) variables[name] = randomScalar(r, 'String');
  const used = field.args.filter((a) => a.name in variables);
  const args = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  return {
    query: `${root} Fuzz${variableDefinitions(used)} { ${field.name}${args} ${selection(r, field.type, 0)} }`,
    variables,
  };
}

function mangle(r: Random, text: string): string {
  const at = r.int(text.length + 1);
  const insert = r.pick(['{', '}', '(', '$', '...', '"', '"""', '#', '@skip', '\u0000', ' @include(if: $x) ', '...on']);
  return text.slice(0, at) + insert + text.slice(at + (r.chance(0.5) ? 1 : 0));
}

function hostileDocument(r: Random): { query: unknown; variables?: unknown; operationName?: unknown } {
  switch (r.int(10)) {
    case 0:
      return { query: `{ ${'me { __typename '.repeat(40 + r.int(200))}${'}'.repeat(40)} }` };
    case 1:
      return {
        query: `{ ${Array.from({ length: 200 + r.int(3000) }, (_, i) => `a${i}: health { state }`).join(' ')} }`,
      };
    case 2:
      return { query: `{ health ${'@skip(if: false) '.repeat(50 + r.int(500))}{ state } }` };
    case 3:
      return {
        query: `query Q { ...F } fragment F on Query { ...G } fragment G on Query { ...F }`,
      };
    case 4:
      return {
        query: `mutation { ${Array.from({ length: 50 }, (_, i) => `l${i}: login(email: "a${i}@b.c", password: "x") { __typename }`).join(' ')} }`,
      };
    case 5:
      return { query: r.pick([1, null, [], {}, true, '', ' ', '{', '{ __schema { types { name } } }']) };
    case 6:
      return {
        query: '{ health { state } }',
        variables: r.pick(['x', 1, [1], null, { a: { b: { c: [] } } }]),
        operationName: r.pick([1, 'Nope', null, {}]),
      };
    case 7: {
      const { query, variables } = schemaDocument(r);
      return { query: mangle(r, query), variables };
    }
    default:
      return schemaDocument(r);
  }
}

const INVALID_BODIES = [
  '',
  '{',
  '[',
  'null',
  '"x"',
  '1',
  '[]',
  '[{}]',
  '{"query":',
  '{"query": "{ health { state } }", "variables": "{"}',
  '{"query": "{ health { state } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "x"}}}',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `{"query": "{ health { state } }", "variables": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
  '\u0000\u0001\u0002',
  '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ health { state } }"}\r\n--x--',
  'query=%7B%20health%20%7B%20state%20%7D%20%7D',
];

function graphqlRequest(r: Random, token: string): HostileRequest {
  const headers = randomHeaders(r, token);
  if (r.chance(0.15)) {
    const doc = hostileDocument(r);
    const params = new URLSearchParams({ query: String(doc.query) });
    if (r.chance(0.5)) params.set('variables', r.pick(['{', '[]', '{"id": 1}', 'null']));
    return { kind: 'http', method: r.pick(['GET', 'HEAD']), path: `/graphql?${params}`, headers };
  }
  const method = r.chance(0.9) ? 'POST' : r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  let body: string;
  if (r.chance(0.15)) body = r.pick(INVALID_BODIES);
  else if (r.chance(0.05)) body = JSON.stringify(Array.from({ length: 1 + r.int(50) }, () => hostileDocument(r)));
  else body = JSON.stringify(hostileDocument(r));
  if (r.chance(0.03)) body = `{"query": "{ health { state } }", "pad": "${'x'.repeat(3 * 1024 * 1024)}"}`;
  return {
    kind: 'http',
    method,
    path: r.chance(0.9) ? '/graphql' : `/graphql?${hostilePath(r).slice(1)}`,
    headers,
    body,
  };
}

const RAW = [
  'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET / /  HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
  'GET / HTTP/1.1\r\nHost: x\r\nNo-Colon\r\n\r\n',
  `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'z'.repeat(20_000)}\r\n\r\n`,
  'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
  'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n0\r\n\r\n',
  'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
  'BREW /coffee HTCPCP/1.0\r\n\r\n',
  'GET\r\n\r\n',
  '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003',
  'GET /%ff%fe HTTP/1.1\r\nHost: \u00ff\r\n\r\n',
  'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n',
  'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
  'GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n\r\n',
];

/** The next hostile request: a path, headers and body chosen by the seed. */
export function hostileRequest(r: Random, token: string): HostileRequest | RawRequest {
  const roll = r.next();
  if (roll < 0.08) return { kind: 'raw', bytes: Buffer.from(r.pick(RAW), 'latin1') };
  if (roll < 0.55) return graphqlRequest(r, token);
  const method = r.chance(0.7)
    ? 'GET'
    : r.pick(['HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'PROPFIND']);
  const path = r.chance(0.1) ? r.pick(['/health', '/health?x=%']) : hostilePath(r);
  const headers = randomHeaders(r, token);
  const body = method === 'GET' || method === 'HEAD' ? undefined : r.pick(INVALID_BODIES);
  return { kind: 'http', method, path, headers, body };
}
