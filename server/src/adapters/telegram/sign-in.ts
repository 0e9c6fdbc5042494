import { Api, errors, TelegramClient } from 'telegram';
import { Logger, LogLevel } from 'telegram/extensions/Logger.js';
import { computeCheck } from 'telegram/Password.js';
import { StringSession } from 'telegram/sessions/index.js';
import {
  AppError,
  InvalidStateError,
  TelegramFloodWaitError,
  type TelegramRefusal,
  TelegramRefusedError,
} from '../../errors.js';
import type { CodeAnswer, CodeSent, SignedIn, TelegramSignIn } from '../../ports.js';

/** Builds a gramjs client over a session string ('' for a new one). */
export type ClientFactory = (session: string) => TelegramClient;

/** Sign-in clients: flood waits are answered to the person at once rather than slept through. */
export function signInClients(credentials: { apiId: number; apiHash: string }): ClientFactory {
  return (session) =>
    new TelegramClient(new StringSession(session), credentials.apiId, credentials.apiHash, {
      connectionRetries: 3,
      floodSleepThreshold: 0,
      baseLogger: new Logger(LogLevel.WARN),
    });
}

const REFUSED: Record<string, TelegramRefusal> = {
  PHONE_NUMBER_INVALID: 'PHONE_NUMBER_INVALID',
  PHONE_NUMBER_BANNED: 'PHONE_NUMBER_BANNED',
  PHONE_NUMBER_UNOCCUPIED: 'SIGN_UP_REQUIRED',
  PHONE_CODE_INVALID: 'PHONE_CODE_INVALID',
  PHONE_CODE_EMPTY: 'PHONE_CODE_INVALID',
  PHONE_CODE_EXPIRED: 'PHONE_CODE_EXPIRED',
  PHONE_CODE_HASH_EMPTY: 'PHONE_CODE_EXPIRED',
  PASSWORD_HASH_INVALID: 'PASSWORD_INVALID',
  SRP_PASSWORD_CHANGED: 'PASSWORD_INVALID',
  ACCESS_TOKEN_INVALID: 'BOT_TOKEN_INVALID',
  ACCESS_TOKEN_EXPIRED: 'BOT_TOKEN_INVALID',
  BOT_TOKEN_INVALID: 'BOT_TOKEN_INVALID',
};

/** gramjs's errors as the domain's: flood waits with their seconds, refusals by Telegram's error text. */
function translate(error: unknown): Error {
  if (error instanceof AppError) return error;
  if (error instanceof errors.FloodWaitError || error instanceof errors.FloodTestPhoneWaitError) {
    return new TelegramFloodWaitError(error.seconds);
  }
  if (error instanceof errors.RPCError) {
    return new TelegramRefusedError(REFUSED[error.errorMessage] ?? 'TELEGRAM_ERROR', error.errorMessage);
  }
  return new InvalidStateError('TELEGRAM_UNREACHABLE', 'Telegram could not be reached: try again in a moment');
}

function identity(user: Api.TypeUser | undefined, session: string): SignedIn {
  if (!(user instanceof Api.User))
    throw new InvalidStateError('TELEGRAM_ERROR', 'Telegram answered without the account');
  return {
    telegramId: user.id.toString(),
    username: user.username ?? null,
    name: [user.firstName, user.lastName].filter(Boolean).join(' ') || (user.username ?? user.id.toString()),
    session,
  };
}

const codeVia = (type: Api.auth.TypeSentCodeType): CodeSent['via'] =>
  type instanceof Api.auth.SentCodeTypeApp ? 'APP' : type instanceof Api.auth.SentCodeTypeSms ? 'SMS' : 'OTHER';

/**
 * Sign-in through gramjs's own calls (auth.importBotAuthorization, auth.sendCode, auth.signIn,
 * auth.checkPassword with its SRP check). Each step opens a client over the session saved by the one
 * before, since a code is bound to the auth key it was sent to, and closes it when done.
 */
export class GramjsSignIn implements TelegramSignIn {
  constructor(
    private readonly credentials: { apiId: number; apiHash: string },
    private readonly open: ClientFactory,
  ) {}

  private async step<T>(session: string, run: (client: TelegramClient) => Promise<T>): Promise<T> {
    const client = this.open(session);
    try {
      await client.connect();
      return await run(client);
    } catch (error) {
      throw translate(error);
    } finally {
      await client.destroy().catch(() => {});
    }
  }

  signInBot(token: string): Promise<SignedIn> {
    return this.step('', async (client) => {
      const user = await client.signInBot(this.credentials, { botAuthToken: token });
      return identity(user, client.session.save() as unknown as string);
    });
  }

  sendCode(phone: string): Promise<CodeSent> {
    return this.step('', async (client) => {
      const sent = await client.invoke(
        new Api.auth.SendCode({
          phoneNumber: phone,
          apiId: this.credentials.apiId,
          apiHash: this.credentials.apiHash,
          settings: new Api.CodeSettings({}),
        }),
      );
      if (!(sent instanceof Api.auth.SentCode)) {
        throw new InvalidStateError('TELEGRAM_ERROR', 'Telegram signed in without a code: start the login again');
      }
      return {
        phoneCodeHash: sent.phoneCodeHash,
        session: client.session.save() as unknown as string,
        via: codeVia(sent.type),
      };
    });
  }

  signIn(pending: { session: string; phone: string; phoneCodeHash: string }, code: string): Promise<CodeAnswer> {
    return this.step(pending.session, async (client) => {
      let result: Api.auth.TypeAuthorization;
      try {
        result = await client.invoke(
          new Api.auth.SignIn({ phoneNumber: pending.phone, phoneCodeHash: pending.phoneCodeHash, phoneCode: code }),
        );
      } catch (error) {
        if (!(error instanceof errors.RPCError) || error.errorMessage !== 'SESSION_PASSWORD_NEEDED') throw error;
        const password = await client.invoke(new Api.account.GetPassword());
        return {
          passwordNeeded: { session: client.session.save() as unknown as string, hint: password.hint ?? null },
        };
      }
      if (result instanceof Api.auth.AuthorizationSignUpRequired) {
        throw new TelegramRefusedError('SIGN_UP_REQUIRED', 'AUTH_SIGN_UP_REQUIRED');
      }
      return { signedIn: identity(result.user, client.session.save() as unknown as string) };
    });
  }

  checkPassword(session: string, password: string): Promise<SignedIn> {
    return this.step(session, async (client) => {
      const srp = await client.invoke(new Api.account.GetPassword());
      const check = await computeCheck(srp, password);
      const result = await client.invoke(new Api.auth.CheckPassword({ password: check }));
      if (!(result instanceof Api.auth.Authorization)) {
        throw new TelegramRefusedError('SIGN_UP_REQUIRED', 'AUTH_SIGN_UP_REQUIRED');
      }
      return identity(result.user, client.session.save() as unknown as string);
    });
  }
}
