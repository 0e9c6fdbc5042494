import { describe, expect, it } from 'vitest';
import { GramjsSignIn } from '../../src/adapters/telegram/sign-in.js';
import { TelegramFloodWaitError, TelegramRefusedError } from '../../src/errors.js';
import { FakeTelegramLogin } from '../support/telegram-auth.js';

const BOT = '123456:AAAbbbCCCdddEEEfffGGGhhhIIIjjjKKK';

function setup() {
  const telegram = new FakeTelegramLogin();
  const signIn = new GramjsSignIn({ apiId: 1, apiHash: 'hash' }, telegram.clients());
  return { telegram, signIn };
}

describe('Telegram sign-in through gramjs (Telegram faked at its MTProto sender)', () => {
  it('signs a bot in with its token and refuses a wrong one', async () => {
    const { telegram, signIn } = setup();
    telegram.addBot(BOT, 'desk_bot');
    const bot = await signIn.signInBot(BOT);
    expect(bot).toMatchObject({ telegramId: '123456', username: 'desk_bot' });
    expect(bot.session.length).toBeGreaterThan(100);
    const refused = await signIn.signInBot('123456:wrong').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TelegramRefusedError);
    expect(refused).toMatchObject({ reason: 'BOT_TOKEN_INVALID', field: 'token' });
  });

  it('signs a user in with the code sent to the session that asked for it', async () => {
    const { telegram, signIn } = setup();
    telegram.addPerson('+15550001', 'Ann');
    const sent = await signIn.sendCode('+15550001');
    expect(sent.via).toBe('APP');
    const pending = { session: sent.session, phone: '+15550001', phoneCodeHash: sent.phoneCodeHash };

    const wrong = await signIn.signIn(pending, '00000').catch((e: unknown) => e);
    expect(wrong).toMatchObject({ reason: 'PHONE_CODE_INVALID', field: 'code', telegramError: 'PHONE_CODE_INVALID' });

    // The same code over a fresh session (another auth key) is refused, as Telegram does.
    const elsewhere = await signIn
      .signIn({ ...pending, session: '' }, telegram.codeFor('+15550001'))
      .catch((e: unknown) => e);
    expect(elsewhere).toMatchObject({ reason: 'PHONE_CODE_EXPIRED' });

    const answer = await signIn.signIn(pending, telegram.codeFor('+15550001'));
    expect('signedIn' in answer && answer.signedIn).toMatchObject({ name: 'Ann', username: 'ann' });
    expect(telegram.authorized.size).toBe(1);
  });

  it('asks for the 2FA password, refuses a wrong one and accepts the right one (SRP)', async () => {
    const { telegram, signIn } = setup();
    telegram.addPerson('+15550002', 'Bo', 'correct horse');
    const sent = await signIn.sendCode('+15550002');
    const answer = await signIn.signIn(
      { session: sent.session, phone: '+15550002', phoneCodeHash: sent.phoneCodeHash },
      telegram.codeFor('+15550002'),
    );
    if (!('passwordNeeded' in answer)) throw new Error('expected a password to be needed');
    expect(answer.passwordNeeded.hint).toBe('the usual one');

    const wrong = await signIn.checkPassword(answer.passwordNeeded.session, 'battery staple').catch((e: unknown) => e);
    expect(wrong).toMatchObject({ reason: 'PASSWORD_INVALID', field: 'password' });
    const user = await signIn.checkPassword(answer.passwordNeeded.session, 'correct horse');
    expect(user).toMatchObject({ name: 'Bo' });
    expect(telegram.requests).toContain('auth.CheckPassword');
  });

  it('reports flood waits with their seconds, an expired code and an unknown number', async () => {
    const { telegram, signIn } = setup();
    telegram.addPerson('+15550003', 'Cy');
    telegram.floodWait = 420;
    const flood = await signIn.sendCode('+15550003').catch((e: unknown) => e);
    expect(flood).toBeInstanceOf(TelegramFloodWaitError);
    expect(flood).toMatchObject({ retryAfterSeconds: 420 });

    const sent = await signIn.sendCode('+15550003');
    telegram.expireCodes();
    const expired = await signIn
      .signIn(
        { session: sent.session, phone: '+15550003', phoneCodeHash: sent.phoneCodeHash },
        telegram.codeFor('+15550003'),
      )
      .catch((e: unknown) => e);
    expect(expired).toMatchObject({ reason: 'PHONE_CODE_EXPIRED', field: 'code' });

    expect(await signIn.sendCode('+19990000').catch((e: unknown) => e)).toMatchObject({
      reason: 'PHONE_NUMBER_INVALID',
      field: 'phone',
    });
  });
});
