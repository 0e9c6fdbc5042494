import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogoutDocument } from '../../../client/src/gql/graphql.js';
import { ChangePasswordMutation, MeQuery } from '../support/documents.js';
import { ADMIN, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

/** Two API processes of one deployment: sessions are cached in each, and ending one ends it in both. */
describe.skipIf(!servicesAvailable)('cached sessions across processes (services mode)', () => {
  let a: TestApp;
  let b: TestApp;
  let cleanup: () => Promise<void>;
  const reads: string[] = [];

  beforeAll(async () => {
    const m = await modeEnv('services');
    cleanup = m.cleanup;
    // A long cache: only the announcement can make the other process forget within this test.
    const env = { ...m.env, SESSION_CACHE_SECONDS: '300', ROLES: 'api' };
    a = await startApp(env);
    b = await startApp(env);
    // Counts session reads on process b, to show requests are answered from its cache.
    const original = b.app.core.analytics.session.findUnique.bind(b.app.core.analytics.session);
    (b.app.core.analytics.session as { findUnique: unknown }).findUnique = (args: { where: { tokenHash: string } }) => {
      reads.push(args.where.tokenHash);
      return original(args as never);
    };
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await cleanup?.();
  });

  const email = async (t: TestApp, token: string) => (await t.as(token).execute(MeQuery)).data?.me?.email ?? null;

  it('reads a session once per process, not once per request', async () => {
    const token = await a.login();
    reads.length = 0;
    for (let i = 0; i < 20; i++) expect(await email(b, token)).toBe(ADMIN.email);
    expect(reads).toHaveLength(1);
  });

  it('a sign-out on one process is refused at once on the other', async () => {
    const token = await a.login();
    const kept = await a.login();
    expect(await email(b, token)).toBe(ADMIN.email);
    expect((await a.as(token).execute(LogoutDocument)).data?.logout).toBe(true);
    // Pub/sub delivers within milliseconds; the cache would otherwise hold the session for 300 s.
    const deadline = Date.now() + 2000;
    while ((await email(b, token)) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await email(b, token)).toBeNull();
    expect(await email(b, kept)).toBe(ADMIN.email);
  });

  it('a password change on one process ends the other sessions on every process', async () => {
    const current = await a.login();
    const other = await a.login();
    expect(await email(b, other)).toBe(ADMIN.email);
    expect(await email(b, current)).toBe(ADMIN.email);
    const changed = await a.as(current).execute(ChangePasswordMutation, {
      input: { currentPassword: ADMIN.password, newPassword: 'another-horse-battery' },
    });
    expect(changed.data?.changePassword).toMatchObject({ __typename: 'ChangePasswordSuccess' });
    const deadline = Date.now() + 2000;
    while ((await email(b, other)) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await email(b, other)).toBeNull();
    expect(await email(b, current)).toBe(ADMIN.email);
  });
});

describe('a session evicted while it is being read', () => {
  it('is read afresh instead of failing the request', async () => {
    const { Sessions } = await import('../../src/auth/sessions.js');
    const { createMemoryPubSub } = await import('../../src/adapters/pubsub/memory.js');
    const { loadConfig } = await import('../../src/config.js');
    const { createLogger } = await import('../../src/logger.js');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const row = {
      tokenHash: 'x',
      reviewerId: 'r',
      createdAt: new Date(),
      lastSeenAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
      reviewer: { id: 'r', email: 'a@example.com' },
    };
    let reads = 0;
    const db = {
      session: {
        findUnique: async () => {
          reads += 1;
          if (reads === 1) await gate;
          return row;
        },
      },
    };
    const { pubsub } = createMemoryPubSub();
    const sessions = new Sessions(db as never, loadConfig({}), pubsub, createLogger('silent'));
    const pending = sessions.reviewerFor('token');
    await new Promise((r) => setImmediate(r));
    // Another process announces the end of this reviewer's other sessions while the read is in flight.
    pubsub.publish('sessionsEnded', { reviewerId: 'r' });
    sessions.forget({ tokenHash: (await import('../../src/auth/sessions.js')).tokenHash('token') });
    release();
    expect(await pending).toMatchObject({ id: 'r' });
    expect(reads).toBe(2);
    sessions.close();
  });
});
