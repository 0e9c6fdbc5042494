import type { Core } from '../core.js';

/** Tells the Telegram pages that an account changed (its state, label, or a new one): they re-read it once. */
export async function accountChanged(core: Pick<Core, 'pubsub'>, accountId: string): Promise<void> {
  core.pubsub.publish('telegramAccountUpdated', { accountId });
}
