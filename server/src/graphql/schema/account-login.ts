import {
  addBotAccount,
  cancelUserLogin,
  pendingUserLogins,
  startUserLogin,
  submitLoginCode,
  submitLoginPassword,
} from '../../accounts/login.js';
import {
  InvalidStateError,
  NotFoundError,
  TelegramFloodWaitError,
  TelegramRefusedError,
  ValidationError,
} from '../../errors.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { ErrorInterface } from './errors.js';
import { TelegramAccountRef } from './telegram-account.js';

const TelegramRefusalEnum = builder.enumType('TelegramRefusal', {
  description: 'Why Telegram refused a sign-in step.',
  values: {
    PHONE_NUMBER_INVALID: { description: 'Telegram does not know the phone number.' },
    PHONE_NUMBER_BANNED: { description: 'Telegram has banned the phone number.' },
    PHONE_CODE_INVALID: { description: 'The code is wrong; the login goes on, try again.' },
    PHONE_CODE_EXPIRED: { description: 'The code expired; the login is over and must start again.' },
    PASSWORD_INVALID: { description: 'The 2FA password is wrong; the login goes on, try again.' },
    BOT_TOKEN_INVALID: { description: 'Telegram refused the bot token.' },
    SIGN_UP_REQUIRED: { description: 'No Telegram account uses the phone number.' },
    TELEGRAM_ERROR: { description: 'Another refusal; `telegramError` names it.' },
  } as const,
});

builder.objectType(TelegramRefusedError, {
  name: 'TelegramRefusedError',
  description:
    'Telegram refused a sign-in step: a wrong or expired code, a wrong 2FA password, a bad token or phone. ' +
    '`field` names the input to correct; after PHONE_CODE_EXPIRED the login is over and must start again.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    reason: t.expose('reason', { type: TelegramRefusalEnum, description: 'Why Telegram refused.' }),
    field: t.exposeString('field', { description: 'The input to correct (phone, code, password, token), or empty.' }),
    telegramError: t.exposeString('telegramError', { description: "Telegram's own error name." }),
  }),
});

builder.objectType(TelegramFloodWaitError, {
  name: 'TelegramFloodWaitError',
  description: 'Telegram asks to wait (FLOOD_WAIT) before this is tried again.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'Seconds Telegram asks to wait.' }),
  }),
});

const LOGIN_ERRORS = [ValidationError, TelegramRefusedError, TelegramFloodWaitError, InvalidStateError];

const UserLoginStepEnum = builder.enumType('UserLoginStep', {
  description: 'What a pending login waits for.',
  values: {
    CODE: { description: 'The code Telegram sent (submitLoginCode).' },
    PASSWORD: { description: "The account's 2FA password (submitLoginPassword)." },
  } as const,
});

const LoginCodeViaEnum = builder.enumType('LoginCodeVia', {
  description: 'Where Telegram sent the login code: the Telegram app on another device, a text message, or elsewhere.',
  values: {
    APP: { description: 'In the Telegram app of another device signed in to the account.' },
    SMS: { description: 'In a text message.' },
    OTHER: { description: 'Another way (a call, an email).' },
  } as const,
});

interface PendingLoginRow {
  id: string;
  label: string;
  phone: string;
  step: string;
  codeVia: string;
  passwordHint: string | null;
  expiresAt: Date;
  createdAt: Date;
}

const PendingUserLoginRef = builder.objectRef<PendingLoginRow>('PendingUserLogin').implement({
  description: 'A user-account login started in the app, waiting for its code or 2FA password (it survives a reload).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The login id submitLoginCode and submitLoginPassword take.' }),
    label: t.exposeString('label', { description: 'The label the account gets.' }),
    phone: t.exposeString('phone', { description: 'The phone number, in international form.' }),
    step: t.field({
      type: UserLoginStepEnum,
      description: 'What the login waits for.',
      resolve: (l) => l.step as 'CODE' | 'PASSWORD',
    }),
    codeVia: t.field({
      type: LoginCodeViaEnum,
      description: 'Where Telegram sent the code.',
      resolve: (l) => l.codeVia as 'APP' | 'SMS' | 'OTHER',
    }),
    passwordHint: t.exposeString('passwordHint', {
      nullable: true,
      description: 'The hint set with the 2FA password.',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'After this the login is gone.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the code was asked for.' }),
  }),
});

const loginById = async (core: Parameters<typeof pendingUserLogins>[0], id: string) =>
  (await pendingUserLogins(core)).find((l) => l.id === id) ?? null;

builder.queryField('pendingUserLogins', (t) =>
  t.field({
    type: [PendingUserLoginRef],
    authScopes: { admin: true },
    description: 'User-account logins waiting for a code or a password, newest first (admins).',
    resolve: (_root, _args, ctx) => pendingUserLogins(ctx.core),
  }),
);

const ConnectedAccount = builder.objectRef<{ accountId: string }>('ConnectedTelegramAccount').implement({
  description: 'The account is signed in and saved (its secret encrypted); a gateway connects it next.',
  fields: (t) => ({
    accountId: t.exposeID('accountId', { description: 'The id of the account added (or signed in again).' }),
    account: t.field({
      type: TelegramAccountRef,
      nullable: true,
      description: 'The account as now stored.',
      resolve: (p, _args, ctx) => ctx.core.accounts.get(p.accountId),
    }),
  }),
});

