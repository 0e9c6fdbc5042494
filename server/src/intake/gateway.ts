import type { Core } from '../core.js';
import type { GramjsTelegram } from '../adapters/telegram/gramjs.js';
import { noteTyping, receiveMessage } from './intake.js';

/**
 * Connects the Telegram port to intake: live messages and typing, and after (re)connecting the
 * messages that arrived while we were away (no older than RECOVERY_MAX_AGE_HOURS).
 */
export async function startGateway(core: Core, telegram: GramjsTelegram, opts: { connect: boolean }): Promise<void> {
  if (opts.connect) await telegram.connect();
  const account = telegram.account;
  telegram.listen({
    message: (m) =>
      receiveMessage(core, m).catch((error) => core.log.error({ telegramMessageId: m.telegramMessageId, chatId: m.chatId, err: String(error) }, 'inbound message not stored')),
    typing: (userId) => noteTyping(core, account, userId).catch(() => {}),
  });
  const hours = core.config.RECOVERY_MAX_AGE_HOURS;
  const chats = await core.analytics.$queryRaw<Array<{ chatId: string; accessHash: string | null; highWater: bigint }>>`
    SELECT m."chatId", MAX(c."accessHash") AS "accessHash", MAX((m."telegramMessageId")::bigint) AS "highWater"
    FROM "Message" m JOIN "Contact" c ON c."id" = m."contactId"
    WHERE m."account" = ${account} AND m."direction" = 'INBOUND' AND m."telegramMessageId" ~ '^[0-9]+$'
      AND m."sentAt" > ${new Date(Date.now() - hours * 3_600_000)}
    GROUP BY m."chatId"`;
  const missed = await telegram.missedMessages(chats.map((c) => ({ chatId: c.chatId, accessHash: c.accessHash, highWater: Number(c.highWater) })), hours);
  // Duplicates are dropped by the inbox's unique key; each person's batch is folded by the debouncer.
  for (const message of missed) await receiveMessage(core, message);
  core.log.info({ account, chats: chats.length, recovered: missed.length }, 'telegram gateway ready');
}
