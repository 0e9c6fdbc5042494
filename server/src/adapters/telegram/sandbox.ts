import type { Channel, ChatTarget, SendResult } from '../../ports.js';

/**
 * Plays Telegram inside Countersign. The sandbox chat is the contact's own message history, so
 * sending only has to name the message; the id derives from the dedupe key, making a resend a no-op.
 */
export class SandboxChannel implements Channel {
  readonly name = 'sandbox';

  async send(_target: ChatTarget, _text: string, dedupeKey: string): Promise<SendResult> {
    return { telegramMessageId: `sandbox-${dedupeKey}` };
  }

  async typing(): Promise<void> {}
}
