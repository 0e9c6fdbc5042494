import { createHash } from 'node:crypto';
import { Api, TelegramClient } from 'telegram';
import { NewMessage, type NewMessageEvent } from 'telegram/events/index.js';
import { Raw } from 'telegram/events/Raw.js';
import { readBigIntFromBuffer, returnBigInt } from 'telegram/Helpers.js';
import { UpdateConnectionState } from 'telegram/network/index.js';
import { StringSession } from 'telegram/sessions/index.js';
import type {
  AccountSecret,
  ChatTarget,
  Difference,
  InboundMessage,
  SendResult,
  TelegramConnector,
  TelegramPort,
  UpdateState,
} from '../../ports.js';

export interface TelegramSettings {
  kind: 'user' | 'bot';
  apiId: number;
  apiHash: string;
  session?: string;
  botToken?: string;
}

export function createTelegramClient(settings: TelegramSettings): TelegramClient {
  return new TelegramClient(new StringSession(settings.session ?? ''), settings.apiId, settings.apiHash, {
    connectionRetries: 10,
    // Flood waits up to 5 minutes are slept through inside gramjs; longer ones fail the attempt.
    floodSleepThreshold: 300,
  });
}

/** MTProto random_id from the bubble id: a resend of the same bubble is dropped by Telegram itself. */
export function randomIdFor(dedupeKey: string) {
  return readBigIntFromBuffer(createHash('sha256').update(dedupeKey).digest().subarray(0, 8), true, true);
}

/** gramjs raises Telegram's answer to a repeated random_id as an RPCError with this message (code 500). */
function isDuplicateRandomId(error: unknown): boolean {
  return (error as { errorMessage?: unknown } | null)?.errorMessage === 'RANDOM_ID_DUPLICATE';
}

/** Telegram's answers meaning a session or bot token is gone for good: signing in again is the only way back. */
const REVOKED = new Set([
  'AUTH_KEY_UNREGISTERED',
  'AUTH_KEY_INVALID',
  'AUTH_KEY_PERM_EMPTY',
  'SESSION_REVOKED',
  'SESSION_EXPIRED',
  'USER_DEACTIVATED',
  'USER_DEACTIVATED_BAN',
  'ACCESS_TOKEN_INVALID',
  'ACCESS_TOKEN_EXPIRED',
]);

/** Telegram's error name when `error` says the account's session or token was revoked; else null. */
export function revokedBy(error: unknown): string | null {
  const message = (error as { errorMessage?: unknown } | null)?.errorMessage;
  return typeof message === 'string' && REVOKED.has(message) ? message : null;
}

/** Oldest first; a stable sort keeps Telegram's order within a second. */
const byDate = (messages: InboundMessage[]) =>
  messages.sort((a, b) => (a.sentAt?.getTime() ?? 0) - (b.sentAt?.getTime() ?? 0));

function describeMedia(message: Api.Message): string {
  const media = message.media;
  if (!media) return '';
  if (media instanceof Api.MessageMediaPhoto) return '[photo]';
  if (media instanceof Api.MessageMediaDocument) return '[file]';
  if (media instanceof Api.MessageMediaGeo || media instanceof Api.MessageMediaGeoLive) return '[location]';
  if (media instanceof Api.MessageMediaContact) return '[contact]';
  return '[media]';
}

/** Maps a private, incoming Telegram message to an inbound message; anything else is not ours. */
export function toInbound(account: string, message: Api.Message, sender?: Api.User): InboundMessage | null {
  if (message.out || !(message.peerId instanceof Api.PeerUser)) return null;
  const userId = message.peerId.userId.toString();
  const text = message.message?.trim() ? message.message : describeMedia(message);
  if (!text) return null;
  const name = [sender?.firstName, sender?.lastName].filter(Boolean).join(' ').trim();
  return {
    account,
    chatId: userId,
    telegramUserId: userId,
    telegramMessageId: String(message.id),
    text,
    displayName: name || (sender?.username ? `@${sender.username}` : `Telegram user ${userId}`),
    username: sender?.username ?? null,
    accessHash: sender?.accessHash?.toString() ?? null,
    sentAt: new Date(message.date * 1000),
  };
}

const ZERO_HASH = () => readBigIntFromBuffer(Buffer.alloc(8));

const toState = (s: Api.updates.TypeState): UpdateState => ({ pts: s.pts, qts: s.qts, date: s.date, seq: s.seq });

const usersById = (users: Api.TypeUser[]) =>
  new Map(users.filter((u): u is Api.User => u instanceof Api.User).map((u) => [u.id.toString(), u]));

/**
 * The Telegram port over gramjs, for a user account (MTProto session) or a bot. Receives private
 * messages, reports typing and reconnections, sends bubbles with a deduplicating random_id, and
 * lists what arrived since an update state (updates.getDifference, which bots may call too).
 */
export class GramjsTelegram implements TelegramPort {
  readonly name: string;
  private accountId: string | null;

