import { Api, TelegramClient } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { StringSession } from 'telegram/sessions/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { GramjsTelegram } from '../../src/adapters/telegram/gramjs.js';
import { ChannelRouter } from '../../src/adapters/telegram/router.js';
import { SandboxChannel } from '../../src/adapters/telegram/sandbox.js';
import { type Channel, type ChatTarget, SANDBOX_ACCOUNT } from '../../src/ports.js';

const BOT_TOKEN = '999000:AAAbbbCCCdddEEEfffGGGhhhIIIjjjKKK';
const ME = returnBigInt(999000);
const now = () => Math.floor(Date.now() / 1000);

/**
 * A real gramjs client whose only fake part is Telegram's servers: `invoke` answers as Telegram does.
 * A SendMessage whose random_id was already used creates nothing and answers with the message it made
 * the first time (UpdateMessageID + UpdateNewMessage), as Telegram answers such a resend.
 */
function telegramAtBoundary() {
  const client = new TelegramClient(new StringSession(''), 1, 'hash', { connectionRetries: 0 });
  client.setLogLevel('none' as never);
  const chats = new Map<string, Api.Message[]>();
  const byRandomId = new Map<string, Api.Message>();
  const typing: string[] = [];
  let nextId = 500;
  client.invoke = (async (request: Api.AnyRequest) => {
    if (request instanceof Api.messages.SendMessage) {
      const peer = request.peer as Api.InputPeerUser;
      const randomId = request.randomId!;
      const known = byRandomId.get(randomId.toString());
      if (known)
        return new Api.Updates({
          updates: [
            new Api.UpdateMessageID({ id: known.id, randomId }),
            new Api.UpdateNewMessage({ message: known, pts: 1, ptsCount: 0 }),
          ],
          users: [],
          chats: [],
          date: now(),
          seq: 0,
        });
      const message = new Api.Message({
        id: nextId++,
        peerId: new Api.PeerUser({ userId: peer.userId }),
        fromId: new Api.PeerUser({ userId: ME }),
        date: now(),
        message: request.message,
        out: true,
      });
      byRandomId.set(randomId.toString(), message);
      chats.set(peer.userId.toString(), [...(chats.get(peer.userId.toString()) ?? []), message]);
      return new Api.UpdateShortSentMessage({ id: message.id, pts: 1, ptsCount: 1, date: message.date, out: true });
    }
    if (request instanceof Api.messages.SetTyping) {
      typing.push((request.peer as Api.InputPeerUser).userId.toString());
      return true;
    }
    throw new Error(`unexpected request ${request.className}`);
  }) as never;
  return {
    port: new GramjsTelegram(client, { kind: 'bot', botToken: BOT_TOKEN }),
    /** What the person sees in the chat. */
    chat: (chatId: string) => (chats.get(chatId) ?? []).map((m) => m.message),
    typing,
  };
}

interface Adapter {
  name: string;
  open(): { channel: Channel; target: ChatTarget; seen?: () => string[]; typed?: () => number };
}

const telegramTarget = (chatId: string): ChatTarget => ({ account: 'tg:999000', chatId, accessHash: '777' });

const adapters: Adapter[] = [
  {
    name: 'sandbox',
    open: () => ({ channel: new SandboxChannel(), target: { account: SANDBOX_ACCOUNT, chatId: '7001' } }),
  },
  {
    name: 'gramjs bot (Telegram at the boundary)',
    open() {
      const telegram = telegramAtBoundary();
      return {
        channel: telegram.port,
        target: telegramTarget('12345'),
        seen: () => telegram.chat('12345'),
        typed: () => telegram.typing.length,
      };
    },
  },
  {
    name: 'router, to the sandbox',
    open: () => ({
      channel: new ChannelRouter(new SandboxChannel(), telegramAtBoundary().port),
      target: { account: SANDBOX_ACCOUNT, chatId: '7002' },
    }),
  },
  {
    name: 'router, to Telegram',
    open() {
      const telegram = telegramAtBoundary();
      return {
        channel: new ChannelRouter(new SandboxChannel(), telegram.port),
        target: telegramTarget('23456'),
        seen: () => telegram.chat('23456'),
        typed: () => telegram.typing.length,
      };
    },
  },
];

describe.each(adapters)('Channel contract: $name', (adapter) => {
  let opened: ReturnType<Adapter['open']>;
  beforeAll(() => {
    opened = adapter.open();
  });

  it('has a name and sends a bubble, answering with the message id', async () => {
    const { channel, target, seen } = opened;
    expect(channel.name).toEqual(expect.any(String));
    expect(channel.name.length).toBeGreaterThan(0);
    const sent = await channel.send(target, 'Hello!', 'bubble-a');
    expect(sent.telegramMessageId).toEqual(expect.any(String));
    expect(sent.telegramMessageId.length).toBeGreaterThan(0);
    if (seen) expect(seen()).toEqual(['Hello!']);
  });

  it('does not create a second message for a resend with the same dedupe key, and names the first', async () => {
    const { channel, target, seen } = opened;
    const first = await channel.send(target, 'Only once', 'bubble-b');
    const again = await channel.send(target, 'Only once', 'bubble-b');
    expect(again.telegramMessageId).toBe(first.telegramMessageId);
    if (seen) expect(seen().filter((text) => text === 'Only once')).toHaveLength(1);
  });

  it('sends the same text under another dedupe key as a new message', async () => {
    const { channel, target, seen } = opened;
    const one = await channel.send(target, 'Thanks!', 'bubble-c');
    const two = await channel.send(target, 'Thanks!', 'bubble-d');
    expect(two.telegramMessageId).not.toBe(one.telegramMessageId);
    if (seen) expect(seen().filter((text) => text === 'Thanks!')).toHaveLength(2);
  });

  it('shows typing without sending anything', async () => {
    const { channel, target, seen, typed } = opened;
    const before = seen?.().length;
    await expect(channel.typing(target, 1000)).resolves.toBeUndefined();
    if (seen) expect(seen()).toHaveLength(before!);
    if (typed) expect(typed()).toBeGreaterThan(0);
  });
});
