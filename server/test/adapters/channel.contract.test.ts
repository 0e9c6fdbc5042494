import { Api } from 'telegram';
import { beforeAll, describe, expect, it } from 'vitest';
import { GramjsTelegram } from '../../src/adapters/telegram/gramjs.js';
import { ChannelRouter } from '../../src/adapters/telegram/router.js';
import { SandboxChannel } from '../../src/adapters/telegram/sandbox.js';
import { type Channel, type ChatTarget, SANDBOX_ACCOUNT } from '../../src/ports.js';
import { BOT_TOKEN, FakeTelegram } from '../support/telegram.js';

/** The gramjs adapter over a real gramjs client whose only fake part is Telegram's servers. */
function telegramAtBoundary(kind: 'user' | 'bot') {
  const telegram = new FakeTelegram(kind);
  const port = new GramjsTelegram(telegram.client(), { kind, botToken: kind === 'bot' ? BOT_TOKEN : undefined });
  return {
    port,
    /** What the person sees in the chat. */
    chat: (chatId: string) =>
      telegram
        .sent()
        .filter((m) => (m.peerId as Api.PeerUser).userId.toString() === chatId)
        .map((m) => m.message),
    typed: () => telegram.invoked.filter((r) => r instanceof Api.messages.SetTyping).length,
  };
}

interface Adapter {
  name: string;
  /** Whether the channel can name the message an earlier attempt delivered (a bot cannot read history). */
  namesResends: boolean;
  open(): { channel: Channel; target: ChatTarget; seen?: () => string[]; typed?: () => number };
}

const telegramTarget = (chatId: string): ChatTarget => ({ account: 'tg:999000', chatId, accessHash: '777' });

const adapters: Adapter[] = [
  {
    name: 'sandbox',
    namesResends: true,
    open: () => ({ channel: new SandboxChannel(), target: { account: SANDBOX_ACCOUNT, chatId: '7001' } }),
  },
  ...(['user', 'bot'] as const).map(
    (kind): Adapter => ({
      name: `gramjs ${kind === 'user' ? 'user account' : 'bot'} (Telegram at the boundary)`,
      namesResends: kind === 'user',
      open() {
        const telegram = telegramAtBoundary(kind);
        return {
          channel: telegram.port,
          target: telegramTarget('12345'),
          seen: () => telegram.chat('12345'),
          typed: telegram.typed,
        };
      },
    }),
  ),
  {
    name: 'router, to the sandbox',
    namesResends: true,
    open: () => ({
      channel: new ChannelRouter(new SandboxChannel(), telegramAtBoundary('user').port),
      target: { account: SANDBOX_ACCOUNT, chatId: '7002' },
    }),
  },
  {
    name: 'router, to Telegram',
    namesResends: true,
    open() {
      const telegram = telegramAtBoundary('user');
      return {
        channel: new ChannelRouter(new SandboxChannel(), telegram.port),
        target: telegramTarget('23456'),
        seen: () => telegram.chat('23456'),
        typed: telegram.typed,
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
    expect(sent.telegramMessageId).toEqual(expect.stringMatching(/./));
    if (seen) expect(seen()).toEqual(['Hello!']);
  });

  it('does not create a second message for a resend with the same dedupe key, and names the first', async () => {
    const { channel, target, seen } = opened;
    const first = await channel.send(target, 'Only once', 'bubble-b');
    // Telegram refuses a repeated random_id (RANDOM_ID_DUPLICATE): the resend counts as delivered.
    const again = await channel.send(target, 'Only once', 'bubble-b');
    expect(again.telegramMessageId).toBe(adapter.namesResends ? first.telegramMessageId : null);
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
