import { InvalidStateError, NotFoundError } from '../../errors.js';
import { dismissFailedJob, retryFailedJob } from '../../jobs/failures.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { rowField } from '../row-field.js';

const FailedJobRef = builder.prismaObject('JobFailure', {
  name: 'FailedJob',
  description: 'A background job that used up its retries; health shows jobs degraded while any is unresolved.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the failure.' }),
    kind: t.exposeString('kind', { description: 'debounce, draft, deliver, remember or extract.' }),
    subjectId: t.exposeString('subjectId', { description: 'The draft it was about (the contact for debounce).' }),
    attempts: t.exposeInt('attempts', { description: 'How many times the job ran before it gave up.' }),
    lastError: t.exposeString('lastError', { description: 'The error of its last run.' }),
    failedAt: t.expose('failedAt', { type: 'DateTime', description: 'When it gave up.' }),
    resolvedAt: t.expose('resolvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was resolved; null while unresolved.',
    }),
    resolution: t.exposeString('resolution', {
      nullable: true,
      description: 'succeeded (a later run), retried or dismissed (by an admin).',
    }),
  }),
});

builder.queryField('failedJobs', (t) =>
  t.prismaConnection(
    {
      type: 'JobFailure',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'Jobs that gave up, newest first; unresolved ones only unless includeResolved (admins only).',
      args: { includeResolved: t.arg.boolean({ description: 'Also list resolved failures.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.core.analytics.jobFailure.findMany({
          ...query,
          where: args.includeResolved ? {} : { resolvedAt: null },
          orderBy: [{ failedAt: 'desc' }, { id: 'asc' }],
        }),
    },
    builder.connectionObject(
      { type: FailedJobRef, name: 'FailedJobConnection', description: 'A page of failed jobs.' },
      { name: 'FailedJobEdge', description: 'One failed job in a page, with its cursor.' },
    ),
  ),
);

const failedJobResult = (name: string, description: string) =>
  builder.objectRef<{ id: string }>(name).implement({
    description,
    fields: (t) => ({ failedJob: rowField(t, 'JobFailure', (p) => p.id, 'The failure, now resolved.') }),
  });

const RetryFailedJobSuccess = failedJobResult(
  'RetryFailedJobSuccess',
  'The job was queued to run again and the failure marked retried.',
);
const DismissFailedJobSuccess = failedJobResult(
  'DismissFailedJobSuccess',
  'The failure was marked dismissed; the job does not run again.',
);

builder.mutationField('retryFailedJob', (t) =>
  t.field({
    type: RetryFailedJobSuccess,
    authScopes: { admin: true },
    description: 'Runs a failed job again and marks it resolved (admins only).',
    errors: { types: [NotFoundError, InvalidStateError] },
    args: { id: t.arg.id({ required: true, description: 'The failed job.' }) },
    resolve: (_root, args, ctx) => retryFailedJob(ctx.core, String(args.id), signedIn(ctx).id),
  }),
);

builder.mutationField('dismissFailedJob', (t) =>
  t.field({
    type: DismissFailedJobSuccess,
    authScopes: { admin: true },
    description: 'Marks a failed job resolved without running it again (admins only).',
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The failed job.' }) },
    resolve: (_root, args, ctx) => dismissFailedJob(ctx.core, String(args.id), signedIn(ctx).id),
  }),
);
