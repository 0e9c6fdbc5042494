import { adminIdsOf } from '../accounts/accounts.js';
import type { Core } from '../core.js';
import type { InboundMessage } from '../ports.js';

const COMMANDS: Record<string, string> = {
  '/status': 'Queue and delivery status',
  '/commands': 'This list',
};

/**
 * Answers /status and /commands for the admin Telegram ids of the account written to (ADMIN_TELEGRAM_IDS when
 * the account names none) only. Anyone else's
 * "/status" is an ordinary message, so nothing reveals that the commands exist.
 */
export async function handleAdminCommand(core: Core, input: InboundMessage, text: string): Promise<boolean> {
  const command = text.split(/\s+/)[0]!.toLowerCase();
  if (!(command in COMMANDS) || !(await adminIdsOf(core, input.account)).includes(input.telegramUserId)) return false;
  let reply: string;
  if (command === '/commands') {
    reply = Object.entries(COMMANDS)
      .map(([name, what]) => `${name}: ${what}`)
      .join('\n');
  } else {
    const [pending, generating, failed, queuedBubbles] = await Promise.all([
      core.analytics.draft.count({ where: { status: { in: ['PENDING', 'CLAIMED'] } } }),
      core.analytics.draft.count({ where: { status: 'GENERATING' } }),
      core.analytics.draft.count({ where: { status: 'FAILED' } }),
      core.analytics.outboxBubble.count({ where: { status: 'QUEUED' } }),
    ]);
    reply = `Drafts awaiting review: ${pending}\nBeing drafted: ${generating}\nFailed drafts: ${failed}\nBubbles waiting to send: ${queuedBubbles}`;
  }
  // The one reply that needs no approval (invariant 1): an admin command from an admin id.
  await core.channel.send(
    { account: input.account, chatId: input.chatId },
    reply,
    `admin:${input.account}:${input.chatId}:${input.telegramMessageId}`,
  );
  core.log.info({ telegramUserId: input.telegramUserId, command }, 'admin command answered');
  return true;
}
