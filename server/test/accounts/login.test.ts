import { StringSession } from 'telegram/sessions/index.js';
import { describe, expect, it } from 'vitest';
import {
  AddBotAccountDocument,
  CancelUserLoginDocument,
  PendingUserLoginsDocument,
  StartUserLoginDocument,
  SubmitLoginCodeDocument,
  SubmitLoginPasswordDocument,
} from '../../../client/src/gql/graphql.js';
import { addReviewer, SECOND, useApp } from '../support/harness.js';
import { FakeTelegramLogin } from '../support/telegram-auth.js';

const TOKEN = '424242:AAAbbbCCCdddEEEfffGGGhhhIIIjjjKKK';
const telegram = new FakeTelegramLogin();
const ann = telegram.addPerson('+15550101', 'Ann');
const bo = telegram.addPerson('+15550102', 'Bo', 'correct horse');
telegram.addPerson('+15550103', 'Cy');
telegram.addBot(TOKEN, 'desk_bot');

const loginIdOf = (result: { data?: { startUserLogin: { __typename: string } } | null }) =>
  (result.data!.startUserLogin as unknown as { loginId: string }).loginId;

/** The auth key a stored session string carries, as the fake Telegram names it. */
async function keyOf(session: string): Promise<string> {
  const s = new StringSession(session);
  await s.load();
  return (s.getAuthKey()?.getKey() ?? Buffer.alloc(0)).toString('hex').slice(0, 32);
}

