import { randomUUID } from 'node:crypto';
import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { AccountKind, AccountState, Reviewer } from '../db.js';
import { InvalidStateError, NotFoundError, ValidationError } from '../errors.js';
import { isSandboxAccount, SANDBOX_ACCOUNT } from '../ports.js';
import { eraseContact } from '../privacy/erase.js';
import { isId, requireText } from '../validate.js';
import { ACCOUNT_COLUMNS, type AccountView, takesMessages, toView, toWire } from './directory.js';

export { isSandboxAccount, SANDBOX_ACCOUNT };

const MAX_LABEL = 100;
const TELEGRAM_ID = /^\d{1,20}$/;

/** The pub/sub topic of one sandbox chat: the default account's chats keep the bare user id. */
export const sandboxChatTopic = (account: string, telegramUserId: string) =>
  account === SANDBOX_ACCOUNT ? telegramUserId : `${account}:${telegramUserId}`;

/** Tells every process (and the Telegram page) that an account changed; this process's directory at once. */
export function accountChanged(core: Core, account: AccountView): void {
  core.accounts.apply(account);
  core.pubsub.publish('telegramAccountUpdated', { account: toWire(account) });
}

async function write(
  core: Core,
  id: string,
  data: Parameters<Core['analytics']['telegramAccount']['update']>[0]['data'],
): Promise<AccountView> {
  const row = await core.analytics.telegramAccount.update({ where: { id }, data, select: ACCOUNT_COLUMNS });
  const view = toView(row);
  accountChanged(core, view);
  return view;
}

/** An account that exists and is not removed, or NotFoundError. */
export async function liveAccount(core: Core, id: string): Promise<AccountView> {
  const account = await core.accounts.get(id);
  if (!account || account.removedAt) throw new NotFoundError('TelegramAccount', id);
  return account;
}

/**
 * The account a sandbox message is written to: the default sandbox account when none is named, else a sandbox
 * account that takes messages. Bad ids are typed errors naming `accountId`.
 */
export async function sandboxAccountFor(core: Core, accountId: string | null | undefined): Promise<string> {
  const id = accountId?.trim() || SANDBOX_ACCOUNT;
  const account = await core.accounts.get(id);
  if (!account || account.removedAt) throw new NotFoundError('TelegramAccount', id);
  if (account.kind !== 'SANDBOX')
    throw new ValidationError('accountId', 'Only a sandbox account can be written to from the sandbox');
  if (!takesMessages(account))
    throw new InvalidStateError('DISABLED', 'This sandbox account is disabled: enable it to write to it');
  return id;
}

/** Adds a sandbox account (admins): any number, for demos and tests. */
export async function addSandboxAccount(core: Core, label: string, reviewer: Reviewer): Promise<AccountView> {
  const name = requireText('label', label, MAX_LABEL, 'Label');
  const id = `sandbox:${randomUUID()}`;
  const row = await core.analytics.$transaction(async (tx) => {
    const created = await tx.telegramAccount.create({
      data: { id, kind: 'SANDBOX', label: name, state: 'CONNECTED', adminTelegramIds: [] },
      select: ACCOUNT_COLUMNS,
    });
    await audit(tx, 'account.add', { actorId: reviewer.id, subjectId: id, detail: { kind: 'SANDBOX', label: name } });
    return created;
  });
  const view = toView(row);
  accountChanged(core, view);
  core.log.info({ account: id }, 'sandbox account added');
  return view;
}

export interface UpdateAccount {
  id: string;
  label?: string | null;
  /** Absent: unchanged; null: back to the active persona. */
  personaId?: string | null;
  disabled?: boolean | null;
  /** Absent or null: unchanged; empty: ADMIN_TELEGRAM_IDS again. */
  adminTelegramIds?: readonly string[] | null;
}

/** The state an enabled account returns to: a sandbox is connected at once, Telegram reconnects. */
const enabledState = (kind: AccountKind): AccountState => (kind === 'SANDBOX' ? 'CONNECTED' : 'CONNECTING');

