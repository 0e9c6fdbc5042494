import { MAX_SEARCH_LENGTH, searchContactIds } from '../../contacts/search.js';
import { InvalidTransitionError } from '../../errors.js';
import { type FunnelOutcome, setCustomerStatus } from '../../funnel/apply.js';
import { eraseContact } from '../../privacy/erase.js';
import { isId } from '../../validate.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { rowField } from '../row-field.js';
import { ROW_ERRORS } from './errors.js';
import { oncePerEvent, sharedEvents } from './live.js';

export const CustomerStatusEnum = builder.enumType('CustomerStatus', {
  description:
    'Where a person is in the sales funnel; moves between them follow the funnel table unless an admin overrides it with a reason.',
  values: {
    PROSPECT: { description: 'New or not yet qualified (the status every contact starts with).' },
    LEAD_QUALIFIED: { description: 'Shown real interest; a likely buyer.' },
    CUSTOMER: { description: 'Has paid; payments add to the lifetime value.' },
    CHURNED: { description: 'Was a customer and stopped.' },
    LEAD_EXHAUSTED: { description: 'Followed up without result; not pursued further.' },
  } as const,
});
/** What a status move and/or payment did; shared by approveDraft and setCustomerStatus results. */
export const FunnelOutcomeRef = builder.interfaceRef<FunnelOutcome>('FunnelOutcome').implement({
  description: "What a change did to the person's customer status and lifetime value.",
  fields: (t) => ({
    previousStatus: t.expose('previousStatus', {
      type: CustomerStatusEnum,
      description: 'The status before this change.',
    }),
    newStatus: t.expose('newStatus', {
      type: CustomerStatusEnum,
      description: 'The status after it (the same when it did not move).',
    }),
    ltvTotal: t.exposeString('ltvTotal', { description: 'The lifetime value after this change, a decimal string.' }),
    ltvAdded: t.exposeString('ltvAdded', {
      nullable: true,
      description: 'The payment recorded by this change, if any.',
    }),
  }),
});

const DirectionEnum = builder.enumType('MessageDirection', {
  description: 'Who sent a message.',
  values: {
    INBOUND: { description: 'From the person to us.' },
    OUTBOUND: { description: 'From us to the person (a delivered bubble).' },
  } as const,
});

const MessageRef = builder.prismaObject('Message', {
  description: 'One Telegram message between a person and us.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the message.' }),
    direction: t.expose('direction', { type: DirectionEnum, description: 'Who sent it.' }),
    text: t.exposeString('text', { description: 'Its text, as sent (render as text, never as HTML).' }),
    sentAt: t.expose('sentAt', { type: 'DateTime', description: 'When it was sent, as Telegram reports.' }),
    telegramMessageId: t.exposeString('telegramMessageId', {
      nullable: true,
      description: "Telegram's id of the message in its chat; null where Telegram gave none.",
    }),
    draftId: t.string({
      nullable: true,
      description: 'Inbound: the draft answering it (null while its burst is open). Outbound: the draft it delivered.',
      select: { draftId: true, sourceDraftId: true },
      resolve: (m) => m.sourceDraftId ?? m.draftId,
    }),
  }),
});

/** Connections and edges are named after their node, so generated client types stay stable as fields are added. */
const MessageConnection = builder.connectionObject(
  { type: MessageRef, name: 'MessageConnection', description: 'A page of messages.' },
  { name: 'MessageEdge', description: 'One message in a page, with its cursor.' },
);

builder.prismaObject('StatusChange', {
  description: "One move of a person's customer status.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the change.' }),
    fromStatus: t.expose('fromStatus', { type: CustomerStatusEnum, description: 'The status before.' }),
    toStatus: t.expose('toStatus', { type: CustomerStatusEnum, description: 'The status after.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, as the reviewer gave it; null if none.' }),
    override: t.exposeBoolean('override', {
      description: 'True when an admin made a move the funnel table does not allow.',
    }),
    draftId: t.exposeString('draftId', {
      nullable: true,
      description: 'The draft approved with this change; null for a change made on its own.',
    }),
    by: t.relation('reviewer', {
      nullable: true,
      description: 'The reviewer who made it; null when none did or the account is gone.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was made.' }),
  }),
});

export const ContactRef = builder.prismaObject('Contact', {
  description: 'A person who writes to us on Telegram.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the contact.' }),
    telegramUserId: t.exposeString('telegramUserId', {
      description: "The person's Telegram user id, as a decimal string.",
    }),
    displayName: t.exposeString('displayName', { description: 'Their name on Telegram.' }),
    username: t.exposeString('username', {
      nullable: true,
      description: 'Their Telegram @username without the @; null if they have none.',
    }),
    customerStatus: t.expose('customerStatus', {
      type: CustomerStatusEnum,
      description: 'Where they are in the funnel.',
    }),
    ltv: t.string({
      description: 'Lifetime value, a decimal string such as "120.50".',
      select: { ltvTotal: true },
      resolve: (c) => c.ltvTotal.toFixed(2),
    }),
    messages: t.relatedConnection(
      'messages',
      {
        cursor: 'id',
        description: 'Every message with the person, both directions, oldest first.',
        query: { orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }] },
      },
      MessageConnection,
    ),
    pendingMessages: t.relation('messages', {
      description:
        "The person's messages in no draft yet, oldest first: their burst is still open (drafting starts when they " +
        'pause), or its draft was superseded and the next one is on its way. The history shows them after its turns.',
      query: { where: { direction: 'INBOUND', draftId: null }, orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }] },
    }),
    statusHistory: t.relation('statusChanges', {
      description: 'Every customer status change, oldest first.',
      query: { orderBy: { createdAt: 'asc' } },
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the contact was recorded, at their first message.',
    }),
  }),
});

