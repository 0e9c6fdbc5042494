import type { Channel, ChatTarget } from '../../ports.js';
import { isSandboxAccount } from '../../ports.js';

/** Chats of sandbox accounts go to the sandbox, every other account to the Telegram connection of this process. */
export class ChannelRouter implements Channel {
  readonly name: string;

  constructor(
    readonly sandbox: Channel,
    private readonly telegram: Channel | null,
  ) {
    this.name = telegram ? `${telegram.name} + sandbox` : sandbox.name;
  }

  private pick(target: ChatTarget): Channel {
    if (isSandboxAccount(target.account)) return this.sandbox;
    if (!this.telegram) throw new Error(`no Telegram connection in this process for ${target.account}`);
    return this.telegram;
  }

  send(target: ChatTarget, text: string, dedupeKey: string) {
    return this.pick(target).send(target, text, dedupeKey);
  }

  typing(target: ChatTarget, durationMs: number) {
    return this.pick(target).typing(target, durationMs);
  }
}
