import { Api, TelegramClient } from 'telegram';
import { _handleUpdate as handleUpdate } from 'telegram/client/updates.js';
import { RPCMessageToError } from 'telegram/errors/index.js';
import { returnBigInt } from 'telegram/Helpers.js';
import { StringSession } from 'telegram/sessions/index.js';
import { GramjsTelegram } from '../../src/adapters/telegram/gramjs.js';
import type { App } from '../../src/app.js';
import { graphql } from '../gql/index.js';
import type { TestClient } from './graphql.js';
import { eventually, startApp, type TestApp } from './harness.js';

export const ME = returnBigInt(999000);
export const ACCOUNT = 'tg:999000';
export const BOT_TOKEN = '999000:AAAbbbCCCdddEEEfffGGGhhhIIIjjjKKK';

export function person(id: number, firstName: string): Api.User {
  return new Api.User({ id: returnBigInt(id), accessHash: returnBigInt(id * 7), firstName });
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * Telegram's servers for one account, as gramjs sees them through `invoke`: private chats with
 * their message ids, the account's update state (pts), the difference since any state, and
 * random_id deduplication (a repeated random_id is refused with RANDOM_ID_DUPLICATE).
 */
export class FakeTelegram {
  pts = 100;
  qts = 0;
  seq = 0;
  private nextId = 500;
  /** Every message of the account, oldest first, with the pts of the update that created it. */
  readonly messages: Array<{ pts: number; message: Api.Message }> = [];
  readonly users = new Map<string, Api.User>();
  private readonly randomIds = new Map<string, number>();
  readonly invoked: Api.AnyRequest[] = [];
  /** How many new messages one `updates.getDifference` answer holds before it becomes a slice. */
  sliceSize = 2;
  /** A difference asked from a pts below this is too long to list (updates.differenceTooLong). */
  tooLongBelow = 0;
  /** Runs after Telegram has accepted a sent message, before its answer leaves (tests break things here). */
  afterSend: ((message: Api.Message) => Promise<void>) | null = null;

  /** Set: Telegram has ended the account's session, and refuses every request with this error (401). */
  revoked: string | null = null;
  /** How many times a client of this account connected. */
  connects = 0;

  constructor(readonly kind: 'user' | 'bot' = 'user') {}

  /** A person writes to the account; returns the message as Telegram stores it. */
  receive(from: Api.User, text: string, date = now()): Api.Message {
    this.users.set(from.id.toString(), from);
    const message = new Api.Message({
      id: this.nextId++,
      peerId: new Api.PeerUser({ userId: from.id }),
      fromId: new Api.PeerUser({ userId: from.id }),
      date,
      message: text,
      out: false,
    });
    this.messages.push({ pts: ++this.pts, message });
    return message;
  }

  /** The live update Telegram pushes for a received message. */
  update(message: Api.Message): Api.Updates {
    const entry = this.messages.find((m) => m.message === message)!;
    return new Api.Updates({
      updates: [new Api.UpdateNewMessage({ message, pts: entry.pts, ptsCount: 1 })],
      users: [this.users.get((message.peerId as Api.PeerUser).userId.toString())!],
      chats: [],
      date: now(),
      seq: 0,
    });
  }

  sent(): Api.Message[] {
    return this.messages.filter((m) => m.message.out).map((m) => m.message);
  }

  private state() {
    return new Api.updates.State({ pts: this.pts, qts: this.qts, date: now(), seq: this.seq, unreadCount: 0 });
  }

  private difference(request: Api.updates.GetDifference) {
    if (request.pts < this.tooLongBelow) return new Api.updates.DifferenceTooLong({ pts: this.pts });
    const pending = this.messages.filter((m) => m.pts > request.pts);
    if (pending.length === 0) return new Api.updates.DifferenceEmpty({ date: now(), seq: this.seq });
    const part = pending.slice(0, this.sliceSize);
    const body = {
      newMessages: part.map((m) => m.message),
      newEncryptedMessages: [],
      otherUpdates: [],
      chats: [],
      users: [...this.users.values()],
    };
    if (part.length === pending.length) return new Api.updates.Difference({ ...body, state: this.state() });
    const last = part.at(-1)!;
    return new Api.updates.DifferenceSlice({
      ...body,
      intermediateState: new Api.updates.State({
        pts: last.pts,
        qts: this.qts,
        date: last.message.date,
        seq: this.seq,
        unreadCount: 0,
      }),
    });
  }

  private async send(request: Api.messages.SendMessage) {
    const key = request.randomId!.toString();
    if (this.randomIds.has(key)) {
      // What gramjs raises when Telegram answers a repeated random_id.
      throw RPCMessageToError(new Api.RpcError({ errorCode: 500, errorMessage: 'RANDOM_ID_DUPLICATE' }), request);
    }
    const peer = request.peer as Api.InputPeerUser;
    const message = new Api.Message({
      id: this.nextId++,
      peerId: new Api.PeerUser({ userId: peer.userId }),
      date: now(),
      message: request.message,
      out: true,
    });
    this.messages.push({ pts: ++this.pts, message });
    this.randomIds.set(key, message.id);
    await this.afterSend?.(message);
    return new Api.UpdateShortSentMessage({
      id: message.id,
      pts: this.pts,
      ptsCount: 1,
      date: message.date,
      out: true,
    });
  }

  private history(request: Api.messages.GetHistory) {
    if (this.kind === 'bot')
      throw RPCMessageToError(new Api.RpcError({ errorCode: 400, errorMessage: 'BOT_METHOD_INVALID' }), request);
    const userId = (request.peer as Api.InputPeerUser).userId.toString();
    const chat = this.messages
      .map((m) => m.message)
      .filter((m) => (m.peerId as Api.PeerUser).userId.toString() === userId && m.id > (request.minId ?? 0))
      .reverse()
      .slice(0, request.limit || 100);
    return new Api.messages.Messages({ messages: chat, users: [...this.users.values()], chats: [] });
  }

  /** The account's chats, most recently active first, each with its newest message. */
  private dialogs() {
    const tops = new Map<string, Api.Message>();
    for (const { message } of this.messages) tops.set((message.peerId as Api.PeerUser).userId.toString(), message);
    const newest = [...tops.values()].sort((a, b) => b.date - a.date);
    return new Api.messages.Dialogs({
      dialogs: newest.map(
        (m) =>
          new Api.Dialog({
            peer: m.peerId,
            topMessage: m.id,
            readInboxMaxId: 0,
            readOutboxMaxId: 0,
            unreadCount: 0,
            unreadMentionsCount: 0,
            unreadReactionsCount: 0,
            notifySettings: new Api.PeerNotifySettings({}),
          }),
      ),
      messages: newest,
      chats: [],
      users: [...this.users.values()],
    });
  }

  /** A real gramjs client whose only fake part is Telegram's servers. */
  client(): TelegramClient {
    const client = new TelegramClient(new StringSession(''), 1, 'hash', { connectionRetries: 0 });
    client.setLogLevel('none' as never);
    const self = new Api.User({ id: ME, bot: this.kind === 'bot', firstName: 'Desk', accessHash: returnBigInt(1) });
    client.start = async () => {};
    client.connect = async () => {
      this.connects++;
      return true;
    };
    client.checkAuthorization = async () => true;
    client.getMe = (async (inputPeer?: boolean) =>
      inputPeer ? new Api.InputPeerUser({ userId: ME, accessHash: returnBigInt(1) }) : self) as never;
    client.invoke = (async (request: Api.AnyRequest) => {
      this.invoked.push(request);
      if (this.revoked)
        throw RPCMessageToError(new Api.RpcError({ errorCode: 401, errorMessage: this.revoked }), request);
      if (request instanceof Api.messages.SendMessage) return this.send(request);
      if (request instanceof Api.messages.SetTyping) return true;
      if (request instanceof Api.messages.GetHistory) return this.history(request);
      if (request instanceof Api.updates.GetState) return this.state();
      if (request instanceof Api.updates.GetDifference) return this.difference(request);
      if (request instanceof Api.messages.GetDialogs && this.kind === 'user') return this.dialogs();
      throw new Error(`unexpected request ${request.className}`);
    }) as never;
    return client;
  }
}

/** gramjs's own update entry point: what its network layer calls for every update from Telegram. */
export const pushUpdate = (client: TelegramClient, update: Api.TypeUpdates | number) =>
  handleUpdate(client, update as unknown as Api.TypeUpdate);

const ComponentsQuery = graphql(`
  query TelegramComponents {
    health {
      components {
        name
        state
      }
    }
  }
`);

export interface TelegramApp {
  t: TestApp;
  app: App;
  client: TelegramClient;
  /** The first admin, signed in. */
  admin: TestClient;
  /** The health report's state of one component (asked without signing in, as a monitor would). */
  componentState(name: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

/** Starts the app with a gramjs port over `telegram` and waits for its gateway to be connected. */
export async function startWithTelegram(env: Record<string, string>, telegram: FakeTelegram): Promise<TelegramApp> {
  const telegramEnv = {
    ...env,
    TELEGRAM_API_ID: '1',
    TELEGRAM_API_HASH: 'hash',
    ...(telegram.kind === 'bot' ? { TELEGRAM_BOT_TOKEN: BOT_TOKEN } : { TELEGRAM_SESSION: 'session' }),
  };
  const client = telegram.client();
  const port = new GramjsTelegram(client, {
    kind: telegram.kind,
    botToken: telegram.kind === 'bot' ? BOT_TOKEN : undefined,
  });
  const t = await startApp(telegramEnv, { telegram: { port, connected: false } });
  const admin = t.as(await t.login());
  const componentState = async (name: string) =>
    (await t.anonymous.execute(ComponentsQuery)).data?.health.components.find((c) => c.name === name)?.state;
  await eventually(async () => (await componentState('telegram')) === 'ok', 10_000, 'telegram to connect');
  return { t, app: t.app, client, admin, componentState, stop: () => t.stop() };
}