builder.queryField('contact', (t) =>
  t.prismaField({
    type: 'Contact',
    nullable: true,
    description: 'One contact by id; null when there is none (or it was erased).',
    args: { id: t.arg.id({ required: true, description: 'The contact id.' }) },
    resolve: (query, _root, args, ctx) =>
      isId(String(args.id))
        ? ctx.core.analytics.contact.findUnique({ ...query, where: { id: String(args.id) } })
        : null,
  }),
);

builder.queryField('contacts', (t) =>
  t.prismaConnection(
    {
      type: 'Contact',
      cursor: 'id',
      description:
        'People, most recently updated first. `search` finds them by the start of any word of their name, username ' +
        'or messages (every word typed must match: "ana mü" finds Ana Müller), or by their whole Telegram id; ' +
        'punctuation is ignored, so a search of only punctuation finds no one.',
      args: {
        status: t.arg({ type: CustomerStatusEnum, description: 'Only people with this status.' }),
        search: t.arg.string({ description: `Up to ${MAX_SEARCH_LENGTH} characters are used.` }),
        accountId: t.arg.id({ description: 'Only people who wrote to this Telegram account.' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const account = args.accountId == null ? null : String(args.accountId);
        if (!args.search?.trim()) {
          return ctx.core.analytics.contact.findMany({
            ...query,
            where: {
              ...(args.status ? { customerStatus: args.status } : {}),
              ...(account !== null ? { account } : {}),
            },
            orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
          });
        }
        const { cursor, skip, take, ...selection } = query;
        const ids = await searchContactIds(ctx.core, {
          search: args.search,
          status: args.status,
          account,
          cursor: cursor?.id,
          skip,
          take,
        });
        const rows = await ctx.core.analytics.contact.findMany({ ...selection, where: { id: { in: ids } } });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.flatMap((id) => byId.get(id) ?? []);
      },
    },
    builder.connectionObject(
      { type: ContactRef, name: 'ContactConnection', description: 'A page of contacts.' },
      { name: 'ContactEdge', description: 'One contact in a page, with its cursor.' },
    ),
  ),
);

const SetCustomerStatusInput = builder.inputType('SetCustomerStatusInput', {
  description: "A move of a person's customer status, with an optional payment.",
  fields: (t) => ({
    contactId: t.id({ required: true, description: 'The person.' }),
    status: t.field({ type: CustomerStatusEnum, required: true, description: 'The status to move to.' }),
    ltvAmount: t.string({ description: 'A payment as a decimal string; only with status CUSTOMER.' }),
    reason: t.string({ description: 'Why; an admin needs one to override the funnel table.' }),
  }),
});

const SetCustomerStatusSuccess = builder
  .objectRef<FunnelOutcome & { contactId: string }>('SetCustomerStatusSuccess')
  .implement({
    description: 'The status was set (and any payment recorded).',
    interfaces: [FunnelOutcomeRef],
    fields: (t) => ({ contact: rowField(t, 'Contact', (p) => p.contactId, 'The person, as changed.') }),
  });

builder.mutationField('setCustomerStatus', (t) =>
  t.field({
    type: SetCustomerStatusSuccess,
    authScopes: { reviewer: true },
    description:
      "Sets a person's customer status (reviewers and admins); InvalidTransitionError for a move the funnel table forbids, unless an admin gives a reason.",
    errors: { types: [...ROW_ERRORS, InvalidTransitionError] },
    args: { input: t.arg({ type: SetCustomerStatusInput, required: true, description: 'The move.' }) },
    resolve: (_root, { input }, ctx) =>
      setCustomerStatus(ctx.core, { ...input, contactId: String(input.contactId) }, signedIn(ctx)),
  }),
);

const EraseContactSuccess = builder
  .objectRef<{ contactId: string; drafts: number; messages: number }>('EraseContactSuccess')
  .implement({
    description: 'The person was erased.',
    fields: (t) => ({
      contactId: t.exposeID('contactId', { description: 'The id the person had; it now names no one.' }),
      erasedDrafts: t.exposeInt('drafts', { description: 'How many of their drafts were deleted.' }),
      erasedMessages: t.exposeInt('messages', { description: 'How many of their messages were deleted.' }),
    }),
  });

builder.mutationField('eraseContact', (t) =>
  t.field({
    type: EraseContactSuccess,
    authScopes: { admin: true },
    description: 'GDPR erase: removes the person from every database and queue. Admins only.',
    errors: { types: ROW_ERRORS },
    args: { id: t.arg.id({ required: true, description: 'The contact to erase.' }) },
    resolve: (_root, args, ctx) => eraseContact(ctx.core, String(args.id), signedIn(ctx).id),
  }),
);

builder.subscriptionField('contactUpdated', (t) =>
  t.prismaField({
    type: 'Contact',
    nullable: true,
    description:
      "The contact, each time something its page shows changes: a message from the person, a draft's progress " +
      '(drafted, claimed, decided, failed), each reply bubble as it is delivered, a customer status change. ' +
      'Null once the person was erased.',
    args: { id: t.arg.id({ required: true, description: 'The contact to watch.' }) },
    subscribe: (_root, args, ctx) =>
      isId(String(args.id))
        ? sharedEvents(ctx.core.pubsub, `contactUpdated:${args.id}`, () =>
            ctx.core.pubsub.subscribe('contactUpdated', String(args.id)),
          )
        : nothing(),
    // Read once per event and selection, however many pages watch this person (see live.ts).
    resolve: (query, event, _args, ctx) =>
      oncePerEvent(event, JSON.stringify(query), () =>
        ctx.core.analytics.contact.findUnique({ ...query, where: { id: event.contactId } }),
      ),
  }),
);

/** No events: an id that is not one can name no contact. */
async function* nothing(): AsyncGenerator<never> {}
