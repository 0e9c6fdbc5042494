import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { type Mode, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];
const TOKEN = '5550001:AAH-configured-bot-token-0123456789';

const Accounts = graphql(`
  query TestConfiguredAccounts {
    telegramAccounts {
      id
      kind
      label
      state
    }
  }
`);

describe.each(modes)('the TELEGRAM_* account, imported at start (%s mode)', (mode) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let t: TestApp | undefined;
  beforeAll(async () => {
    const m = await modeEnv(mode);
    cleanup = m.cleanup;
    env = {
      ...m.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ID: '12345',
      TELEGRAM_API_HASH: '0123456789abcdef0123456789abcdef',
      // No gateway role: nothing connects to Telegram; the import happens at start in every process.
      ROLES: 'api,worker',
      ...(mode === 'services' ? { ACCOUNT_SECRETS_KEY: randomBytes(32).toString('base64') } : {}),
    };
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  const rawRows = async (app: TestApp) =>
    JSON.stringify(
      await app.app.core.analytics.$queryRaw`SELECT row_to_json(a)::text AS row FROM "TelegramAccount" a ORDER BY id`,
    );

  it('is listed as a bot account, its token sealed: the raw row holds no part of it', async () => {
    t = await startApp(env);
    const admin = t.as(await t.login());
    const listed = await admin.execute(Accounts);
    expect(listed.data?.telegramAccounts).toEqual([
      { id: 'sandbox', kind: 'SANDBOX', label: 'Sandbox', state: 'CONNECTED' },
      { id: 'tg:5550001', kind: 'BOT', label: 'Telegram bot', state: 'CONNECTING' },
    ]);
    const raw = await rawRows(t);
    expect(raw).not.toContain('configured-bot-token');
    expect(raw).not.toContain('AAH-');
    const row = await t.app.core.analytics.telegramAccount.findUniqueOrThrow({ where: { id: 'tg:5550001' } });
    expect(t.app.core.secrets.openColumns(row)).toBe(TOKEN);
  });

  it('is imported once: a restart changes nothing', async () => {
    const before = await rawRows(t!);
    await t!.stop();
    t = await startApp(env);
    expect(await t.app.core.analytics.telegramAccount.count()).toBe(2);
    expect(await rawRows(t)).toBe(before);
  });
});
