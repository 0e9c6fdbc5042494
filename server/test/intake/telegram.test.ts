import { Api, TelegramClient } from 'telegram';
import { _handleUpdate as handleUpdate } from 'telegram/client/updates.js';
import { returnBigInt } from 'telegram/Helpers.js';
import { StringSession } from 'telegram/sessions/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { RetryDeliveryDocument } from '../../../client/src/gql/graphql.js';
import { GramjsTelegram, randomIdFor, toInbound } from '../../src/adapters/telegram/gramjs.js';
import { failDelivery } from '../../src/delivery/deliver.js';
import {
  ApproveDraftMutation,
  ComponentStateQuery,
  QueuedDeliveriesQuery,
  QueuedDraftsQuery,
  QueuedIdsQuery,
} from '../support/documents.js';
import { eventually, modeEnv, startApp, type TestApp } from '../support/harness.js';

const BOT_TOKEN = '999000:AAAbbbCCCdddEEEfffGGGhhhIIIjjjKKK';
const ME = returnBigInt(999000);
const ANA = new Api.User({
  id: returnBigInt(12345),
  accessHash: returnBigInt(777),
  firstName: 'Ana',
  lastName: 'Silva',
  username: 'anasilva',
});

function incoming(id: number, text: string, from = ANA, date = Math.floor(Date.now() / 1000)) {
  return new Api.Message({
    id,
    peerId: new Api.PeerUser({ userId: from.id }),
    fromId: new Api.PeerUser({ userId: from.id }),
    date,
    message: text,
    out: false,
  });
}

function updates(...messages: Api.Message[]) {
  return new Api.Updates({
    updates: messages.map((message, i) => new Api.UpdateNewMessage({ message, pts: i + 1, ptsCount: 1 })),
    users: [ANA],
    chats: [],
    date: Math.floor(Date.now() / 1000),
    seq: 0,
  });
}

/**
 * A real gramjs client whose only fake part is Telegram's servers: `invoke` (and the two calls
 * that would open a connection) answer as Telegram would.
 */
function telegramAtBoundary(history: Api.Message[] = []) {
  const client = new TelegramClient(new StringSession(''), 1, 'hash', { connectionRetries: 0, baseLogger: undefined });
  client.setLogLevel('none' as never);
  const invoked: Api.AnyRequest[] = [];
  let nextId = 500;
  client.start = async () => {};
  client.getMe = (async (inputPeer?: boolean) =>
    inputPeer
      ? new Api.InputPeerUser({ userId: ME, accessHash: returnBigInt(1) })
      : new Api.User({ id: ME, bot: true, firstName: 'Desk' })) as never;
  client.invoke = (async (request: Api.AnyRequest) => {
    invoked.push(request);
    if (request instanceof Api.messages.SendMessage) {
      return new Api.UpdateShortSentMessage({
        id: nextId++,
        pts: 1,
        ptsCount: 1,
        date: Math.floor(Date.now() / 1000),
        out: true,
      });
    }
    if (request instanceof Api.messages.SetTyping) return true;
    if (request instanceof Api.messages.GetHistory)
      return new Api.messages.Messages({ messages: [...history].reverse(), users: [ANA], chats: [] });
    throw new Error(`unexpected request ${request.className}`);
  }) as never;
  return { client, invoked };
}

/** gramjs's own update entry point: what its network layer calls for every update from Telegram. */
const _handleUpdate = (client: TelegramClient, update: Api.TypeUpdates) =>
  handleUpdate(client, update as unknown as Api.TypeUpdate);

