import { randomUUID } from 'node:crypto';
import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import { InvalidStateError, NotFoundError, TelegramRefusedError, ValidationError } from '../errors.js';
import type { SignedIn, TelegramSignIn } from '../ports.js';
import { isId } from '../validate.js';
import { accountChanged } from './accounts.js';
import { ACCOUNT_COLUMNS, toView } from './directory.js';

/** How long a started login waits for its code or password (Telegram's codes expire sooner). */
export const LOGIN_MINUTES = 15;

const LABEL_MAX = 80;

function cleanLabel(label: string): string {
  const clean = label.trim();
  if (!clean) throw new ValidationError('label', 'Give the account a label');
  if (clean.length > LABEL_MAX) throw new ValidationError('label', `A label has at most ${LABEL_MAX} characters`);
  return clean;
}

/** Digits with an optional leading +; spaces, dashes, dots and brackets are dropped. */
function cleanPhone(phone: string): string {
  const clean = phone.replace(/[\s().-]/g, '');
  if (!/^\+?\d{7,15}$/.test(clean)) {
    throw new ValidationError('phone', 'A phone number is 7 to 15 digits, in international form (+44…)');
  }
  return clean.startsWith('+') ? clean : `+${clean}`;
}

function signInOf(core: Core): TelegramSignIn {
  if (!core.telegramSignIn) {
    throw new InvalidStateError(
      'NOT_CONFIGURED',
      'Connecting Telegram accounts needs TELEGRAM_API_ID and TELEGRAM_API_HASH (from my.telegram.org) on the server',
    );
  }
  if (!core.secrets.canSeal) {
    throw new InvalidStateError(
      'NOT_CONFIGURED',
      'Connected accounts are stored encrypted: set ACCOUNT_SECRETS_KEY on the server (openssl rand -base64 32)',
    );
  }
  return core.telegramSignIn;
}

/** Stores a signed-in account (a new row, or a fresh secret for one already known), audited; its id. */
async function saveAccount(
  core: Core,
  actorId: string,
  kind: 'USER' | 'BOT',
  label: string,
  who: Pick<SignedIn, 'telegramId' | 'username'>,
  secret: string,
): Promise<string> {
  const id = `tg:${who.telegramId}`;
  const sealed = core.secrets.columns(secret, id);
  const fresh = {
    label,
    username: who.username,
    state: 'CONNECTING' as const,
    stateDetail: 'Waiting for a gateway to connect it',
    stateChangedAt: new Date(),
    disabledAt: null,
    removedAt: null,
    ...sealed,
  };
  const row = await core.analytics.$transaction(async (tx) => {
    const before = await tx.telegramAccount.findUnique({ where: { id }, select: { removedAt: true } });
    const saved = await tx.telegramAccount.upsert({
      where: { id },
      create: { id, kind, adminTelegramIds: [], ...fresh },
      update: { kind, ...fresh },
      select: ACCOUNT_COLUMNS,
    });
    // Signing an account in again (its session revoked, or a new token) is not a new account.
    if (before && before.removedAt === null) {
      await audit(tx, 'account.update', {
        actorId,
        subjectId: id,
        detail: { label, personaId: null, disabled: null, adminIds: null },
      });
    } else {
      await audit(tx, 'account.add', { actorId, subjectId: id, detail: { kind, label } });
    }
    return saved;
  });
  accountChanged(core, toView(row));
  core.log.info({ account: id, kind }, 'telegram account connected from the app');
  return id;
}

/** Checks a bot token with Telegram (the real sign-in) and stores the bot, its token encrypted; the account id. */
export async function addBotAccount(core: Core, actorId: string, input: { label: string; token: string }) {
  const label = cleanLabel(input.label);
  const token = input.token.trim();
  if (!/^\d+:[\w-]{20,}$/.test(token)) {
    throw new ValidationError('token', 'A bot token looks like 123456789:AAE… (from @BotFather)');
  }
  const bot = await signInOf(core).signInBot(token);
  return saveAccount(core, actorId, 'BOT', label, bot, token);
}

/** The associated data a pending login's session is sealed under: it opens for this login only. */
const loginSecretId = (loginId: string) => `login:${loginId}`;

function sealLogin(core: Core, session: string, loginId: string) {
  const s = core.secrets.seal(session, loginSecretId(loginId));
  return {
    secretCiphertext: new Uint8Array(s.ciphertext),
    secretIv: new Uint8Array(s.iv),
    secretTag: new Uint8Array(s.tag),
    secretKeyId: s.keyId,
  };
}

const unexpired = () => ({ expiresAt: { gt: new Date() } });

/** Logins waiting for a code or a password, newest first; expired ones are deleted on the way. */
export async function pendingUserLogins(core: Core) {
  await core.analytics.telegramLogin.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  return core.analytics.telegramLogin.findMany({ where: unexpired(), orderBy: { createdAt: 'desc' } });
}

