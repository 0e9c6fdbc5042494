import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createReviewer } from '../../src/auth/auth.js';
import { LoginMutation } from '../support/documents.js';
import type { Result } from '../support/graphql.js';
import { type Mode, type TestApp, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

type LoginResult = Result<{
  login: { __typename: string; token?: string; retryAfterSeconds?: number; message?: string };
}>;

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];
const PASSWORD = 'the-right-password';

/** POSTs GraphQL as a browser behind the proxy would: `address` goes in X-Forwarded-For. */
async function post(t: TestApp, body: unknown, address?: string): Promise<unknown> {
  const response = await fetch(t.endpoint.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
    body: JSON.stringify(body),
  });
  return response.json();
}

function signIn(t: TestApp, email: string, password: string, address?: string) {
  return post(t, { query: print(LoginMutation), variables: { email, password } }, address) as Promise<LoginResult>;
}

let accounts = 0;
async function account(t: TestApp): Promise<string> {
  const email = `limited-${++accounts}-${Date.now()}@example.com`;
  await createReviewer(t.app.core.analytics, { email, password: PASSWORD, displayName: 'Limited', role: 'VIEWER' });
  return email;
}

let addresses = 0;
const nextAddress = () => `203.0.113.${++addresses}`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe.each(modes)('failed sign-ins are limited (%s mode, behind one trusted proxy)', (mode) => {
  const app = useApp(mode, { TRUST_PROXY: '1' });

  it('locks an account after 5 failures: even the right password is refused, with the time to wait', async () => {
    const email = await account(app.t);
    for (let i = 0; i < 5; i++) {
      const wrong = await signIn(app.t, email, 'wrong-password', nextAddress());
      expect(wrong.data?.login.__typename).toBe('AuthenticationError');
    }
    const locked = await signIn(app.t, email, PASSWORD, nextAddress());
    expect(locked.data?.login.__typename).toBe('TooManyAttemptsError');
    expect(locked.data?.login.message).toMatch(/too many/i);
    expect(locked.data?.login.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(locked.data?.login.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // The same email in other letters is the same account.
    const shouted = await signIn(app.t, `  ${email.toUpperCase()} `, PASSWORD, nextAddress());
    expect(shouted.data?.login.__typename).toBe('TooManyAttemptsError');
  });

  // 15 is GRAPHQL_MAX_ALIASES's default; more aliases are refused before any runs (graphql-limits.test.ts).
  it('15 aliased logins in one request, the most a document may hold, check the password 5 times at most', async () => {
    const email = await account(app.t);
    const fields = Array.from(
      { length: 15 },
      (_, i) => `a${i}: login(email: "${email}", password: "guess-${i}") { __typename }`,
    );
    const result = (await post(app.t, { query: `mutation { ${fields.join('\n')} }` }, nextAddress())) as Result<
      Record<string, { __typename: string }>
    >;
    const kinds = Object.values(result.data ?? {}).map((r) => r.__typename);
    expect(kinds.filter((k) => k === 'AuthenticationError')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'TooManyAttemptsError')).toHaveLength(10);
    expect((await signIn(app.t, email, PASSWORD, nextAddress())).data?.login.__typename).toBe('TooManyAttemptsError');
  });

  it('parallel requests cannot overtake the count', async () => {
    const email = await account(app.t);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(app.t, email, `guess-${i}`, nextAddress())),
    );
    const kinds = results.map((r) => r.data?.login.__typename);
    expect(kinds.filter((k) => k === 'AuthenticationError')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'TooManyAttemptsError')).toHaveLength(25);
  });

  it('unknown emails are limited the same way', async () => {
    const email = `nobody-${Date.now()}@example.com`;
    for (let i = 0; i < 5; i++) await signIn(app.t, email, 'x-password', nextAddress());
    expect((await signIn(app.t, email, 'x-password', nextAddress())).data?.login.__typename).toBe(
      'TooManyAttemptsError',
    );
  });

  it('a successful sign-in clears the account’s failures', async () => {
    const email = await account(app.t);
    for (let i = 0; i < 4; i++) await signIn(app.t, email, 'wrong-password', nextAddress());
    expect((await signIn(app.t, email, PASSWORD, nextAddress())).data?.login.__typename).toBe('LoginSuccess');
    for (let i = 0; i < 4; i++) {
      const wrong = await signIn(app.t, email, 'wrong-password', nextAddress());
      expect(wrong.data?.login.__typename).toBe('AuthenticationError');
    }
    expect((await signIn(app.t, email, PASSWORD, nextAddress())).data?.login.__typename).toBe('LoginSuccess');
  });

  it('limits one client address to 20 failures across accounts', async () => {
    const address = nextAddress();
    for (let i = 0; i < 20; i++) {
      const wrong = await signIn(app.t, `spray-${i}-${Date.now()}@example.com`, 'wrong-password', address);
      expect(wrong.data?.login.__typename).toBe('AuthenticationError');
    }
    const email = await account(app.t);
    expect((await signIn(app.t, email, PASSWORD, address)).data?.login.__typename).toBe('TooManyAttemptsError');
    // Another address signs in to the same account at once.
    expect((await signIn(app.t, email, PASSWORD, nextAddress())).data?.login.__typename).toBe('LoginSuccess');
  });

  it('unknown emails cost the same work as known ones', async () => {
    const known = [await account(app.t), await account(app.t)];
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 8; i++) {
      for (const kind of ['known', 'unknown'] as const) {
        const email = kind === 'known' ? known[i % 2]! : `ghost-${i}-${Date.now()}@example.com`;
        const started = performance.now();
        const result = await signIn(app.t, email, 'wrong-password', nextAddress());
        times[kind].push(performance.now() - started);
        expect(result.data?.login.__typename).toBe('AuthenticationError');
      }
    }
    // Before the fix an unknown email answered about ten times faster than a known one.
    expect(median(times.unknown)).toBeGreaterThan(median(times.known) * 0.6);
  });

  it('writes sign-ins, failures and lock-outs to the audit table, without the password', async () => {
    const email = await account(app.t);
    const address = nextAddress();
    await signIn(app.t, email, PASSWORD, address);
    for (let i = 0; i < 6; i++) await signIn(app.t, email, 'secret-guess', address);
    const reviewer = await app.t.app.core.analytics.reviewer.findUniqueOrThrow({ where: { email } });
    const rows = await app.t.app.core.analytics.auditEntry.findMany({
      where: { action: { startsWith: 'signin.' }, reviewerId: reviewer.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((r) => r.action)).toEqual(['signin.success', ...Array(5).fill('signin.failure'), 'signin.locked']);
    expect(rows[0]!.detail).toMatchObject({ address });
    expect(rows[1]!.detail).toMatchObject({ reason: 'wrong-password', address });
    expect(rows[6]!.detail).toMatchObject({ limit: 'account', address });
    expect(JSON.stringify(rows)).not.toContain('secret-guess');
    const unknown = `ghost-audit-${Date.now()}@example.com`;
    await signIn(app.t, unknown, 'secret-guess', address);
    const ghost = await app.t.app.core.analytics.auditEntry.findMany({
      where: { action: 'signin.failure', detail: { path: ['email'], equals: unknown } },
    });
    expect(ghost).toHaveLength(1);
    expect(ghost[0]!.detail).toMatchObject({ reason: 'unknown-email', address });
  });
});

describe.each(modes)('without a trusted proxy (%s mode)', (mode) => {
  const app = useApp(mode, { SIGNIN_MAX_PER_ADDRESS: '3' });

  it('ignores X-Forwarded-For: a client cannot pick a fresh address per attempt', async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await signIn(app.t, `spoof-${i}@example.com`, 'wrong-password', nextAddress());
      expect(wrong.data?.login.__typename).toBe('AuthenticationError');
    }
    const refused = await signIn(app.t, 'spoof-4@example.com', 'wrong-password', nextAddress());
    expect(refused.data?.login.__typename).toBe('TooManyAttemptsError');
    const rows = await app.t.app.core.analytics.auditEntry.findMany({ where: { action: 'signin.failure' } });
    expect(new Set(rows.map((r) => (r.detail as { address: string }).address))).toEqual(new Set(['127.0.0.1']));
  });
});
