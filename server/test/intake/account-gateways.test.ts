import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GramjsTelegram, revokedBy } from '../../src/adapters/telegram/gramjs.js';
import type { TelegramConnector } from '../../src/ports.js';
import { ApproveDraftMutation, ReviewQueueQuery, TelegramAccountStatesQuery } from '../support/documents.js';
import type { TestClient } from '../support/graphql.js';
import { eventually, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';
import { ACCOUNT, FakeTelegram, person, pushUpdate } from '../support/telegram.js';

const ERIN = person(41001, 'Erin');

/**
 * Two gateway processes (services mode, real PostgreSQL and Redis leases) serving one user account added in
 * the app. Telegram is faked at gramjs's `invoke`; each process opens its own real gramjs client over it.
 */
describe.skipIf(!servicesAvailable)('accounts added in the app: one gateway each, failover, revocation', () => {
  const telegram = new FakeTelegram('user');
  /** The gramjs clients the gateways opened, newest last: Telegram pushes updates down the live one. */
  const clients: ReturnType<FakeTelegram['client']>[] = [];
  const connector: TelegramConnector = {
    async open(account) {
      expect(account.secret).toBe('the-session-string');
      const client = telegram.client();
      clients.push(client);
      return new GramjsTelegram(client, { kind: 'user' });
    },
    revoked: revokedBy,
  };
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  const apps: TestApp[] = [];
  let admin: TestClient;

  const start = async () => {
    const t = await startApp(env, { connector });
    apps.push(t);
    return t;
  };
  const account = async () =>
    (await admin.execute(TelegramAccountStatesQuery)).data!.telegramAccounts.find((a) => a.id === ACCOUNT)!;

  beforeAll(async () => {
    const m = await modeEnv('services');
    env = {
      ...m.env,
      GATEWAY_LEASE_SECONDS: '1.5',
      TELEGRAM_API_ID: '1',
      TELEGRAM_API_HASH: 'hash',
      ACCOUNT_SECRETS_KEY: randomBytes(32).toString('base64'),
    };
    cleanup = m.cleanup;
    // The account as a login from the app leaves it: its session sealed, waiting for a gateway.
    const api = await startApp({ ...env, ROLES: 'api' });
    const { core } = api.app;
    await core.analytics.telegramAccount.create({
      data: {
        id: ACCOUNT,
        kind: 'USER',
        label: 'Sales',
        source: 'app',
        state: 'CONNECTING',
        adminTelegramIds: [],
        ...core.secrets.columns('the-session-string', ACCOUNT),
      },
    });
    await api.stop();
  }, 60_000);
  afterAll(async () => {
    for (const t of apps) await t.stop();
    await cleanup?.();
  });

  async function replyTo(text: string, reply: string) {
    const message = telegram.receive(ERIN, text);
    await pushUpdate(clients.at(-1)!, telegram.update(message));
    const draft = await eventually(
      async () =>
        (await admin.execute(ReviewQueueQuery)).data?.reviewQueue.edges.find((e) => e.node.inboundText === text)?.node,
      15_000,
      `the draft of "${text}"`,
    );
    await admin.execute(ApproveDraftMutation, { input: { draftId: draft.id, bubbles: [reply], claim: true } });
    await eventually(async () => telegram.sent().some((m) => m.message === reply), 15_000, `"${reply}" to be sent`);
  }

  it('one process connects the account; when it stops, the standby takes it over and replies go on', async () => {
    const first = await start();
    admin = first.as(await first.login());
    const connected = await eventually(
      async () => {
        const a = await account();
        return a.state === 'CONNECTED' ? a : null;
      },
      15_000,
      'the account to connect',
    );
    expect(connected.stateDetail).toMatch(/^Connected from gateway /);
    const second = await start();
    await new Promise((r) => setTimeout(r, 1500));
    // The second process stands by: the account has exactly one connection.
    expect(clients).toHaveLength(1);
    expect(await account()).toMatchObject({ state: 'CONNECTED', stateDetail: connected.stateDetail });

    await replyTo('Hello, is the shop open?', 'Yes, until six.');

    await first.stop();
    apps.splice(apps.indexOf(first), 1);
    admin = second.as(await second.login());
    const taken = await eventually(
      async () => {
        const a = await account();
        return a.state === 'CONNECTED' && a.stateDetail !== connected.stateDetail ? a : null;
      },
      15_000,
      'the standby to take the account over',
    );
    expect(taken.stateDetail).toMatch(/^Connected from gateway /);
    expect(clients).toHaveLength(2);

    await replyTo('And tomorrow?', 'Tomorrow from nine.');
    expect(telegram.sent().map((m) => m.message)).toEqual(['Yes, until six.', 'Tomorrow from nine.']);
  }, 90_000);

  it('a revoked session moves the account to NEEDS_LOGIN, and nobody retries it', async () => {
    const connects = telegram.connects;
    telegram.revoked = 'AUTH_KEY_UNREGISTERED';
    // Telegram drops the connection; gramjs reconnects and the catch-up meets the refusal.
    await pushUpdate(clients.at(-1)!, 1 /* UpdateConnectionState.connected */);
    const revoked = await eventually(
      async () => {
        const a = await account();
        return a.state === 'NEEDS_LOGIN' ? a : null;
      },
      15_000,
      'NEEDS_LOGIN',
    );
    expect(revoked.stateDetail).toBe('Telegram ended the session (AUTH_KEY_UNREGISTERED): sign in again');
    await new Promise((r) => setTimeout(r, 2500));
    expect(telegram.connects).toBe(connects);
    expect((await account()).state).toBe('NEEDS_LOGIN');
  }, 60_000);
});
