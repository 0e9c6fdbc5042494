import type { Channel, ChatTarget, SendResult } from '../../ports.js';

/**
 * Plays Telegram inside Countersign. The sandbox chat is the contact's own message history, so
 * sending only has to name the message; the id derives from the dedupe key, making a resend a no-op.
 */
export class SandboxChannel implements Channel {
  readonly name = 'sandbox';
  /** The latest sends, newest last: which account each left from (for tests and diagnostics). */
  readonly sent: Array<{ account: string; chatId: string; text: string }> = [];

  async send(target: ChatTarget, text: string, dedupeKey: string): Promise<SendResult> {
    this.sent.push({ account: target.account, chatId: target.chatId, text });
    if (this.sent.length > 1000) this.sent.splice(0, this.sent.length - 1000);
    return { telegramMessageId: `sandbox-${dedupeKey}` };
  }

  async typing(): Promise<void> {}
}
