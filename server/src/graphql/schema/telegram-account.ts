import { addSandboxAccount, removeTelegramAccount, updateTelegramAccount } from '../../accounts/accounts.js';
import { type AccountView, fromWire } from '../../accounts/directory.js';
import { InvalidStateError, NotFoundError, ValidationError } from '../../errors.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { DraftRef } from './draft.js';
import { sharedEvents } from './live.js';

export const AccountKindEnum = builder.enumType('AccountKind', {
  description: 'A Telegram user account (MTProto session), a bot, or a sandbox account played inside Countersign.',
  values: {
    USER: { description: 'A personal Telegram account, connected over MTProto with its session.' },
    BOT: { description: 'A Telegram bot, connected with its token.' },
    SANDBOX: { description: 'Played inside Countersign: people are written as from the sandbox page or sandboxSend.' },
  } as const,
});

export const AccountStateEnum = builder.enumType('AccountState', {
  description:
    'What the account is doing: connecting, connected (this deployment receives and sends), standby (another ' +
    'gateway holds it), waiting for a new login (its session was revoked), failing, or disabled/removed by an admin.',
  values: {
    CONNECTING: { description: 'Connecting to Telegram (or waiting for a gateway to take it).' },
    CONNECTED: { description: 'A gateway holds it: messages come in and replies go out.' },
    STANDBY: { description: 'Its gateway stopped and another is taking over.' },
    NEEDS_LOGIN: { description: 'Telegram no longer accepts its session or token: connect it again.' },
    ERROR: { description: 'Connecting failed; stateDetail says why, and it is retried.' },
    DISABLED: { description: 'Disabled or removed by an admin: nothing comes in or goes out.' },
  } as const,
});

export const TelegramAccountRef = builder.objectRef<AccountView>('TelegramAccount').implement({
  description:
    'A Telegram account people write to. Every contact, message and draft belongs to one; replies leave from it. ' +
    'Its session or token is stored encrypted and never returned.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'Stable: `sandbox` (the default sandbox account), `sandbox:<uuid>`, or `tg:<Telegram id>`.',
    }),
    kind: t.expose('kind', { type: AccountKindEnum, description: 'User account, bot or sandbox.' }),
    label: t.exposeString('label', { description: 'The name admins gave it, shown on cards and filters.' }),
    username: t.exposeString('username', { nullable: true, description: 'The Telegram @username, if any.' }),
    state: t.expose('state', { type: AccountStateEnum, description: 'What its connection is doing now.' }),
    stateDetail: t.exposeString('stateDetail', { nullable: true, description: 'What the state means now, in words.' }),
    stateChangedAt: t.expose('stateChangedAt', { type: 'DateTime', description: 'When the state last changed.' }),
    persona: t.prismaField({
      type: 'Persona',
      nullable: true,
      description: "The persona drafting uses for this account's people; null: the active persona.",
      resolve: (query, account, _args, ctx) =>
        account.personaId
          ? ctx.core.analytics.persona.findUnique({ ...query, where: { id: account.personaId } })
          : null,
    }),
    adminTelegramIds: t.exposeStringList('adminTelegramIds', {
      description: 'Telegram ids that may use /status and /commands on this account; empty: ADMIN_TELEGRAM_IDS.',
    }),
    disabled: t.boolean({
      description: 'Disabled by an admin: nothing comes in or goes out until it is enabled.',
      resolve: (a) => a.disabledAt !== null,
    }),
    removed: t.boolean({
      description: 'Removed by an admin: it takes nothing in; its history stays unless it was erased.',
      resolve: (a) => a.removedAt !== null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was added.' }),
  }),
});

builder.queryField('telegramAccounts', (t) =>
  t.field({
    type: [TelegramAccountRef],
    description: 'The Telegram accounts of this deployment (not the removed ones), oldest first.',
    resolve: (_root, _args, ctx) => ctx.core.accounts.list(),
  }),
);

builder.prismaObjectField(DraftRef, 'account', (t) =>
  t.field({
    type: TelegramAccountRef,
    nullable: true,
    description: 'The Telegram account the person wrote to, which the reply leaves from.',
    select: { contact: { select: { account: true } } },
    // The accounts are in memory: no query per draft, nor per subscriber of a live event.
    resolve: (draft, _args, ctx) => ctx.core.accounts.get(draft.contact.account),
  }),
);

