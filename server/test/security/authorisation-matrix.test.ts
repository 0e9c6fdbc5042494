/**
 * The authorisation matrix: every root field of the schema, as every kind of caller, over HTTP and
 * over the WebSocket, in both modes. MINIMUM_ROLE below is the policy a reader checks; the test
 * fails on a root field the table does not list, on an allowed cell the table refuses (unexpected
 * success) and on a refused cell the table allows (unexpected refusal).
 */
import { randomBytes } from 'node:crypto';
import { type Client, createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { schema as pothosSchema } from '../../src/graphql/schema/index.js';
import { rawGraphQL } from '../support/graphql.js';
import { ADMIN, type Mode, type TestApp, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';
import {
  classify,
  inThisRealm,
  type Kind,
  type Minimum,
  type Operation,
  type Outcome,
  operationFor,
  overWebSocket,
  rootFieldNames,
  subscriptionOverHttp,
} from './matrix.js';

/**
 * Who may use each root field: `public` is anyone, even without a token; otherwise the least role
 * (ADMIN > REVIEWER > VIEWER). DESIGN.md: everything but `login` and `health` needs a signed-in
 * reviewer; README's page table: reviewing and changing a person's status need REVIEWER, managing
 * the team, personas, failed jobs and GDPR erasure need ADMIN.
 */
const MINIMUM_ROLE: Record<Kind, Record<string, Minimum>> = {
  query: {
    apiKeys: 'ADMIN',
    auditActions: 'ADMIN',
    auditLog: 'ADMIN',
    contact: 'VIEWER',
    contacts: 'VIEWER',
    defaultPersonaPrompt: 'VIEWER',
    draft: 'VIEWER',
    editTags: 'VIEWER',
    draftPresence: 'VIEWER',
    failedJobs: 'ADMIN',
    funnelStats: 'VIEWER',
    health: 'public',
    me: 'public', // null without a valid token
    memoryStats: 'VIEWER',
    pendingUserLogins: 'ADMIN',
    personas: 'VIEWER',
    queueStats: 'VIEWER',
    reviewQueue: 'VIEWER',
    reviewers: 'ADMIN',
    reviewStats: 'VIEWER', // reviewerId other than one's own: ADMIN (test/insights/review-stats.test.ts)
    sandboxChat: 'VIEWER',
    telegramAccounts: 'VIEWER',
    templateVariables: 'VIEWER',
    templates: 'REVIEWER',
    webhookDeliveries: 'ADMIN',
    webhooks: 'ADMIN',
  },
  mutation: {
    addBotAccount: 'ADMIN',
    addSandboxAccount: 'ADMIN',
    cancelUserLogin: 'ADMIN',
    approveDraft: 'REVIEWER',
    changePassword: 'VIEWER',
    claimDraft: 'REVIEWER',
    correctProfile: 'REVIEWER',
    createApiKey: 'ADMIN', // and a person signed in: never an API key (KEY_REFUSED)
    createReviewer: 'ADMIN',
    deactivateReviewer: 'ADMIN',
    deleteTemplate: 'ADMIN',
    deleteWebhook: 'ADMIN',
    dismissFailedJob: 'ADMIN',
    eraseContact: 'ADMIN',
    leaveDraftPresence: 'VIEWER',
    login: 'public',
    logout: 'VIEWER',
    reactivateReviewer: 'ADMIN',
    redraftDraft: 'REVIEWER',
    removeTelegramAccount: 'ADMIN',
    rejectDraft: 'REVIEWER',
    releaseDraft: 'REVIEWER',
    resetReviewerPassword: 'ADMIN',
    retryDelivery: 'REVIEWER',
    revokeApiKey: 'ADMIN',
    retryDraft: 'REVIEWER',
    retireEditTag: 'ADMIN',
    retryFailedJob: 'ADMIN',
    sandboxSend: 'VIEWER',
    saveEditTag: 'ADMIN',
    savePersona: 'ADMIN',
    saveSettings: 'VIEWER',
    saveTemplate: 'ADMIN',
    saveWebhook: 'ADMIN',
    sendTestWebhookEvent: 'ADMIN',
    startUserLogin: 'ADMIN',
    submitLoginCode: 'ADMIN',
    submitLoginPassword: 'ADMIN',
    setCustomerStatus: 'REVIEWER',
    setReviewerRole: 'ADMIN',
    touchDraftPresence: 'VIEWER',
    undoApproval: 'REVIEWER',
    updateTelegramAccount: 'ADMIN',
  },
  subscription: {
    contactUpdated: 'VIEWER',
    draftPresence: 'VIEWER',
    draftQueued: 'VIEWER',
    draftUpdated: 'VIEWER',
    sandboxMessage: 'VIEWER',
    telegramAccountUpdated: 'VIEWER',
  },
};

const schema = inThisRealm(pothosSchema);

/** The WebSocket refuses the connection itself (close 4403) without a valid session, even for public fields. */
const WEBSOCKET_NEEDS_SESSION = true;

/**
 * What only a person signed in may do: an API key, whatever its role, is refused with ApiKeyNotAllowedError. Keys
 * act with their own role everywhere else.
 */
const KEY_REFUSED = new Set(['createApiKey', 'changePassword', 'saveSettings']);

type IdentityName =
  | 'anonymous'
  | 'forged'
  | 'expired'
  | 'VIEWER'
  | 'REVIEWER'
  | 'ADMIN'
  | 'revoked key'
  | 'expired key'
  | 'VIEWER key'
  | 'REVIEWER key'
  | 'ADMIN key';
const IDENTITIES: IdentityName[] = [
  'anonymous',
  'forged',
  'expired',
  'VIEWER',
  'REVIEWER',
  'ADMIN',
  'revoked key',
  'expired key',
  'VIEWER key',
  'REVIEWER key',
  'ADMIN key',
];
const RANK: Record<Minimum, number> = { public: 0, VIEWER: 1, REVIEWER: 2, ADMIN: 3 };
type Transport = 'http' | 'ws';

/** These end or change the caller's sessions when they succeed: each cell gets a session of its own. */
const OWN_SESSION = new Set(['logout', 'changePassword']);
/**
 * A subscription still quiet after this long was accepted; a refusal arrives at once on a quiet machine, but a
 * forged or expired token's refusal waits for its session lookup, which took over a second on a loaded one.
 */
const QUIET_MS = 3000;

interface Identity {
  name: IdentityName;
  /** 0 without a valid session or key. */
  rank: number;
  apiKey?: boolean;
  /** The token every cell shares. */
  token: string | null;
  /** A token of the same kind for a cell that may end its session. */
  fresh(): Promise<string | null>;
}

interface Cell {
  transport: Transport;
  identity: IdentityName;
  operation: Operation;
  expected: 'allowed' | 'refused';
  outcome: Outcome;
}

function expectedVerdict(
  field: string,
  minimum: Minimum,
  identity: Identity,
  transport: Transport,
): 'allowed' | 'refused' {
  if (transport === 'ws' && WEBSOCKET_NEEDS_SESSION && identity.rank === 0) return 'refused';
  if (identity.apiKey && KEY_REFUSED.has(field)) return 'refused';
  return identity.rank >= RANK[minimum] ? 'allowed' : 'refused';
}

const kinds: Kind[] = ['query', 'mutation', 'subscription'];

describe('the authorisation table', () => {
  it('lists every root field of the schema, and only those', () => {
    const fields = rootFieldNames(schema);
    for (const kind of kinds) expect(Object.keys(MINIMUM_ROLE[kind]).sort(), kind).toEqual(fields[kind]);
  });
});

async function addAccount(t: TestApp, adminToken: string, role: 'ADMIN' | 'REVIEWER' | 'VIEWER', email: string) {
  const password = 'matrix-password-1';
  const result = await rawGraphQL(
    t.endpoint,
    `mutation AddAccount($input: CreateReviewerInput!) {
      createReviewer(input: $input) { __typename }
    }`,
    { input: { email, displayName: email, password, role } },
    adminToken,
  );
  expect(result.data).toEqual({ createReviewer: { __typename: 'CreateReviewerSuccess' } });
  return { email, password };
}

async function identities(t: TestApp): Promise<Identity[]> {
  const adminToken = await t.login();
  const viewer = await addAccount(t, adminToken, 'VIEWER', 'matrix-viewer@example.com');
  const reviewer = await addAccount(t, adminToken, 'REVIEWER', 'matrix-reviewer@example.com');
  // An admin's session past its expiry: expiry must refuse even the strongest role.
  const lapsed = await addAccount(t, adminToken, 'ADMIN', 'matrix-expired@example.com');
  const expiredToken = async () => {
    const token = await t.login(lapsed.email, lapsed.password);
    const { id } = await t.app.core.analytics.reviewer.findUniqueOrThrow({ where: { email: lapsed.email } });
    await t.app.core.analytics.session.updateMany({
      where: { reviewerId: id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    return token;
  };
  const forged = () => randomBytes(32).toString('base64url');
  const signedIn = async (name: IdentityName, rank: number, email: string, password: string): Promise<Identity> => ({
    name,
    rank,
    token: await t.login(email, password),
    fresh: () => t.login(email, password),
  });
  const key = async (name: string, role: 'ADMIN' | 'REVIEWER' | 'VIEWER', expiresAt: Date | null = null) => {
    const result = await rawGraphQL(
      t.endpoint,
      `mutation MatrixKey($input: CreateApiKeyInput!) {
        createApiKey(input: $input) { ... on CreateApiKeySuccess { secret apiKey { id } } }
      }`,
      { input: { name, role, expiresAt } },
      adminToken,
    );
    const made = (result.data as { createApiKey?: { secret: string; apiKey: { id: string } } }).createApiKey;
    if (!made) throw new Error(`createApiKey failed: ${JSON.stringify(result)}`);
    return made;
  };
  const revokedKey = async () => {
    const made = await key('matrix revoked', 'ADMIN');
    await rawGraphQL(
      t.endpoint,
      'mutation R($id: ID!) { revokeApiKey(id: $id) { __typename } }',
      {
        id: made.apiKey.id,
      },
      adminToken,
    );
    return made.secret;
  };
  // An admin key past its expiry (set behind the cache's back, before the key was ever used).
  const expiredKey = async () => {
    const made = await key('matrix expired', 'ADMIN', new Date(Date.now() + 60_000));
    await t.app.core.analytics.apiKey.update({ where: { id: made.apiKey.id }, data: { expiresAt: new Date(0) } });
    return made.secret;
  };
  const withKey = async (name: IdentityName, rank: number, role: 'ADMIN' | 'REVIEWER' | 'VIEWER') => {
    const mint = async () => (await key(`matrix ${name}`, role)).secret;
    return { name, rank, apiKey: true, token: await mint(), fresh: mint };
  };
  return [
    { name: 'anonymous', rank: 0, token: null, fresh: async () => null },
    { name: 'forged', rank: 0, token: forged(), fresh: async () => forged() },
    { name: 'expired', rank: 0, token: await expiredToken(), fresh: expiredToken },
    await signedIn('VIEWER', 1, viewer.email, viewer.password),
    await signedIn('REVIEWER', 2, reviewer.email, reviewer.password),
    await signedIn('ADMIN', 3, ADMIN.email, ADMIN.password),
    { name: 'revoked key', rank: 0, apiKey: true, token: await revokedKey(), fresh: revokedKey },
    { name: 'expired key', rank: 0, apiKey: true, token: await expiredKey(), fresh: expiredKey },
    await withKey('VIEWER key', 1, 'VIEWER'),
    await withKey('REVIEWER key', 2, 'REVIEWER'),
    await withKey('ADMIN key', 3, 'ADMIN'),
  ];
}

function socketFor(t: TestApp, token: string | null): Client {
  const client = createClient({
    url: t.endpoint.wsUrl!,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  t.endpoint.sockets.push(client);
  return client;
}

async function runCell(t: TestApp, transport: Transport, identity: Identity, operation: Operation, socket: Client) {
  const own = OWN_SESSION.has(operation.field);
  const token = own ? await identity.fresh() : identity.token;
  if (transport === 'http') {
    if (operation.kind === 'subscription') return subscriptionOverHttp(t.endpoint.url, operation, token, QUIET_MS);
    return classify(await rawGraphQL(t.endpoint, operation.query, operation.variables, token), operation.field);
  }
  const client = own ? socketFor(t, token) : socket;
  try {
    return await overWebSocket(client, operation, QUIET_MS);
  } finally {
    if (own) await client.dispose();
  }
}

async function runMatrix(t: TestApp): Promise<Cell[]> {
  const callers = await identities(t);
  // login runs for real: a real account's right password, so no sign-in limit is spent on the matrix.
  const loginTarget = await addAccount(t, await t.login(), 'VIEWER', 'matrix-login@example.com');
  const operations = kinds.flatMap((kind) =>
    Object.keys(MINIMUM_ROLE[kind]).map((field) =>
      operationFor(schema, kind, field, field === 'login' ? loginTarget : {}),
    ),
  );
  const cells: Cell[] = [];
  // Sessions, then keys: all eleven callers at once made a loaded machine answer some refusals after QUIET_MS.
  const batches = [callers.filter((c) => !c.apiKey), callers.filter((c) => c.apiKey)];
  for (const transport of ['http', 'ws'] as const) {
    for (const batch of batches) await runBatch(transport, batch);
  }
  return cells;

  async function runBatch(transport: Transport, batch: Identity[]) {
    await Promise.all(
      batch.map(async (identity) => {
        const socket = socketFor(t, identity.token);
        // Subscriptions wait out their quiet time together; the rest run one after another.
        const subscriptions = operations.filter((operation) => operation.kind === 'subscription');
        const others = operations.filter((operation) => operation.kind !== 'subscription');
        const run = async (operation: Operation) => {
          const outcome = await runCell(t, transport, identity, operation, socket);
          const minimum = MINIMUM_ROLE[operation.kind][operation.field]!;
          const expected = expectedVerdict(operation.field, minimum, identity, transport);
          cells.push({ transport, identity: identity.name, operation, expected, outcome });
        };
        const listening = Promise.all(subscriptions.map(run));
        for (const operation of others) await run(operation);
        await listening;
        await socket.dispose();
      }),
    );
  }
}

const mark = (cell: Cell | undefined) => {
  if (!cell) return '  ';
  if (cell.outcome.verdict === 'invalid') return '??';
  if (cell.outcome.verdict === cell.expected) return cell.expected === 'allowed' ? ' Y' : ' -';
  return cell.outcome.verdict === 'allowed' ? '!Y' : '!-';
};

/** Y allowed, - refused, !Y unexpected success, !- unexpected refusal, ?? the cell proved nothing. */
function printTable(mode: Mode, cells: Cell[]) {
  const short: Record<IdentityName, string> = {
    anonymous: 'an',
    forged: 'fo',
    expired: 'ex',
    VIEWER: 'Vi',
    REVIEWER: 'Re',
    ADMIN: 'Ad',
    'revoked key': 'rk',
    'expired key': 'ek',
    'VIEWER key': 'kV',
    'REVIEWER key': 'kR',
    'ADMIN key': 'kA',
  };
  const header = ['http', 'ws'].map(
    (transport) => `${transport.padEnd(4)} ${IDENTITIES.map((i) => short[i]).join(' ')}`,
  );
  const lines = [`authorisation matrix (${mode} mode)`, `${''.padEnd(40)} ${header.join(' | ')}`];
  for (const kind of kinds) {
    for (const [field, minimum] of Object.entries(MINIMUM_ROLE[kind])) {
      const row = (['http', 'ws'] as const).map(
        (transport) =>
          `${''.padEnd(4)} ${IDENTITIES.map((identity) =>
            mark(
              cells.find((c) => c.transport === transport && c.identity === identity && c.operation.field === field),
            ),
          ).join(' ')}`,
      );
      lines.push(`${`${kind} ${field} (${minimum})`.padEnd(40)} ${row.join(' | ')}`);
    }
  }
  console.log(lines.join('\n'));
}

const describeCell = (cell: Cell) =>
  `${cell.transport} ${cell.identity} ${cell.operation.kind} ${cell.operation.field}: ` +
  `expected ${cell.expected}, saw ${cell.outcome.verdict} (${cell.outcome.seen})`;

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('authorisation matrix (%s mode)', (mode) => {
  const app = useApp(mode);

  it('refuses every cell the table refuses and allows every cell it allows', { timeout: 150_000 }, async () => {
    const started = Date.now();
    const cells = await runMatrix(app.t);
    printTable(mode, cells);
    const invalid = cells.filter((cell) => cell.outcome.verdict === 'invalid');
    const unexpectedSuccesses = cells.filter((c) => c.outcome.verdict === 'allowed' && c.expected === 'refused');
    const unexpectedRefusals = cells.filter((c) => c.outcome.verdict === 'refused' && c.expected === 'allowed');
    console.log(
      `authorisation matrix (${mode}): ${cells.length} cells checked, ` +
        `${unexpectedSuccesses.length} unexpected successes, ${unexpectedRefusals.length} unexpected refusals, ` +
        `${invalid.length} inconclusive, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const fieldCount = kinds.reduce((sum, kind) => sum + Object.keys(MINIMUM_ROLE[kind]).length, 0);
    expect(cells).toHaveLength(fieldCount * IDENTITIES.length * 2);
    expect.soft(unexpectedSuccesses.map(describeCell), 'unexpected successes').toEqual([]);
    expect.soft(unexpectedRefusals.map(describeCell), 'unexpected refusals').toEqual([]);
    expect.soft(invalid.map(describeCell), 'cells that checked nothing').toEqual([]);
  });
});