  constructor(
    readonly client: TelegramClient,
    private readonly settings: Pick<TelegramSettings, 'kind' | 'botToken'>,
  ) {
    this.name = settings.kind === 'bot' ? 'telegram bot' : 'telegram user account';
    // A bot's own id is the token's prefix; a user account learns its id on connect.
    this.accountId = settings.botToken ? `tg:${settings.botToken.split(':')[0]}` : null;
  }

  get account(): string {
    if (!this.accountId) throw new Error('Telegram is not connected yet');
    return this.accountId;
  }

  async connect(): Promise<void> {
    if (this.settings.kind === 'bot') {
      await this.client.start({ botAuthToken: this.settings.botToken! });
    } else {
      await this.client.connect();
      // Asked directly rather than through checkAuthorization, which hides why: a revoked session must say so.
      await this.client.invoke(new Api.updates.GetState()).catch((error: unknown) => {
        if (revokedBy(error)) throw error;
        throw new Error(`the session is not signed in (${String(error)})`);
      });
    }
    const me = (await this.client.getMe()) as Api.User;
    this.accountId = `tg:${me.id.toString()}`;
  }

  /** Registers the intake handlers. */
  listen(handlers: Parameters<TelegramPort['listen']>[0]): void {
    this.client.addEventHandler(
      async (event: NewMessageEvent) => {
        const sender = (await event.message.getSender().catch(() => undefined)) as Api.User | undefined;
        const inbound = toInbound(this.account, event.message, sender instanceof Api.User ? sender : undefined);
        if (inbound) await handlers.message(inbound);
      },
      new NewMessage({ incoming: true }),
    );
    this.client.addEventHandler(
      async (update: Api.TypeUpdate) => {
        if (update instanceof Api.UpdateUserTyping && update.action instanceof Api.SendMessageTypingAction) {
          await handlers.typing(update.userId.toString());
        }
      },
      new Raw({ types: [Api.UpdateUserTyping] }),
    );
    // Registered last: gramjs resolves handlers in order for every update, and messages must keep theirs.
    const { reconnected } = handlers;
    if (reconnected)
      this.client.addEventHandler(
        async (update: UpdateConnectionState) => {
          if (update.state === UpdateConnectionState.connected) reconnected();
        },
        new Raw({ types: [UpdateConnectionState as never] }),
      );
  }

  /** The stored access hash makes a peer without gramjs's in-memory entity cache (cold after a restart). */
  private async peer(target: Pick<ChatTarget, 'chatId' | 'accessHash'>): Promise<Api.TypeInputPeer> {
    if (target.accessHash)
      return new Api.InputPeerUser({
        userId: returnBigInt(target.chatId),
        accessHash: returnBigInt(target.accessHash),
      });
    return this.client.getInputEntity(returnBigInt(target.chatId));
  }

  async send(target: ChatTarget, text: string, dedupeKey: string): Promise<SendResult> {
    const peer = await this.peer(target);
    const randomId = randomIdFor(dedupeKey);
    let result: Api.TypeUpdates;
    try {
      result = await this.client.invoke(
        new Api.messages.SendMessage({ peer, message: text, randomId, noWebpage: true }),
      );
    } catch (error) {
      // Telegram already took a message with this random_id: an earlier attempt got through.
      if (isDuplicateRandomId(error)) return { telegramMessageId: await this.findSent(peer, text), alreadySent: true };
      throw error;
    }
    if (result instanceof Api.UpdateShortSentMessage) return { telegramMessageId: String(result.id) };
    if (result instanceof Api.Updates || result instanceof Api.UpdatesCombined) {
      const sent = result.updates.find(
        (u): u is Api.UpdateMessageID => u instanceof Api.UpdateMessageID && u.randomId?.equals(randomId) === true,
      );
      if (sent) return { telegramMessageId: String(sent.id) };
    }
    throw new Error('Telegram did not confirm the message id');
  }

  /** Our newest message with this text in the chat; null for a bot, which cannot read history. */
  /** A chat's newest `limit` messages (only those above `minId`, when given). */
  private history(peer: Api.TypeInputPeer, limit: number, minId = 0) {
    return this.client.invoke(
      new Api.messages.GetHistory({
        peer,
        limit,
        offsetId: 0,
        offsetDate: 0,
        addOffset: 0,
        maxId: 0,
        minId,
        hash: ZERO_HASH(),
      }),
    );
  }

  private async findSent(peer: Api.TypeInputPeer, text: string): Promise<string | null> {
    if (this.settings.kind === 'bot') return null;
    const history = await this.history(peer, 50);
    const messages = 'messages' in history ? history.messages : [];
    const sent = messages.find(
      (m): m is Api.Message => m instanceof Api.Message && m.out === true && m.message === text,
    );
    return sent ? String(sent.id) : null;
  }

  async typing(target: ChatTarget): Promise<void> {
    const peer = await this.peer(target);
    await this.client.invoke(new Api.messages.SetTyping({ peer, action: new Api.SendMessageTypingAction() }));
  }

  async updateState(): Promise<UpdateState> {
    return toState(await this.client.invoke(new Api.updates.GetState()));
  }

