import { UndoRefusedError } from '../../errors.js';
import type { FunnelReversal } from '../../funnel/apply.js';
import { undoApproval, undoableUntil } from '../../review/undo.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { rowField } from '../row-field.js';
import { CustomerStatusEnum } from './contact.js';
import { DraftRef } from './draft.js';
import { ErrorInterface, ROW_ERRORS } from './errors.js';

const UndoRefusalEnum = builder.enumType('UndoRefusal', {
  description: 'Why an approval cannot be undone.',
  values: {
    NOT_APPROVED: { description: 'The draft is not approved (perhaps already undone).' },
    NOT_APPROVER: { description: 'Only the reviewer who approved it, or an admin, may undo an approval.' },
    WINDOW_ENDED: { description: 'The undo window (APPROVAL_UNDO_SECONDS) has passed.' },
    DELIVERY_STARTED: { description: 'The reply is already being sent.' },
    STATUS_CHANGED: { description: "The person's customer status moved again after the approval." },
    DISABLED: { description: 'This deployment has no undo window (APPROVAL_UNDO_SECONDS is 0).' },
  } as const,
});

builder.objectType(UndoRefusedError, {
  name: 'UndoRefusedError',
  description: 'The approval stands: it can no longer be undone, or not by you.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ reason: t.expose('reason', { type: UndoRefusalEnum, description: 'Why the approval stands.' }) }),
});

builder.prismaObjectField(DraftRef, 'undoableUntil', (t) =>
  t.field({
    type: 'DateTime',
    nullable: true,
    select: { status: true, reviewedAt: true, deliveryStartedAt: true },
    description:
      'For an approved draft whose delivery has not begun: until when `undoApproval` can take the approval back ' +
      '(delivery begins then). Null when it cannot.',
    resolve: (draft, _args, ctx) => undoableUntil(ctx.core, draft),
  }),
);

const UndoApprovalSuccess = builder
  .objectRef<{ draftId: string; funnel: FunnelReversal | null }>('UndoApprovalSuccess')
  .implement({
    description: 'The approval is taken back: the draft is claimed again by the reviewer who approved it.',
    fields: (t) => ({
      draft: rowField(t, 'Draft', (p) => p.draftId, 'The draft, CLAIMED again, with the edits it was approved with.'),
      customerStatus: t.field({
        type: CustomerStatusEnum,
        nullable: true,
        description: "The person's status again, when the approval had changed it; null when it had not.",
        resolve: (p) => (p.funnel && p.funnel.newStatus !== p.funnel.previousStatus ? p.funnel.newStatus : null),
      }),
      ltvRemoved: t.string({
        nullable: true,
        description: 'The payment the approval had recorded, now removed; null when there was none.',
        resolve: (p) => p.funnel?.ltvRemoved ?? null,
      }),
      ltvTotal: t.string({
        nullable: true,
        description: 'The lifetime value after the undo, when the approval had changed the funnel.',
        resolve: (p) => p.funnel?.ltvTotal ?? null,
      }),
    }),
  });

builder.mutationField('undoApproval', (t) =>
  t.field({
    type: UndoApprovalSuccess,
    authScopes: { reviewer: true },
    description:
      'Takes back an approval within APPROVAL_UNDO_SECONDS, before delivery begins: the draft is CLAIMED again by ' +
      'the reviewer who approved it, with its edits, and the customer status or payment the approval recorded is ' +
      'reverted. Only that reviewer or an admin may undo.',
    errors: { types: [...ROW_ERRORS, UndoRefusedError] },
    args: { draftId: t.arg.id({ required: true, description: 'The approved draft.' }) },
    resolve: (_root, args, ctx) => undoApproval(ctx.core, String(args.draftId), signedIn(ctx)),
  }),
);
