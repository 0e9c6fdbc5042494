import { AUDIT_ACTIONS } from '../../audit/audit.js';
import type { Prisma } from '../../db.js';
import { BadInputError } from '../../errors.js';
import { isId } from '../../validate.js';
import { builder } from '../builder.js';

builder.prismaObject('AuditEntry', {
  description:
    'One audited action: who did what, and when. Entries are never changed, except that an erase ' +
    'removes the subject and any free text about the erased person.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the entry.' }),
    action: t.exposeString('action', { description: 'What was done, such as draft.approve (see auditActions).' }),
    actor: t.relation('reviewer', {
      nullable: true,
      description: 'Who did it; null for a failed sign-in with an unknown email.',
    }),
    subjectId: t.exposeID('subjectId', {
      nullable: true,
      description:
        'What it was done to: a draft (draft.*, delivery.retry), a contact (funnel.*, profile.correct), a reviewer (reviewer.*), ' +
        "a persona (persona.save), a reply template (template.*), an edit tag (tag.*), a job's subject (job.*); " +
        'null for sign-ins, erases and erased people.',
    }),
    detail: t.field({
      type: 'JSON',
      description:
        'What else there is to know, by action: draft.approve has editDistance, bubbles, qualityScore and editTags; ' +
        'funnel.status and funnel.override have from, to and reason; funnel.payment has amount and ltvTotal; ' +
        'draft.undo has approvedById, statusReverted and paymentRemoved; funnel.undo has from, to, amount and ltvTotal; ' +
        'signin.* have the address (and email on failure); reviewer.role has from and to; template.* and tag.* have ' +
        'the name (tag.save also renamedFrom and the drafts a rename rewrote).',
      select: { detail: true },
      resolve: (entry) => entry.detail ?? {},
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was done.' }),
  }),
});

builder.queryField('auditActions', (t) =>
  t.stringList({
    authScopes: { admin: true },
    description: 'Every action the audit log records, for filters (admins only).',
    resolve: () => [...AUDIT_ACTIONS],
  }),
);

builder.queryField('auditLog', (t) =>
  t.prismaConnection(
    {
      type: 'AuditEntry',
      cursor: 'id',
      authScopes: { admin: true },
      description:
        'The audit log, newest first (admins only). `action` is one action, or a family ending in a dot ("draft."); ' +
        '`actorId` the reviewer who acted; [from, to) the time.',
      args: {
        action: t.arg.string({ description: 'One action (draft.approve), or a family ending in a dot (draft.).' }),
        actorId: t.arg.id({ description: 'Only what this reviewer did; an id that is not one is BAD_USER_INPUT.' }),
        from: t.arg({ type: 'DateTime', description: 'Only entries at or after this instant.' }),
        to: t.arg({ type: 'DateTime', description: 'Only entries before this instant.' }),
      },
      resolve: (query, _root, args, ctx) => {
        const actorId = args.actorId == null ? null : String(args.actorId);
        if (actorId !== null && !isId(actorId)) throw new BadInputError('actorId', 'No reviewer has this id');
        const where: Prisma.AuditEntryWhereInput = {
          ...(args.action ? { action: args.action.endsWith('.') ? { startsWith: args.action } : args.action } : {}),
          ...(actorId ? { reviewerId: actorId } : {}),
          ...(args.from || args.to
            ? { createdAt: { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lt: args.to } : {}) } }
            : {}),
        };
        return ctx.core.analytics.auditEntry.findMany({
          ...query,
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        });
      },
    },
    { name: 'AuditEntryConnection' },
    { name: 'AuditEntryEdge' },
  ),
);