/** Renames an account, sets its persona and admin ids, disables or enables it (admins). */
export async function updateTelegramAccount(
  core: Core,
  input: UpdateAccount,
  reviewer: Reviewer,
): Promise<AccountView> {
  const account = await liveAccount(core, input.id);
  const label = input.label == null ? null : requireText('label', input.label, MAX_LABEL, 'Label');
  let personaId: string | null | undefined;
  if (input.personaId !== undefined) {
    personaId = input.personaId?.trim() || null;
    if (personaId !== null) {
      const found = isId(personaId) && (await core.analytics.persona.count({ where: { id: personaId } })) > 0;
      if (!found) throw new ValidationError('personaId', 'No persona has this id');
    }
  }
  const adminIds = input.adminTelegramIds?.map((id) => id.trim());
  if (adminIds?.some((id) => !TELEGRAM_ID.test(id)))
    throw new ValidationError('adminTelegramIds', 'Admin Telegram ids are digits only, such as "1001"');
  const now = new Date();
  const disable = input.disabled === true && !account.disabledAt;
  const enable = input.disabled === false && account.disabledAt;
  const view = await core.analytics.$transaction(async (tx) => {
    const row = await tx.telegramAccount.update({
      where: { id: account.id },
      data: {
        ...(label !== null ? { label } : {}),
        ...(personaId !== undefined ? { personaId } : {}),
        ...(adminIds ? { adminTelegramIds: [...new Set(adminIds)] } : {}),
        ...(disable
          ? { disabledAt: now, state: 'DISABLED', stateDetail: 'Disabled by an admin', stateChangedAt: now }
          : {}),
        ...(enable
          ? { disabledAt: null, state: enabledState(account.kind), stateDetail: null, stateChangedAt: now }
          : {}),
      },
      select: ACCOUNT_COLUMNS,
    });
    await audit(tx, 'account.update', {
      actorId: reviewer.id,
      subjectId: account.id,
      detail: {
        label,
        personaId: personaId ?? null,
        disabled: input.disabled ?? null,
        adminIds: adminIds ? adminIds.length : null,
      },
    });
    return toView(row);
  });
  accountChanged(core, view);
  core.log.info({ account: account.id, disabled: view.disabledAt !== null }, 'telegram account updated');
  return view;
}

/**
 * Removes an account (admins): intake stops at once (every process's directory hears of it), its stored secret
 * is wiped, history stays. With `eraseHistory`, every person of the account is erased exactly as eraseContact
 * does, one after another; calling it again on the removed account finishes an erase that was cut short.
 */
export async function removeTelegramAccount(
  core: Core,
  id: string,
  eraseHistory: boolean,
  reviewer: Reviewer,
): Promise<{ account: AccountView; erasedContacts: number }> {
  const account = await core.accounts.get(id);
  if (!account || (account.removedAt && !eraseHistory)) throw new NotFoundError('TelegramAccount', id);
  if (id === SANDBOX_ACCOUNT)
    throw new InvalidStateError('DEFAULT', 'The default sandbox account cannot be removed; disable it instead');
  const now = new Date();
  let view = account;
  if (!account.removedAt) {
    view = await write(core, id, {
      removedAt: now,
      state: 'DISABLED',
      stateDetail: 'Removed',
      stateChangedAt: now,
      secretCiphertext: null,
      secretIv: null,
      secretTag: null,
      secretKeyId: null,
    });
  }
  let erased = 0;
  if (eraseHistory) {
    for (;;) {
      const batch = await core.analytics.contact.findMany({ where: { account: id }, select: { id: true }, take: 100 });
      if (batch.length === 0) break;
      for (const contact of batch) {
        await eraseContact(core, contact.id, reviewer.id).catch((error) => {
          // Erased meanwhile (by an admin, or a concurrent removal): nothing left to do for that person.
          if (!(error instanceof NotFoundError)) throw error;
        });
        erased++;
      }
    }
  }
  await audit(core.analytics, 'account.remove', {
    actorId: reviewer.id,
    subjectId: id,
    detail: { eraseHistory, contacts: erased },
  });
  core.log.info({ account: id, eraseHistory, erasedContacts: erased }, 'telegram account removed');
  return { account: view, erasedContacts: erased };
}