builder.mutationField('addBotAccount', (t) =>
  t.field({
    type: ConnectedAccount,
    authScopes: { admin: true },
    description: 'Adds a bot by its token, checked with Telegram before it is saved (encrypted). Admins only.',
    errors: { types: LOGIN_ERRORS },
    args: {
      label: t.arg.string({ required: true, description: 'What the app calls the account, 1 to 80 characters.' }),
      token: t.arg.string({ required: true, description: "The bot's token from @BotFather." }),
    },
    resolve: async (_root, args, ctx) => ({
      accountId: await addBotAccount(ctx.core, signedIn(ctx).id, args),
    }),
  }),
);

const StartUserLoginSuccess = builder.objectRef<{ loginId: string }>('StartUserLoginSuccess').implement({
  description: 'Telegram sent a code; the login waits for it.',
  fields: (t) => ({
    loginId: t.exposeID('loginId', { description: 'The login id submitLoginCode takes.' }),
    login: t.field({
      type: PendingUserLoginRef,
      nullable: true,
      description: 'The pending login.',
      resolve: (p, _args, ctx) => loginById(ctx.core, p.loginId),
    }),
  }),
});

builder.mutationField('startUserLogin', (t) =>
  t.field({
    type: StartUserLoginSuccess,
    authScopes: { admin: true },
    description: 'Starts signing a Telegram user account in: Telegram sends a code to the phone. Admins only.',
    errors: { types: LOGIN_ERRORS },
    args: {
      label: t.arg.string({ required: true, description: 'What the app calls the account, 1 to 80 characters.' }),
      phone: t.arg.string({ required: true, description: 'The phone number, in international form (+44…).' }),
    },
    resolve: async (_root, args, ctx) => ({ loginId: await startUserLogin(ctx.core, signedIn(ctx).id, args) }),
  }),
);

interface CodeProgress {
  loginId: string;
  accountId: string | null;
  passwordNeeded: boolean;
  passwordHint: string | null;
}

const SubmitLoginCodeSuccess = builder.objectRef<CodeProgress>('SubmitLoginCodeSuccess').implement({
  description: 'Signed in (`accountId`), or the account has 2FA and the login waits for its password.',
  fields: (t) => ({
    passwordNeeded: t.exposeBoolean('passwordNeeded', {
      description: 'The account has 2FA: submitLoginPassword next.',
    }),
    passwordHint: t.exposeString('passwordHint', { nullable: true, description: 'The hint set with the password.' }),
    accountId: t.exposeID('accountId', { nullable: true, description: 'The account, once signed in.' }),
    account: t.field({
      type: TelegramAccountRef,
      nullable: true,
      description: 'The account, once signed in.',
      resolve: (p, _args, ctx) => (p.accountId ? ctx.core.accounts.get(p.accountId) : null),
    }),
    login: t.field({
      type: PendingUserLoginRef,
      nullable: true,
      description: 'The login, while it waits for the password.',
      resolve: (p, _args, ctx) => (p.passwordNeeded ? loginById(ctx.core, p.loginId) : null),
    }),
  }),
});

builder.mutationField('submitLoginCode', (t) =>
  t.field({
    type: SubmitLoginCodeSuccess,
    authScopes: { admin: true },
    description: 'Signs in with the code Telegram sent; may answer that a 2FA password is needed. Admins only.',
    errors: { types: [...LOGIN_ERRORS, NotFoundError] },
    args: {
      loginId: t.arg.id({ required: true, description: 'From startUserLogin or pendingUserLogins.' }),
      code: t.arg.string({ required: true, description: 'The digits Telegram sent.' }),
    },
    resolve: async (_root, args, ctx) => {
      const progress = await submitLoginCode(ctx.core, signedIn(ctx).id, {
        loginId: String(args.loginId),
        code: args.code,
      });
      return { passwordHint: null, ...progress };
    },
  }),
);

builder.mutationField('submitLoginPassword', (t) =>
  t.field({
    type: ConnectedAccount,
    authScopes: { admin: true },
    description: "Finishes a login with the account's 2FA password. Admins only.",
    errors: { types: [...LOGIN_ERRORS, NotFoundError] },
    args: {
      loginId: t.arg.id({ required: true, description: 'From startUserLogin or pendingUserLogins.' }),
      password: t.arg.string({ required: true, description: "The account's 2FA password (never stored)." }),
    },
    resolve: async (_root, args, ctx) => ({
      accountId: await submitLoginPassword(ctx.core, signedIn(ctx).id, {
        loginId: String(args.loginId),
        password: args.password,
      }),
    }),
  }),
);

const CancelUserLoginSuccess = builder.objectRef<{ loginId: string }>('CancelUserLoginSuccess').implement({
  description: 'The pending login and its partial session are deleted.',
  fields: (t) => ({ loginId: t.exposeID('loginId', { description: 'The login cancelled.' }) }),
});

builder.mutationField('cancelUserLogin', (t) =>
  t.field({
    type: CancelUserLoginSuccess,
    authScopes: { admin: true },
    description: 'Abandons a pending login (its partial session is deleted). Admins only.',
    errors: { types: [NotFoundError] },
    args: { loginId: t.arg.id({ required: true, description: 'The login to abandon.' }) },
    resolve: async (_root, args, ctx) => {
      await cancelUserLogin(ctx.core, String(args.loginId));
      return { loginId: String(args.loginId) };
    },
  }),
);
