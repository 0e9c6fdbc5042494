import { randomUUID } from 'node:crypto';
import { sandboxAccountFor } from '../accounts/accounts.js';
import type { Core } from '../core.js';
import { InvalidStateError, ValidationError } from '../errors.js';
import { optionalText } from '../validate.js';
import { type IntakeResult, receiveMessage } from './intake.js';

const TELEGRAM_ID = /^\d{1,20}$/;

export interface SandboxSend {
  telegramUserId: string;
  text: string;
  firstName?: string | null;
  /** Makes a retried send idempotent; generated when absent. */
  clientMessageId?: string | null;
  /** The sandbox account written to; the default sandbox account when absent. */
  accountId?: string | null;
}

/** Telegram user ids are digits; the sandbox checks them the same way. */
export function parseTelegramUserId(value: string): string {
  const id = value.trim();
  if (!TELEGRAM_ID.test(id)) {
    throw new ValidationError('telegramUserId', 'Telegram user id must be digits only, such as "1001"');
  }
  return id;
}

/** A message written as a Telegram user in the sandbox channel; returns once it is stored. */
export async function sandboxSend(core: Core, input: SandboxSend): Promise<IntakeResult> {
  const telegramUserId = parseTelegramUserId(input.telegramUserId);
  const firstName = optionalText('firstName', input.firstName, 200, 'First name');
  if (input.clientMessageId && input.clientMessageId.length > 100) {
    throw new ValidationError('clientMessageId', 'clientMessageId must be at most 100 characters');
  }
  const account = await sandboxAccountFor(core, input.accountId);
  const result = await receiveMessage(core, {
    account,
    chatId: telegramUserId,
    telegramUserId,
    telegramMessageId: input.clientMessageId || randomUUID(),
    text: input.text,
    displayName: firstName ?? `Sandbox user ${telegramUserId}`,
  });
  if (result.refused)
    throw new InvalidStateError('DISABLED', 'This sandbox account is disabled: enable it to write to it');
  return result;
}