/** Records what an account's connection is doing (the gateway's side), for the Telegram page. */
export async function setAccountState(
  core: Core,
  id: string,
  state: AccountState,
  detail: string | null = null,
  extra: { username?: string | null } = {},
): Promise<AccountView | null> {
  const held = await core.accounts.get(id);
  if (!held) return null;
  if (held.state === state && held.stateDetail === detail && (extra.username ?? held.username) === held.username)
    return held;
  const { count } = await core.analytics.telegramAccount.updateMany({
    where: { id },
    data: { state, stateDetail: detail?.slice(0, 500) ?? null, stateChangedAt: new Date(), ...extra },
  });
  if (count === 0) return null;
  const row = await core.analytics.telegramAccount.findUnique({ where: { id }, select: ACCOUNT_COLUMNS });
  if (!row) return null;
  const view = toView(row);
  accountChanged(core, view);
  return view;
}

/** The Telegram ids that may use /status and /commands on an account: its own, else ADMIN_TELEGRAM_IDS. */
export async function adminIdsOf(core: Core, accountId: string): Promise<readonly string[]> {
  const account = await core.accounts.get(accountId);
  return account && account.adminTelegramIds.length > 0 ? account.adminTelegramIds : core.config.ADMIN_TELEGRAM_IDS;
}

/**
 * Imports the Telegram account of the TELEGRAM_* variables as an account, idempotently: created on first start
 * (labelled, its token or session sealed), its secret re-sealed only when the variable changed. A bot's id comes
 * from its token, so it is imported at start; a user account's id is known once connected (`accountId`). An
 * account an admin removed is left removed. Without a key to seal with (services mode without
 * ACCOUNT_SECRETS_KEY) the account is recorded without its secret, which then stays in the environment only.
 */
export async function importConfiguredAccount(core: Core, accountId?: string): Promise<AccountView | null> {
  const { config } = core;
  if (config.telegram === 'sandbox') return null;
  const kind: AccountKind = config.telegram === 'bot' ? 'BOT' : 'USER';
  const secret = String(config.telegram === 'bot' ? config.TELEGRAM_BOT_TOKEN : config.TELEGRAM_SESSION);
  const id = accountId ?? (kind === 'BOT' ? `tg:${secret.split(':')[0]}` : null);
  if (!id) return null;
  const existing = await core.analytics.telegramAccount.findUnique({ where: { id } });
  if (existing?.removedAt) {
    core.log.warn({ account: id }, 'the TELEGRAM_* account was removed in the app; it is not imported again');
    return null;
  }
  let sealed = {};
  if (core.secrets.canSeal) {
    let same = false;
    try {
      same = existing ? core.secrets.openColumns(existing) === secret : false;
    } catch {
      same = false;
    }
    if (!same) sealed = core.secrets.columns(secret, id);
  } else if (!existing) {
    core.log.warn(
      { account: id },
      'ACCOUNT_SECRETS_KEY is not set: the TELEGRAM_* account is recorded without its secret',
    );
  }
  const label = kind === 'BOT' ? 'Telegram bot' : 'Telegram account';
  if (existing) {
    const data = {
      ...(existing.kind !== kind ? { kind } : {}),
      ...(existing.source !== 'env' ? { source: 'env' } : {}),
      ...sealed,
      // A new secret (or the first one) may log it in again; the same revoked one would not.
      ...(existing.state === 'NEEDS_LOGIN' && (Object.keys(sealed).length > 0 || !existing.secretKeyId)
        ? { state: 'CONNECTING' as const, stateDetail: null, stateChangedAt: new Date() }
        : {}),
    };
    // Nothing changed since the last start: the row is left as it is.
    if (Object.keys(data).length === 0) return core.accounts.get(id);
    const row = await core.analytics.telegramAccount.update({ where: { id }, data, select: ACCOUNT_COLUMNS });
    const view = toView(row);
    accountChanged(core, view);
    return view;
  }
  const row = await core.analytics.telegramAccount
    .create({
      data: { id, kind, label, source: 'env', state: 'CONNECTING', adminTelegramIds: [], ...sealed },
      select: ACCOUNT_COLUMNS,
    })
    .catch(async (error: unknown) => {
      // Another process imported it at the same moment.
      const raced = await core.analytics.telegramAccount.findUnique({ where: { id }, select: ACCOUNT_COLUMNS });
      if (!raced) throw error;
      return raced;
    });
  const view = toView(row);
  accountChanged(core, view);
  core.log.info({ account: id, kind }, 'TELEGRAM_* account imported');
  return view;
}