builder.prismaObjectField('Contact', 'account', (t) =>
  t.field({
    type: TelegramAccountRef,
    nullable: true,
    description: 'The Telegram account this person wrote to (someone who writes to two accounts is two contacts).',
    select: { account: true },
    resolve: (contact, _args, ctx) => ctx.core.accounts.get(contact.account),
  }),
);

const AccountPayload = (name: string, description: string) =>
  builder.objectRef<{ account: AccountView }>(name).implement({
    description,
    fields: (t) => ({
      account: t.field({
        type: TelegramAccountRef,
        description: 'The account as now stored.',
        resolve: (p) => p.account,
      }),
    }),
  });

builder.mutationField('addSandboxAccount', (t) =>
  t.field({
    type: AccountPayload('AddSandboxAccountSuccess', 'The sandbox account was added.'),
    authScopes: { admin: true },
    description: 'Adds a sandbox account (admins): a Telegram stand-in for demos and tests. Any number may exist.',
    errors: { types: [ValidationError] },
    args: { label: t.arg.string({ required: true, description: 'Its name, 1 to 100 characters.' }) },
    resolve: async (_root, args, ctx) => ({ account: await addSandboxAccount(ctx.core, args.label, signedIn(ctx)) }),
  }),
);

builder.mutationField('updateTelegramAccount', (t) =>
  t.field({
    type: AccountPayload('UpdateTelegramAccountSuccess', 'The account was changed.'),
    authScopes: { admin: true },
    description:
      'Renames an account, sets its persona (null: the active persona) and admin Telegram ids, disables or ' +
      'enables it (admins). A disabled account takes nothing in and sends nothing. Omitted arguments stay.',
    errors: { types: [ValidationError, NotFoundError] },
    args: {
      id: t.arg.id({ required: true, description: 'The account.' }),
      label: t.arg.string({ description: 'A new name, 1 to 100 characters.' }),
      personaId: t.arg.id({ description: 'The persona its drafts use; null: the active persona.' }),
      disabled: t.arg.boolean({ description: 'true disables it, false enables it again.' }),
      adminTelegramIds: t.arg.stringList({ description: 'Replaces the list; empty: ADMIN_TELEGRAM_IDS again.' }),
    },
    resolve: async (_root, args, ctx) => ({
      account: await updateTelegramAccount(
        ctx.core,
        {
          id: String(args.id),
          label: args.label,
          personaId: args.personaId === undefined ? undefined : args.personaId === null ? null : String(args.personaId),
          disabled: args.disabled,
          adminTelegramIds: args.adminTelegramIds,
        },
        signedIn(ctx),
      ),
    }),
  }),
);

const RemoveTelegramAccountSuccess = builder
  .objectRef<{ account: AccountView; erasedContacts: number }>('RemoveTelegramAccountSuccess')
  .implement({
    description: 'The account was removed (and its people erased, if that was asked for).',
    fields: (t) => ({
      account: t.field({ type: TelegramAccountRef, description: 'The removed account.', resolve: (p) => p.account }),
      erasedContacts: t.exposeInt('erasedContacts', {
        description: 'People erased (as eraseContact does) because eraseHistory was asked for.',
      }),
    }),
  });

builder.mutationField('removeTelegramAccount', (t) =>
  t.field({
    type: RemoveTelegramAccountSuccess,
    authScopes: { admin: true },
    description:
      'Removes an account (admins): it takes nothing in from now on and its stored secret is wiped. History stays ' +
      'unless eraseHistory is true, which erases every person of the account as eraseContact does (running it ' +
      'again on a removed account finishes an erase that was cut short).',
    errors: { types: [NotFoundError, InvalidStateError] },
    args: {
      id: t.arg.id({ required: true, description: 'The account.' }),
      eraseHistory: t.arg.boolean({
        required: true,
        description: 'true also erases every person of the account (GDPR), as eraseContact does.',
      }),
    },
    resolve: (_root, args, ctx) => removeTelegramAccount(ctx.core, String(args.id), args.eraseHistory, signedIn(ctx)),
  }),
);

builder.subscriptionField('telegramAccountUpdated', (t) =>
  t.field({
    type: TelegramAccountRef,
    description: 'An account changed: its state, label, persona, or it was added, disabled or removed.',
    // The event carries the whole account: nothing is read per subscriber.
    subscribe: (_root, _args, ctx) =>
      sharedEvents(ctx.core.pubsub, 'telegramAccountUpdated', () =>
        ctx.core.pubsub.subscribe('telegramAccountUpdated'),
      ),
    resolve: (event) => fromWire(event.account),
  }),
);