  /**
   * Private incoming messages since `from`, following every slice of updates.getDifference. When
   * Telegram answers that the difference is too long, a user account reads its recent chats instead;
   * a bot cannot, and reports the gap.
   */
  async difference(from: UpdateState, oldest: Date): Promise<Difference> {
    let state = from;
    let gap = false;
    const found: InboundMessage[] = [];
    for (let round = 0; round < 1000; round++) {
      const d = await this.client.invoke(
        new Api.updates.GetDifference({ pts: state.pts, date: state.date, qts: state.qts }),
      );
      if (d instanceof Api.updates.DifferenceEmpty) {
        return { messages: byDate(found), state: { ...state, date: d.date, seq: d.seq }, gap };
      }
      if (d instanceof Api.updates.DifferenceTooLong) {
        state = { ...state, pts: d.pts };
        if (this.settings.kind === 'bot') gap = true;
        else found.push(...(await this.recentChats(oldest)));
        continue;
      }
      const users = usersById(d.users);
      const updated = d.otherUpdates.flatMap((u) => (u instanceof Api.UpdateNewMessage ? [u.message] : []));
      for (const message of [...d.newMessages, ...updated]) {
        if (!(message instanceof Api.Message) || !(message.peerId instanceof Api.PeerUser)) continue;
        const inbound = toInbound(this.account, message, users.get(message.peerId.userId.toString()));
        if (inbound) found.push(inbound);
      }
      if (d instanceof Api.updates.DifferenceSlice) state = toState(d.intermediateState);
      else return { messages: byDate(found), state: toState(d.state), gap };
    }
    throw new Error('updates.getDifference kept answering with slices');
  }

  /** Incoming private messages no older than `oldest` in the most recently active chats (user accounts). */
  private async recentChats(oldest: Date): Promise<InboundMessage[]> {
    const since = oldest.getTime() / 1000;
    const dialogs = await this.client.invoke(
      new Api.messages.GetDialogs({
        offsetDate: 0,
        offsetId: 0,
        offsetPeer: new Api.InputPeerEmpty(),
        limit: 100,
        hash: ZERO_HASH(),
      }),
    );
    if (!('dialogs' in dialogs)) return [];
    const users = usersById(dialogs.users);
    // Each private chat's newest message, by the person's id: it dates the chat's last activity.
    const lastActive = new Map(
      dialogs.messages.flatMap((m) =>
        m instanceof Api.Message && m.peerId instanceof Api.PeerUser ? [[m.peerId.userId.toString(), m.date]] : [],
      ),
    );
    const found: InboundMessage[] = [];
    for (const dialog of dialogs.dialogs) {
      if (!(dialog instanceof Api.Dialog) || !(dialog.peer instanceof Api.PeerUser)) continue;
      const user = users.get(dialog.peer.userId.toString());
      if (!user || user.bot || user.self || (lastActive.get(user.id.toString()) ?? 0) < since) continue;
      const peer = new Api.InputPeerUser({ userId: user.id, accessHash: user.accessHash ?? returnBigInt(0) });
      const history = await this.history(peer, 100);
      for (const message of 'messages' in history ? history.messages : []) {
        if (!(message instanceof Api.Message) || message.date < since) continue;
        const inbound = toInbound(this.account, message, user);
        if (inbound) found.push(inbound);
      }
    }
    return found;
  }

  /** Messages newer than each chat's high-water mark and younger than `maxAgeHours`, oldest first. */
  async missedMessages(
    chats: Array<{ chatId: string; accessHash: string | null; highWater: number }>,
    maxAgeHours: number,
  ): Promise<InboundMessage[]> {
    if (this.settings.kind === 'bot') return [];
    const oldest = Date.now() / 1000 - maxAgeHours * 3600;
    const found: InboundMessage[] = [];
    for (const chat of chats) {
      const peer = await this.peer(chat);
      const history = await this.history(peer, 100, chat.highWater);
      if (!('messages' in history)) continue;
      const users = new Map(
        ('users' in history ? history.users : [])
          .filter((u): u is Api.User => u instanceof Api.User)
          .map((u) => [u.id.toString(), u]),
      );
      for (const message of history.messages) {
        if (!(message instanceof Api.Message) || message.id <= chat.highWater || message.date < oldest) continue;
        const inbound = toInbound(this.account, message, users.get(chat.chatId));
        if (inbound) found.push(inbound);
      }
    }
    return byDate(found);
  }

  async pause(): Promise<void> {
    await this.client.disconnect();
  }

  async disconnect(): Promise<void> {
    await this.client.destroy().catch(() => {});
  }
}

/** Gateway connections for the accounts added in the app, over the deployment's API id and hash. */
export class GramjsConnector implements TelegramConnector {
  constructor(private readonly credentials: { apiId: number; apiHash: string }) {}

  async open(account: AccountSecret): Promise<GramjsTelegram> {
    const kind = account.kind === 'BOT' ? 'bot' : 'user';
    const client = createTelegramClient({
      kind,
      ...this.credentials,
      ...(kind === 'bot' ? { botToken: account.secret } : { session: account.secret }),
    });
    return new GramjsTelegram(client, { kind, botToken: kind === 'bot' ? account.secret : undefined });
  }

  revoked(error: unknown): string | null {
    return revokedBy(error);
  }
}
