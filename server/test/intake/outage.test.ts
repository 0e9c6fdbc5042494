import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSpool } from '../../src/adapters/spool/file.js';
import { QueueTextsQuery } from '../support/documents.js';
import { eventually, modeEnv, outageEnv } from '../support/harness.js';
import { servicesAvailable, setReachable } from '../support/services.js';
import { ACCOUNT, FakeTelegram, person, pushUpdate, startWithTelegram, type TelegramApp } from '../support/telegram.js';

const ANA = person(12345, 'Ana');
const BO = person(23456, 'Bo');

const queued = async (t: TelegramApp) => (await t.admin.execute(QueueTextsQuery)).data?.reviewQueue.edges ?? [];

async function inboundTexts(t: TelegramApp): Promise<string[]> {
  const rows = await t.app.core.analytics.message.findMany({
    where: { direction: 'INBOUND' },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((m) => m.text);
}

describe.skipIf(!servicesAvailable)('Telegram intake during an analytics outage (services mode)', () => {
  const running: TelegramApp[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const t of running.splice(0)) await t.stop();
    for (const c of cleanups.splice(0)) await c();
  });

  /** A bot gateway on services storage whose analytics database it has just seen go down. */
  async function gatewayInOutage() {
    const m = await outageEnv('DATABASE_URL');
    cleanups.push(m.cleanup);
    const telegram = new FakeTelegram('bot');
    const t = await startWithTelegram(m.env, telegram);
    running.push(t);
    await setReachable(m.database, false);
    await eventually(async () => (await t.componentState('analytics')) === 'down', 10_000, 'the outage');
    return { env: m.env, analytics: m.database, telegram, t };
  }

  it('keeps what arrives while PostgreSQL refuses connections; stores each once, in order, on its return', async () => {
    const { analytics, telegram, t } = await gatewayInOutage();
    const burst = [
      [ANA, 'Hello, are you there?'],
      [BO, 'Hi! Quick question'],
      [ANA, 'I would like to order'],
      [ANA, 'two boxes, please'],
    ] as const;
    for (const [from, text] of burst) pushUpdate(t.client, telegram.update(telegram.receive(from, text)));
    await eventually(async () => (await t.componentState('intake')) === 'degraded', 10_000, 'intake to show degraded');

    await setReachable(analytics, true);
    await eventually(async () => (await t.componentState('intake')) === 'ok', 30_000, 'the buffer to drain');
    expect(await inboundTexts(t)).toEqual(burst.map(([, text]) => text));
    const drafts = await eventually(
      async () => {
        const edges = await queued(t);
        return edges.length === 2 ? edges.map((e) => e.node) : null;
      },
      15_000,
      'a draft for each person',
    );
    expect(drafts.map((d) => [d.contact.displayName, d.inboundText]).sort()).toEqual([
      ['Ana', 'Hello, are you there?\nI would like to order\ntwo boxes, please'],
      ['Bo', 'Hi! Quick question'],
    ]);
  }, 90_000);

  it('keeps them across a restart of the gateway during the outage', async () => {
    const { env, analytics, telegram, t: first } = await gatewayInOutage();
    for (const text of ['Is anyone reading this?', 'Hello?'])
      pushUpdate(first.client, telegram.update(telegram.receive(ANA, text)));
    await eventually(async () => (await first.componentState('intake')) === 'degraded', 10_000, 'the buffer');
    await first.stop();
    running.splice(0);

    await setReachable(analytics, true);
    const second = await startWithTelegram(env, telegram);
    running.push(second);
    await eventually(async () => (await second.componentState('intake')) === 'ok', 30_000, 'the buffer to drain');
    expect(await inboundTexts(second)).toEqual(['Is anyone reading this?', 'Hello?']);
  }, 90_000);
});

describe('Telegram intake after a crash with messages in the spool (embedded mode)', () => {
  it('stores and drafts what the file spool under DATA_DIR still holds when the gateway starts', async () => {
    const m = await modeEnv('embedded');
    const telegram = new FakeTelegram('bot');
    const left = await FileSpool.open(join(m.env.DATA_DIR!, 'spool'));
    for (const [id, text] of [
      [900, 'Sent while the database was away'],
      [901, 'and a second line'],
    ] as const) {
      await left.append({
        account: ACCOUNT,
        chatId: ANA.id.toString(),
        telegramUserId: ANA.id.toString(),
        telegramMessageId: String(id),
        text,
        displayName: 'Ana',
        accessHash: ANA.accessHash!.toString(),
        sentAt: new Date(),
      });
    }
    await left.close();
    const t = await startWithTelegram(m.env, telegram);
    try {
      const draft = await eventually(
        async () => (await queued(t))[0]?.node,
        15_000,
        'the draft of the spooled messages',
      );
      expect(draft).toEqual({
        inboundText: 'Sent while the database was away\nand a second line',
        contact: { displayName: 'Ana' },
      });
      expect(await t.componentState('intake')).toBe('ok');
    } finally {
      await t.stop();
      await m.cleanup();
    }
  });
});
