import { afterEach, describe, expect, it } from 'vitest';
import { ApproveDraftMutation, DeliveriesQuery, QueueIdsQuery } from '../support/documents.js';
import { eventually, type Mode, modeEnv } from '../support/harness.js';
import { databaseOf, servicesAvailable, setReachable } from '../support/services.js';
import { FakeTelegram, person, pushUpdate, startWithTelegram, type TelegramApp } from '../support/telegram.js';

const ANA = person(12345, 'Ana');

/** The draft once none of its bubbles waits to be sent. */
async function settled(t: TelegramApp, id: string) {
  const draft = (await t.admin.execute(DeliveriesQuery, { id })).data?.draft;
  return draft?.deliveries.every((b) => b.status !== 'QUEUED') ? draft : null;
}

const firstInQueue = async (t: TelegramApp) => (await t.admin.execute(QueueIdsQuery)).data?.reviewQueue.edges[0]?.node;

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('a bubble Telegram accepted before the commit failed is delivered once (%s mode)', (mode) => {
  const running: TelegramApp[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const t of running.splice(0)) await t.stop();
    for (const c of cleanups.splice(0)) await c();
  });

  it('takes RANDOM_ID_DUPLICATE on the resend as delivered and records the original message id, once', async () => {
    const m = await modeEnv(mode);
    cleanups.push(m.cleanup);
    const analyticsDb = m.env.DATABASE_URL ? databaseOf(m.env.DATABASE_URL!) : null;
    if (analyticsDb) cleanups.unshift(() => setReachable(analyticsDb, true));
    const telegram = new FakeTelegram('user');
    const t = await startWithTelegram(m.env, telegram);
    running.push(t);

    pushUpdate(t.client, telegram.update(telegram.receive(ANA, 'Do you ship to Porto?')));
    const draft = await eventually(() => firstInQueue(t), 10_000, 'the draft');

    // Telegram accepts the bubble; then, before the bubble is recorded as sent, this process loses it:
    // services mode, the analytics database drops every connection (the commit fails); embedded mode,
    // the connection drops before Telegram's answer arrives.
    let accepted = false;
    telegram.afterSend = async () => {
      telegram.afterSend = null;
      accepted = true;
      if (analyticsDb) await setReachable(analyticsDb, false);
      else throw new Error('Connection closed before Telegram answered');
    };
    const approved = await t.admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Yes, we ship to Porto.'], claim: true },
    });
    expect(approved.data?.approveDraft.__typename).toBe('ApproveDraftSuccess');
    await eventually(async () => accepted, 10_000, 'Telegram to accept the bubble');
    if (analyticsDb) {
      await eventually(async () => (await t.componentState('analytics')) === 'down', 10_000, 'the outage');
      await setReachable(analyticsDb, true);
    }

    const delivered = await eventually(() => settled(t, draft.id), 30_000, 'the retried delivery to finish');
    expect(delivered.deliveries).toEqual([{ status: 'SENT', failureReason: null }]);
    const sent = telegram.sent();
    expect(sent.map((x) => x.message)).toEqual(['Yes, we ship to Porto.']);
    const outbound = delivered.contact.messages.edges.map((e) => e.node).filter((x) => x.direction === 'OUTBOUND');
    expect(outbound).toEqual([
      { direction: 'OUTBOUND', text: 'Yes, we ship to Porto.', telegramMessageId: String(sent[0]!.id) },
    ]);
  }, 60_000);
});

describe('a bot’s bubble Telegram accepted before the answer was lost (embedded mode)', () => {
  it('is recorded as sent once, without a message id, since bots cannot read history', async () => {
    const m = await modeEnv('embedded');
    const telegram = new FakeTelegram('bot');
    const t = await startWithTelegram(m.env, telegram);
    try {
      pushUpdate(t.client, telegram.update(telegram.receive(ANA, 'Are you open today?')));
      const draft = await eventually(() => firstInQueue(t), 10_000, 'the draft');
      telegram.afterSend = async () => {
        telegram.afterSend = null;
        throw new Error('Connection closed before Telegram answered');
      };
      await t.admin.execute(ApproveDraftMutation, {
        input: { draftId: draft.id, bubbles: ['Yes, until 8 pm.'], claim: true },
      });
      const delivered = await eventually(() => settled(t, draft.id), 30_000, 'the retried delivery to finish');
      expect(delivered.deliveries).toEqual([{ status: 'SENT', failureReason: null }]);
      expect(telegram.sent().map((x) => x.message)).toEqual(['Yes, until 8 pm.']);
      expect(delivered.contact.messages.edges.map((e) => e.node).filter((x) => x.direction === 'OUTBOUND')).toEqual([
        { direction: 'OUTBOUND', text: 'Yes, until 8 pm.', telegramMessageId: null },
      ]);
    } finally {
      await t.stop();
      await m.cleanup();
    }
  }, 60_000);
});
