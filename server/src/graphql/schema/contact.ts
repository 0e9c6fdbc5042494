import { InvalidTransitionError } from '../../errors.js';
import { type FunnelOutcome, setCustomerStatus } from '../../funnel/apply.js';
import { eraseContact } from '../../privacy/erase.js';
import { TURN_ORDER, TURNS } from '../../review/order.js';
import { isId } from '../../validate.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { rowField } from '../row-field.js';
import { ROW_ERRORS } from './errors.js';

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
    args: { status: t.arg({ type: CustomerStatusEnum }), search: t.arg.string() },
    resolve: (query, _root, args, ctx) => {
      const search = args.search?.trim().slice(0, 200);
      return ctx.core.analytics.contact.findMany({
        ...query,
        where: {
          ...(args.status ? { customerStatus: args.status } : {}),
          ...(search
            ? {
                OR: [
                  { displayName: { contains: search, mode: 'insensitive' } },
                  { username: { contains: search, mode: 'insensitive' } },
                  { telegramUserId: search },
                ],
              }
            : {}),
        },
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      });
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