describe('connecting Telegram accounts from the app (gramjs against a fake Telegram)', () => {
  const app = useApp(
    'embedded',
    // No gateway role: connecting the accounts is the gateway tests' subject.
    { TELEGRAM_API_ID: '1', TELEGRAM_API_HASH: 'hash', ROLES: 'api,worker' },
    (t) => addReviewer(t),
    { signInClients: telegram.clients() },
  );
  const rawAccount = async (id: string) =>
    (
      await app.t.app.core.analytics.$queryRaw<Array<Record<string, unknown>>>`
      SELECT * FROM "TelegramAccount" WHERE "id" = ${id}`
    )[0];

  it('adds a bot only once Telegram accepts its token, and keeps the token encrypted', async () => {
    const wrong = await app.admin.execute(AddBotAccountDocument, {
      label: 'Support bot',
      token: '424242:wrongwrongwrongwrongwrong',
    });
    expect(wrong.data?.addBotAccount).toMatchObject({
      __typename: 'TelegramRefusedError',
      reason: 'BOT_TOKEN_INVALID',
      field: 'token',
    });
    expect(await rawAccount('tg:424242')).toBeUndefined();

    const malformed = await app.admin.execute(AddBotAccountDocument, { label: 'Support bot', token: 'nonsense' });
    expect(malformed.data?.addBotAccount).toMatchObject({ __typename: 'ValidationError', field: 'token' });

    const added = await app.admin.execute(AddBotAccountDocument, { label: 'Support bot', token: TOKEN });
    expect(added.data?.addBotAccount).toEqual({
      __typename: 'ConnectedTelegramAccount',
      accountId: 'tg:424242',
      account: {
        __typename: 'TelegramAccount',
        id: 'tg:424242',
        label: 'Support bot',
        username: 'desk_bot',
        state: 'CONNECTING',
      },
    });
    const row = await rawAccount('tg:424242');
    expect(row).toMatchObject({ kind: 'BOT', label: 'Support bot', username: 'desk_bot', source: 'app' });
    // The raw row holds no token: not in any column, not in the ciphertext.
    expect(JSON.stringify(row)).not.toContain('AAAbbbCCC');
    expect(Buffer.from(row!.secretCiphertext as Uint8Array).toString('latin1')).not.toContain('AAAbbbCCC');
    expect(app.t.app.core.secrets.openColumns(row as never)).toBe(TOKEN);

    const reviewer = app.t.as(await app.t.login(SECOND.email, SECOND.password));
    const refused = await reviewer.execute(AddBotAccountDocument, { label: 'Mine', token: TOKEN });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('signs a user in by phone and code; the pending login survives a reload', async () => {
    const started = await app.admin.execute(StartUserLoginDocument, { label: 'Ann (sales)', phone: '+1 555 0101' });
    const start = started.data?.startUserLogin;
    if (start?.__typename !== 'StartUserLoginSuccess') throw new Error(JSON.stringify(started));
    expect(start.login).toMatchObject({ label: 'Ann (sales)', phone: '+15550101', step: 'CODE', codeVia: 'APP' });

    const wrong = await app.admin.execute(SubmitLoginCodeDocument, { loginId: start.loginId, code: '00000' });
    expect(wrong.data?.submitLoginCode).toMatchObject({
      __typename: 'TelegramRefusedError',
      reason: 'PHONE_CODE_INVALID',
      field: 'code',
    });

    // A reload: the page asks for the pending logins and finds this one, still waiting for its code.
    const pending = await app.admin.execute(PendingUserLoginsDocument);
    expect(pending.data?.pendingUserLogins.map((l) => [l.id, l.step])).toEqual([[start.loginId, 'CODE']]);
    const stored = await app.t.app.core.analytics.$queryRaw<Array<Record<string, unknown>>>`
      SELECT * FROM "TelegramLogin" WHERE "id" = ${start.loginId}::uuid`;
    expect(stored[0]!.phoneCodeHash).toBeTruthy();

    const done = await app.admin.execute(SubmitLoginCodeDocument, {
      loginId: start.loginId,
      code: telegram.codeFor('+15550101'),
    });
    expect(done.data?.submitLoginCode).toEqual({
      __typename: 'SubmitLoginCodeSuccess',
      passwordNeeded: false,
      passwordHint: null,
      accountId: `tg:${ann.id}`,
      account: {
        __typename: 'TelegramAccount',
        id: `tg:${ann.id}`,
        label: 'Ann (sales)',
        username: 'ann',
        state: 'CONNECTING',
      },
      login: null,
    });
    expect((await app.admin.execute(PendingUserLoginsDocument)).data?.pendingUserLogins).toEqual([]);

    // The stored session is the one Telegram signed in: its auth key is the key the code was sent to.
    const row = await rawAccount(`tg:${ann.id}`);
    expect(row).toMatchObject({ kind: 'USER', label: 'Ann (sales)', state: 'CONNECTING' });
    const session = app.t.app.core.secrets.openColumns(row as never)!;
    expect(telegram.authorized.get(await keyOf(session))).toBe(ann.id.toString());
    expect(Buffer.from(row!.secretCiphertext as Uint8Array).toString('latin1')).not.toContain(session.slice(0, 20));
  });

  it('asks for the 2FA password after the code, and refuses a wrong one', async () => {
    const started = await app.admin.execute(StartUserLoginDocument, { label: 'Bo', phone: '+15550102' });
    const loginId = loginIdOf(started);
    const code = await app.admin.execute(SubmitLoginCodeDocument, { loginId, code: telegram.codeFor('+15550102') });
    expect(code.data?.submitLoginCode).toMatchObject({
      __typename: 'SubmitLoginCodeSuccess',
      passwordNeeded: true,
      passwordHint: 'the usual one',
      accountId: null,
      account: null,
      login: { id: loginId, step: 'PASSWORD', passwordHint: 'the usual one' },
    });
    // After a reload the login is still there, now waiting for the password.
    const pending = await app.admin.execute(PendingUserLoginsDocument);
    expect(pending.data?.pendingUserLogins).toMatchObject([{ id: loginId, step: 'PASSWORD' }]);
    const again = await app.admin.execute(SubmitLoginCodeDocument, { loginId, code: '12345' });
    expect(again.data?.submitLoginCode).toMatchObject({
      __typename: 'InvalidStateError',
      message: 'This login waits for the 2FA password',
    });

    const wrong = await app.admin.execute(SubmitLoginPasswordDocument, { loginId, password: 'battery staple' });
    expect(wrong.data?.submitLoginPassword).toMatchObject({
      __typename: 'TelegramRefusedError',
      reason: 'PASSWORD_INVALID',
      field: 'password',
    });
    const done = await app.admin.execute(SubmitLoginPasswordDocument, { loginId, password: 'correct horse' });
    expect(done.data?.submitLoginPassword).toEqual({
      __typename: 'ConnectedTelegramAccount',
      accountId: `tg:${bo.id}`,
      account: { __typename: 'TelegramAccount', id: `tg:${bo.id}`, label: 'Bo', username: 'bo', state: 'CONNECTING' },
    });
    expect(telegram.requests).toContain('auth.CheckPassword');
  });

  it('reports a flood wait with its seconds, and ends a login whose code expired', async () => {
    telegram.floodWait = 372;
    const flood = await app.admin.execute(StartUserLoginDocument, { label: 'Cy', phone: '+15550103' });
    expect(flood.data?.startUserLogin).toMatchObject({ __typename: 'TelegramFloodWaitError', retryAfterSeconds: 372 });
    expect((flood.data!.startUserLogin as { message: string }).message).toContain('7 minutes');
    expect((await app.admin.execute(PendingUserLoginsDocument)).data?.pendingUserLogins).toEqual([]);

    const started = await app.admin.execute(StartUserLoginDocument, { label: 'Cy', phone: '+15550103' });
    const loginId = loginIdOf(started);
    telegram.expireCodes();
    const expired = await app.admin.execute(SubmitLoginCodeDocument, { loginId, code: telegram.codeFor('+15550103') });
    expect(expired.data?.submitLoginCode).toMatchObject({
      __typename: 'TelegramRefusedError',
      reason: 'PHONE_CODE_EXPIRED',
    });
    expect((await app.admin.execute(PendingUserLoginsDocument)).data?.pendingUserLogins).toEqual([]);
    const gone = await app.admin.execute(SubmitLoginCodeDocument, { loginId, code: '12345' });
    expect(gone.data?.submitLoginCode).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('refuses a bad phone and a bad login id, and cancels a pending login', async () => {
    const phone = await app.admin.execute(StartUserLoginDocument, { label: 'X', phone: 'call me' });
    expect(phone.data?.startUserLogin).toMatchObject({ __typename: 'ValidationError', field: 'phone' });
    const unknown = await app.admin.execute(StartUserLoginDocument, { label: 'X', phone: '+19990000000' });
    expect(unknown.data?.startUserLogin).toMatchObject({
      __typename: 'TelegramRefusedError',
      reason: 'PHONE_NUMBER_INVALID',
    });
    const badId = await app.admin.execute(SubmitLoginCodeDocument, { loginId: 'nope', code: '12345' });
    expect(badId.data?.submitLoginCode).toMatchObject({ __typename: 'NotFoundError' });

    const started = await app.admin.execute(StartUserLoginDocument, { label: 'Cy', phone: '+15550103' });
    const loginId = loginIdOf(started);
    const cancelled = await app.admin.execute(CancelUserLoginDocument, { loginId });
    expect(cancelled.data?.cancelUserLogin).toEqual({ __typename: 'CancelUserLoginSuccess', loginId });
    expect((await app.admin.execute(PendingUserLoginsDocument)).data?.pendingUserLogins).toEqual([]);
  });
});
