import type { Channel, ChatTarget } from '../../ports.js';
import { HeldElsewhereError, isSandboxAccount } from '../../ports.js';

/**
 * Chats of sandbox accounts go to the sandbox; an account added in the app to its connection when this process
 * holds it; every other account to the Telegram connection configured in the environment.
 */
export class ChannelRouter implements Channel {
  readonly name: string;
  private readonly held = new Map<string, Channel>();

  constructor(
    readonly sandbox: Channel,
    private readonly telegram: Channel | null,
    /** Where an account added in the app is connected when not here: another process, nowhere, or not such an account. */
    private readonly locate: (account: string) => 'elsewhere' | 'down' | null = () => null,
  ) {
    this.name = telegram ? `${telegram.name} + sandbox` : sandbox.name;
  }

  attach(account: string, channel: Channel): void {
    this.held.set(account, channel);
  }

  detach(account: string): void {
    this.held.delete(account);
  }

  private pick(target: ChatTarget): Channel {
    if (isSandboxAccount(target.account)) return this.sandbox;
    const held = this.held.get(target.account);
    if (held) return held;
    const where = this.locate(target.account);
    if (where === 'elsewhere') throw new HeldElsewhereError(target.account);
    if (where === 'down') throw new Error(`Telegram account ${target.account} is not connected`);
    if (!this.telegram) throw new Error(`no Telegram connection in this process for ${target.account}`);
    return this.telegram;
  }

  route(account: string): void {
    this.pick({ account, chatId: '', accessHash: null });
  }

  send(target: ChatTarget, text: string, dedupeKey: string) {
    return this.pick(target).send(target, text, dedupeKey);
  }

  typing(target: ChatTarget, durationMs: number) {
    return this.pick(target).typing(target, durationMs);
  }
}
