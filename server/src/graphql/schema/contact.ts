import { MAX_SEARCH_LENGTH, searchContactIds } from '../../contacts/search.js';
import { InvalidTransitionError } from '../../errors.js';
import { type FunnelOutcome, setCustomerStatus } from '../../funnel/apply.js';
import { eraseContact } from '../../privacy/erase.js';
import { TURN_ORDER, TURNS } from '../../review/order.js';
import { isId } from '../../validate.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { rowField } from '../row-field.js';
import { ROW_ERRORS } from './errors.js';
import { bounded, oncePerEvent } from './live.js';

export const CustomerStatusEnum = builder.enumType('CustomerStatus', {
  values: ['PROSPECT', 'LEAD_QUALIFIED', 'CUSTOMER', 'CHURNED', 'LEAD_EXHAUSTED'] as const,
});
/** What a status move and/or payment did; shared by approveDraft and setCustomerStatus results. */
export const FunnelOutcomeRef = builder.interfaceRef<FunnelOutcome>('FunnelOutcome').implement({
  fields: (t) => ({
    previousStatus: t.expose('previousStatus', { type: CustomerStatusEnum }),
    newStatus: t.expose('newStatus', { type: CustomerStatusEnum }),
    ltvTotal: t.exposeString('ltvTotal', { description: 'The lifetime value after this change, a decimal string.' }),
    ltvAdded: t.exposeString('ltvAdded', {
      nullable: true,
      description: 'The payment recorded by this change, if any.',
    }),
  }),
});

const DirectionEnum = builder.enumType('MessageDirection', { values: ['INBOUND', 'OUTBOUND'] as const });

builder.prismaObject('Message', {
  fields: (t) => ({
    id: t.exposeID('id'),
    direction: t.expose('direction', { type: DirectionEnum }),
    text: t.exposeString('text'),
    sentAt: t.expose('sentAt', { type: 'DateTime' }),
    telegramMessageId: t.exposeString('telegramMessageId', { nullable: true }),
    draftId: t.string({
      nullable: true,
      select: { draftId: true, sourceDraftId: true },
      resolve: (m) => m.sourceDraftId ?? m.draftId,
    }),
  }),
});

builder.prismaObject('StatusChange', {
  fields: (t) => ({
    id: t.exposeID('id'),
    fromStatus: t.expose('fromStatus', { type: CustomerStatusEnum }),
    toStatus: t.expose('toStatus', { type: CustomerStatusEnum }),
    reason: t.exposeString('reason', { nullable: true }),
    override: t.exposeBoolean('override'),
    draftId: t.exposeString('draftId', { nullable: true }),
    by: t.relation('reviewer', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('Contact', {
  fields: (t) => ({
    id: t.exposeID('id'),
    telegramUserId: t.exposeString('telegramUserId'),
    displayName: t.exposeString('displayName'),
    username: t.exposeString('username', { nullable: true }),
    customerStatus: t.expose('customerStatus', { type: CustomerStatusEnum }),
    ltv: t.string({
      description: 'Lifetime value, a decimal string such as "120.50".',
      select: { ltvTotal: true },
      resolve: (c) => c.ltvTotal.toFixed(2),
    }),
    messages: t.relatedConnection('messages', {
      cursor: 'id',
      query: { orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }] },
    }),
    history: t.relatedConnection('drafts', {
      cursor: 'id',
      description:
        'The conversation turn by turn, oldest first: each turn is a draft with the burst it answers and, once ' +
        "approved, the reply (who approved it, when, and each bubble's delivery). Superseded drafts are left out " +
        '(their messages moved to the draft that replaced them). Page back with `last` and `before`.',
      query: { where: TURNS, orderBy: TURN_ORDER },
    }),
    pendingMessages: t.relation('messages', {
      description:
        "The person's messages in no draft yet, oldest first: their burst is still open (drafting starts when they " +
        'pause), or its draft was superseded and the next one is on its way. The history shows them after its turns.',
      query: { where: { direction: 'INBOUND', draftId: null }, orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }] },
    }),
    statusHistory: t.relation('statusChanges', { query: { orderBy: { createdAt: 'asc' } } }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('contact', (t) =>
  t.prismaField({
    type: 'Contact',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      isId(String(args.id))
        ? ctx.core.analytics.contact.findUnique({ ...query, where: { id: String(args.id) } })
        : null,
  }),
);

builder.queryField('contacts', (t) =>
  t.prismaConnection({
    type: 'Contact',
    cursor: 'id',
    description:
      'People, most recently updated first. `search` finds them by the start of any word of their name, username ' +
      'or messages (every word typed must match: "ana mü" finds Ana Müller), or by their whole Telegram id; ' +
      'punctuation is ignored, so a search of only punctuation finds no one.',
    args: {
      status: t.arg({ type: CustomerStatusEnum }),
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
  }),
);

const SetCustomerStatusInput = builder.inputType('SetCustomerStatusInput', {
  fields: (t) => ({
    contactId: t.id({ required: true }),
    status: t.field({ type: CustomerStatusEnum, required: true }),
    ltvAmount: t.string({ description: 'A payment as a decimal string; only with status CUSTOMER.' }),
    reason: t.string({ description: 'Why; an admin needs one to override the funnel table.' }),
  }),
});

const SetCustomerStatusSuccess = builder
  .objectRef<FunnelOutcome & { contactId: string }>('SetCustomerStatusSuccess')
  .implement({
    interfaces: [FunnelOutcomeRef],
    fields: (t) => ({ contact: rowField(t, 'Contact', (p) => p.contactId) }),
  });

builder.mutationField('setCustomerStatus', (t) =>
  t.field({
    type: SetCustomerStatusSuccess,
    authScopes: { reviewer: true },
    errors: { types: [...ROW_ERRORS, InvalidTransitionError] },
    args: { input: t.arg({ type: SetCustomerStatusInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      setCustomerStatus(ctx.core, { ...input, contactId: String(input.contactId) }, signedIn(ctx)),
  }),
);

const EraseContactSuccess = builder
  .objectRef<{ contactId: string; drafts: number; messages: number }>('EraseContactSuccess')
  .implement({
    fields: (t) => ({
      contactId: t.exposeID('contactId'),
      erasedDrafts: t.exposeInt('drafts'),
      erasedMessages: t.exposeInt('messages'),
    }),
  });

builder.mutationField('eraseContact', (t) =>
  t.field({
    type: EraseContactSuccess,
    authScopes: { admin: true },
    description: 'GDPR erase: removes the person from every database and queue. Admins only.',
    errors: { types: ROW_ERRORS },
    args: { id: t.arg.id({ required: true }) },
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
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) =>
      isId(String(args.id)) ? bounded(ctx.core.pubsub.subscribe('contactUpdated', String(args.id))) : nothing(),
    // Read once per event and selection, however many pages watch this person (see live.ts).
    resolve: (query, event, _args, ctx) =>
      oncePerEvent(event, JSON.stringify(query), () =>
        ctx.core.analytics.contact.findUnique({ ...query, where: { id: event.contactId } }),
      ),
  }),
);

/** No events: an id that is not one can name no contact. */
async function* nothing(): AsyncGenerator<never> {}
