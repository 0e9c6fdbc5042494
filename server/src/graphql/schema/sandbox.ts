import { sandboxChatTopic } from '../../accounts/accounts.js';
import { InvalidStateError, NotFoundError, ValidationError } from '../../errors.js';
import { sandboxSend } from '../../intake/sandbox.js';
import { SANDBOX_ACCOUNT } from '../../ports.js';
import type { MessageWire, SandboxEvent } from '../../pubsub.js';
import { builder } from '../builder.js';
import { rowField } from '../row-field.js';
import { sharedEvents } from './live.js';

/** PostgreSQL's JSON of a `timestamp` (UTC, as Prisma stores it) has no zone: it is read as UTC. */
const utc = (at: string) => new Date(/[Zz]|[+-]\d\d:?\d\d$/.test(at) ? at : `${at}Z`);

/** A published message row as Prisma returns it: its times as dates again. */
function messageFromWire(m: MessageWire) {
  return { ...m, sentAt: utc(m.sentAt), createdAt: utc(m.createdAt), bufferedAt: utc(m.bufferedAt) };
}

/** A sandbox chat's account: the one named, else the default sandbox account. */
const accountOf = (id: string | number | null | undefined) => (id == null ? SANDBOX_ACCOUNT : String(id).trim());

const SandboxSendInput = builder.inputType('SandboxSendInput', {
  description: 'A message from a made-up Telegram user in the sandbox channel.',
  fields: (t) => ({
    telegramUserId: t.string({ required: true, description: 'Digits, as Telegram user ids are.' }),
    text: t.string({ required: true, description: 'What the user writes.' }),
    firstName: t.string({ description: "The user's first name, shown as the contact's name." }),
    clientMessageId: t.string({ description: 'Makes a retried send idempotent; generated when absent.' }),
    accountId: t.id({ description: 'The sandbox account written to; the default sandbox account when absent.' }),
  }),
});

const SandboxSendSuccess = builder
  .objectRef<{ messageId: string; duplicate: boolean }>('SandboxSendSuccess')
  .implement({
    description: 'The message was stored and will be drafted for like a real one.',
    fields: (t) => ({
      duplicate: t.exposeBoolean('duplicate', {
        description: 'True when this clientMessageId had already been received.',
      }),
      sent: rowField(t, 'Message', (p) => p.messageId, 'The stored inbound message.'),
    }),
  });

builder.mutationField('sandboxSend', (t) =>
  t.field({
    type: SandboxSendSuccess,
    description: 'Writes as a Telegram user in the sandbox channel. Returns once the message is stored.',
    errors: { types: [ValidationError, NotFoundError, InvalidStateError] },
    args: { input: t.arg({ type: SandboxSendInput, required: true, description: 'The message.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { messageId, duplicate } = await sandboxSend(ctx.core, {
        ...input,
        accountId: input.accountId == null ? null : String(input.accountId),
      });
      return { messageId, duplicate };
    },
  }),
);

builder.queryField('sandboxChat', (t) =>
  t.prismaField({
    type: ['Message'],
    description: "A sandbox user's chat: what they wrote and the replies delivered to them, oldest first.",
    args: {
      telegramUserId: t.arg.string({ required: true, description: 'The sandbox user.' }),
      last: t.arg.int({ defaultValue: 200, description: 'How many of the latest messages, 1 to 500.' }),
      accountId: t.arg.id({ description: 'The sandbox account; the default sandbox account when absent.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const rows = await ctx.core.analytics.message.findMany({
        ...query,
        where: { account: accountOf(args.accountId), chatId: args.telegramUserId.trim() },
        orderBy: [{ sentAt: 'desc' }, { createdAt: 'desc' }],
        take: Math.min(Math.max(args.last ?? 200, 1), 500),
      });
      return rows.reverse();
    },
  }),
);

builder.subscriptionField('sandboxMessage', (t) =>
  t.prismaField({
    type: 'Message',
    description: 'Replies delivered to a sandbox user, as they are sent.',
    args: {
      telegramUserId: t.arg.string({ required: true, description: 'The sandbox user.' }),
      accountId: t.arg.id({ description: 'The sandbox account; the default sandbox account when absent.' }),
    },
    subscribe: (_root, args, ctx) => {
      const { pubsub, analytics } = ctx.core;
      const chat = sandboxChatTopic(accountOf(args.accountId), args.telegramUserId.trim());
      return sharedEvents(
        pubsub,
        `sandboxMessage:${chat}`,
        () => pubsub.subscribe('sandboxMessage', chat),
        // An erased message is dropped; checked once per event, however many watch the chat. An event that
        // carries the row it was published with (every delivery's) needs no check: the row was just written.
        async (e: SandboxEvent) => !!e.message || (await analytics.message.count({ where: { id: e.messageId } })) > 0,
      );
    },
    // The row the delivery published, read from the database only when an event does not carry it. Relations
    // the selection asks for are loaded by the Prisma plugin from the row's ids.
    resolve: (query, payload, _args, ctx) => {
      const { message, messageId } = payload as SandboxEvent;
      if (message) return messageFromWire(message);
      return ctx.core.analytics.message.findUniqueOrThrow({ ...query, where: { id: messageId } });
    },
  }),
);