describe('Telegram through gramjs', () => {
  const apps: TestApp[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    for (const c of cleanups.splice(0)) await c();
  });

  it('maps only private incoming messages, describing media without text', () => {
    expect(toInbound('tg:1', incoming(10, 'Olá!'), ANA)).toMatchObject({
      account: 'tg:1',
      chatId: '12345',
      telegramUserId: '12345',
      telegramMessageId: '10',
      text: 'Olá!',
      displayName: 'Ana Silva',
      username: 'anasilva',
    });
    expect(
      toInbound(
        'tg:1',
        new Api.Message({ id: 11, peerId: new Api.PeerUser({ userId: ANA.id }), date: 1, message: 'mine', out: true }),
      ),
    ).toBeNull();
    expect(
      toInbound(
        'tg:1',
        new Api.Message({ id: 12, peerId: new Api.PeerChat({ chatId: returnBigInt(5) }), date: 1, message: 'group' }),
      ),
    ).toBeNull();
    const photo = new Api.Message({
      id: 13,
      peerId: new Api.PeerUser({ userId: ANA.id }),
      date: 1,
      message: '',
      media: new Api.MessageMediaPhoto({}),
    });
    expect(toInbound('tg:1', photo)?.text).toBe('[photo]');
    expect(randomIdFor('bubble-1').equals(randomIdFor('bubble-1'))).toBe(true);
    expect(randomIdFor('bubble-1').equals(randomIdFor('bubble-2'))).toBe(false);
  });

  async function start(env: Record<string, string>, boundary: ReturnType<typeof telegramAtBoundary>) {
    const port = new GramjsTelegram(boundary.client, { kind: 'bot', botToken: BOT_TOKEN });
    const t = await startApp(
      { ...env, TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ID: '1', TELEGRAM_API_HASH: 'hash' },
      { telegram: { port, connected: false } },
    );
    apps.push(t);
    const admin = t.as(await t.login());
    await eventually(
      async () =>
        (await t.anonymous.execute(ComponentStateQuery)).data!.health.components.find((c) => c.name === 'telegram')
          ?.state === 'ok',
      10_000,
      'telegram to connect',
    );
    return { t, app: t.app, admin };
  }

  it('turns gramjs updates into a reviewed reply sent with a deduplicating random_id', async () => {
    const m = await modeEnv('embedded');
    cleanups.push(m.cleanup);
    const boundary = telegramAtBoundary();
    const { app, admin } = await start(m.env, boundary);
    _handleUpdate(boundary.client, updates(incoming(41, 'Olá! Do you deliver?'), incoming(42, 'To Lisbon')));
    const draft = await eventually(
      async () => (await admin.execute(QueuedDraftsQuery)).data!.reviewQueue.edges[0]?.node,
      10_000,
      'the draft',
    );
    expect(draft.inboundText).toBe('Olá! Do you deliver?\nTo Lisbon');
    expect(draft.contact).toEqual({ telegramUserId: '12345', displayName: 'Ana Silva' });

    // The same update delivered twice (reconnects do that) stores nothing new.
    _handleUpdate(boundary.client, updates(incoming(42, 'To Lisbon')));
    await new Promise((r) => setTimeout(r, 300));
    expect(await app.core.analytics.message.count({ where: { direction: 'INBOUND' } })).toBe(2);

    expect(boundary.invoked.filter((r) => r instanceof Api.messages.SendMessage)).toHaveLength(0);
    const approved = await admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Olá Ana!', 'Yes, to Lisbon too.'], claim: true },
    });
    expect(approved.data!.approveDraft.__typename).toBe('ApproveDraftSuccess');
    const sends = await eventually(
      async () => {
        const s = boundary.invoked.filter((r): r is Api.messages.SendMessage => r instanceof Api.messages.SendMessage);
        return s.length === 2 ? s : null;
      },
      10_000,
      'both bubbles to be sent',
    );
    expect(sends.map((s) => s.message)).toEqual(['Olá Ana!', 'Yes, to Lisbon too.']);
    const peer = sends[0]!.peer as Api.InputPeerUser;
    expect([peer.userId.toString(), peer.accessHash.toString()]).toEqual(['12345', '777']);
    const bubbles = await app.core.analytics.outboxBubble.findMany({
      where: { draftId: draft.id },
      orderBy: { index: 'asc' },
    });
    expect(sends.map((s) => s.randomId!.toString())).toEqual(bubbles.map((b) => randomIdFor(b.id).toString()));
    expect(bubbles.map((b) => [b.status, b.telegramMessageId])).toEqual([
      ['SENT', '500'],
      ['SENT', '501'],
    ]);
  });

  it('shows a delivery that Telegram refused as failed with its reason, in the queue, and sends it again on request', async () => {
    const m = await modeEnv('embedded');
    cleanups.push(m.cleanup);
    const boundary = telegramAtBoundary();
    const { app, admin } = await start(m.env, boundary);
    const invoke = boundary.client.invoke.bind(boundary.client);
    let refuse = true;
    boundary.client.invoke = (async (request: Api.AnyRequest) => {
      if (refuse && request instanceof Api.messages.SendMessage) throw new Error('400: USER_IS_BLOCKED');
      return invoke(request as never);
    }) as never;

    _handleUpdate(boundary.client, updates(incoming(80, 'Hello?')));
    const draft = await eventually(
      async () => (await admin.execute(QueuedIdsQuery)).data!.reviewQueue.edges[0]?.node,
      10_000,
      'the draft',
    );
    await admin.execute(ApproveDraftMutation, { input: { draftId: draft.id, bubbles: ['Hi Ana!'], claim: true } });
    await eventually(
      async () =>
        (await app.core.analytics.job.findUnique({ where: { key: `deliver:${draft.id}` } }))?.lastError ===
        '400: USER_IS_BLOCKED',
      5000,
      'a refused attempt',
    );
    // What the runner does after the last attempt.
    await failDelivery(app.core, draft.id, '400: USER_IS_BLOCKED');

    const queued = (await admin.execute(QueuedDeliveriesQuery)).data!.reviewQueue.edges.map((e) => e.node);
    expect(queued).toEqual([
      { id: draft.id, status: 'APPROVED', deliveries: [{ status: 'FAILED', failureReason: '400: USER_IS_BLOCKED' }] },
    ]);

    refuse = false;
    const retry = async () => (await admin.execute(RetryDeliveryDocument, { draftId: draft.id })).data!.retryDelivery;
    expect((await retry()).__typename).toBe('RetryDeliverySuccess');
    const sent = await eventually(
      async () => boundary.invoked.find((r): r is Api.messages.SendMessage => r instanceof Api.messages.SendMessage),
      10_000,
      'the resend',
    );
    expect(sent.message).toBe('Hi Ana!');
    await eventually(
      async () =>
        (await app.core.analytics.outboxBubble.findFirst({ where: { draftId: draft.id } }))?.status === 'SENT',
      5000,
      'SENT',
    );
    expect((await admin.execute(QueuedDeliveriesQuery)).data!.reviewQueue.edges).toEqual([]);
    expect((await retry()).__typename).toBe('InvalidStateError');
  });

  it("answers /status to an admin id without review, and treats anyone else's /status as an ordinary message", async () => {
    const m = await modeEnv('embedded');
    cleanups.push(m.cleanup);
    const boundary = telegramAtBoundary();
    const { app } = await start({ ...m.env, ADMIN_TELEGRAM_IDS: '12345' }, boundary);
    _handleUpdate(boundary.client, updates(incoming(60, '/status')));
    const reply = await eventually(
      async () => boundary.invoked.find((r): r is Api.messages.SendMessage => r instanceof Api.messages.SendMessage),
      5000,
      'the admin reply',
    );
    expect(reply.message).toMatch(/^Drafts awaiting review: 0/);
    expect(await app.core.analytics.message.count()).toBe(0);

    const BOB = new Api.User({ id: returnBigInt(777000), accessHash: returnBigInt(5), firstName: 'Bob' });
    _handleUpdate(
      boundary.client,
      new Api.Updates({
        updates: [new Api.UpdateNewMessage({ message: incoming(61, '/status', BOB), pts: 1, ptsCount: 1 })],
        users: [BOB],
        chats: [],
        date: 0,
        seq: 0,
      }),
    );
    await eventually(
      async () => (await app.core.analytics.draft.count({ where: { contact: { telegramUserId: '777000' } } })) === 1,
      5000,
      "Bob's ordinary draft",
    );
    expect(boundary.invoked.filter((r) => r instanceof Api.messages.SendMessage)).toHaveLength(1);
  });

  it('recovers messages that arrived while the gateway was down, once', async () => {
    const m = await modeEnv('embedded');
    cleanups.push(m.cleanup);
    const first = telegramAtBoundary();
    const { t } = await start({ ...m.env, TELEGRAM_API_ID: '1' }, first);
    const now = Math.floor(Date.now() / 1000);
    const before = incoming(70, 'before the outage', ANA, now - 60);
    _handleUpdate(first.client, updates(before));
    await eventually(async () => (await t.app.core.analytics.message.count()) === 1, 5000, 'the first message');
    await t.stop();
    apps.splice(apps.indexOf(t), 1);

    // While down: 71 and 72 arrived. History also returns 70, already stored, and one too old.
    const old = incoming(69, 'ancient', ANA, Math.floor(Date.now() / 1000) - 13 * 3600);
    const second = telegramAtBoundary([
      old,
      before,
      incoming(71, 'during the outage', ANA, now - 30),
      incoming(72, 'still down?', ANA, now - 20),
    ]);
    const userMode = new GramjsTelegram(second.client, { kind: 'user' });
    // What connect() would have recorded from getMe: this gateway starts as already connected.
    Object.assign(userMode, { accountId: 'tg:999000' });
    const restarted = await startApp({ ...m.env }, { telegram: { port: userMode, connected: true } });
    apps.push(restarted);
    const db = restarted.app.core.analytics;
    await eventually(async () => (await db.message.count()) === 3, 10_000, 'recovered messages');
    const texts = (await db.message.findMany({ orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }] })).map(
      (x) => x.text,
    );
    expect(texts).toEqual(['before the outage', 'during the outage', 'still down?']);
    const history = second.invoked.find((r): r is Api.messages.GetHistory => r instanceof Api.messages.GetHistory)!;
    expect(history.minId).toBe(70);
  });
});