/** Asks Telegram to send a login code to `phone`; the pending login (its partial session encrypted) is stored. */
export async function startUserLogin(core: Core, actorId: string, input: { label: string; phone: string }) {
  const label = cleanLabel(input.label);
  const phone = cleanPhone(input.phone);
  const sent = await signInOf(core).sendCode(phone);
  const id = randomUUID();
  await core.analytics.$transaction(async (tx) => {
    await tx.telegramLogin.create({
      data: {
        id,
        label,
        phone,
        phoneCodeHash: sent.phoneCodeHash,
        codeVia: sent.via,
        step: 'CODE',
        startedById: actorId,
        expiresAt: new Date(Date.now() + LOGIN_MINUTES * 60_000),
        ...sealLogin(core, sent.session, id),
      },
    });
    await audit(tx, 'account.login-start', { actorId, subjectId: id, detail: { label } });
  });
  return id;
}

async function pendingLogin(core: Core, loginId: string, step: 'CODE' | 'PASSWORD') {
  const login = isId(loginId)
    ? await core.analytics.telegramLogin.findFirst({ where: { id: loginId, ...unexpired() } })
    : null;
  if (!login) throw new NotFoundError('UserLogin', loginId);
  if (login.step !== step) {
    throw new InvalidStateError(
      login.step,
      login.step === 'PASSWORD' ? 'This login waits for the 2FA password' : 'This login waits for its code',
    );
  }
  const session = core.secrets.openColumns({ ...login, id: loginSecretId(login.id) });
  if (session === null) throw new NotFoundError('UserLogin', loginId);
  return { login, session };
}

/** Ends a login whose code Telegram no longer takes, and passes the refusal on. */
async function endOnExpiry(core: Core, loginId: string, error: unknown): Promise<never> {
  if (error instanceof TelegramRefusedError && error.reason === 'PHONE_CODE_EXPIRED') {
    await core.analytics.telegramLogin.deleteMany({ where: { id: loginId } });
  }
  throw error;
}

async function finish(
  core: Core,
  actorId: string,
  login: { id: string; label: string },
  user: SignedIn,
): Promise<string> {
  const accountId = await saveAccount(core, actorId, 'USER', login.label, user, user.session);
  await core.analytics.telegramLogin.deleteMany({ where: { id: login.id } });
  return accountId;
}

export type LoginProgress =
  | { accountId: string; passwordNeeded: false; loginId: string }
  | { accountId: null; passwordNeeded: true; passwordHint: string | null; loginId: string };

/** Signs in with the code Telegram sent; with 2FA on, the login moves on to the password. */
export async function submitLoginCode(
  core: Core,
  actorId: string,
  input: { loginId: string; code: string },
): Promise<LoginProgress> {
  const code = input.code.replace(/[\s-]/g, '');
  if (!/^\d{3,10}$/.test(code)) throw new ValidationError('code', 'The code is the digits Telegram sent');
  const { login, session } = await pendingLogin(core, input.loginId, 'CODE');
  const answer = await signInOf(core)
    .signIn({ session, phone: login.phone, phoneCodeHash: login.phoneCodeHash }, code)
    .catch((error: unknown) => endOnExpiry(core, login.id, error));
  if ('signedIn' in answer) {
    return { accountId: await finish(core, actorId, login, answer.signedIn), passwordNeeded: false, loginId: login.id };
  }
  const { hint } = answer.passwordNeeded;
  await core.analytics.telegramLogin.update({
    where: { id: login.id },
    data: {
      step: 'PASSWORD',
      passwordHint: hint,
      expiresAt: new Date(Date.now() + LOGIN_MINUTES * 60_000),
      ...sealLogin(core, answer.passwordNeeded.session, login.id),
    },
  });
  return { accountId: null, passwordNeeded: true, passwordHint: hint, loginId: login.id };
}

/** Finishes a login with the account's 2FA password (Telegram's SRP check); the account id. */
export async function submitLoginPassword(
  core: Core,
  actorId: string,
  input: { loginId: string; password: string },
): Promise<string> {
  if (!input.password) throw new ValidationError('password', 'Enter the 2FA password');
  const { login, session } = await pendingLogin(core, input.loginId, 'PASSWORD');
  const user = await signInOf(core).checkPassword(session, input.password);
  return finish(core, actorId, login, user);
}

/** Abandons a pending login (the partial session is deleted). */
export async function cancelUserLogin(core: Core, loginId: string): Promise<void> {
  const { count } = isId(loginId)
    ? await core.analytics.telegramLogin.deleteMany({ where: { id: loginId } })
    : { count: 0 };
  if (count === 0) throw new NotFoundError('UserLogin', loginId);
}
