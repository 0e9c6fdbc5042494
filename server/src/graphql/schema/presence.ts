import { NotFoundError } from '../../errors.js';
import type { DraftViewers, Viewer } from '../../ports.js';
import { leavePresence, listPresence, touchPresence } from '../../presence/presence.js';
import { builder } from '../builder.js';
import { signedIn } from '../context.js';
import { sharedEvents } from './live.js';

const DraftViewerRef = builder.objectRef<Viewer>('DraftViewer').implement({
  description: 'A reviewer who has a draft open in the web app.',
  fields: (t) => ({
    reviewerId: t.exposeID('reviewerId', { description: 'The reviewer (`me.id` is yours).' }),
    displayName: t.exposeString('displayName', { description: 'Their name, as in "Ana is editing".' }),
    editing: t.exposeBoolean('editing', {
      description: 'True while they hold the claim and edit it; false when they only look.',
    }),
  }),
});

const DraftPresenceRef = builder.objectRef<DraftViewers>('DraftPresence').implement({
  description:
    'Who has a draft open now ("Ana is editing"). A viewer without a heartbeat for PRESENCE_TTL_SECONDS is gone.',
  fields: (t) => ({
    draftId: t.exposeID('draftId', { description: 'The draft (not loaded: presence reads no database).' }),
    viewers: t.expose('viewers', { type: [DraftViewerRef], description: 'By name; empty once everyone left.' }),
  }),
});

builder.queryField('draftPresence', (t) =>
  t.field({
    type: [DraftPresenceRef],
    description: 'Every draft someone has open now; `draftPresence` (subscription) tells each change after.',
    resolve: (_root, _args, ctx) => listPresence(ctx.core),
  }),
);

builder.subscriptionField('draftPresence', (t) =>
  t.field({
    type: DraftPresenceRef,
    description: "A draft's viewers changed: someone opened or left it, started or stopped editing, or went away.",
    subscribe: (_root, _args, ctx) =>
      sharedEvents(ctx.core.pubsub, 'draftPresence', () => ctx.core.pubsub.subscribe('draftPresence')),
    resolve: (event) => event,
  }),
);

const TouchDraftPresenceInput = builder.inputType('TouchDraftPresenceInput', {
  description: 'A presence heartbeat for one open draft.',
  fields: (t) => ({
    draftId: t.id({ required: true, description: 'The draft you have open.' }),
    editing: t.boolean({ required: true, description: 'True while you hold the claim and edit the draft.' }),
  }),
});

const TouchDraftPresenceSuccess = builder.objectRef<{ ttlSeconds: number }>('TouchDraftPresenceSuccess').implement({
  description: 'You are shown on the draft.',
  fields: (t) => ({
    ttlSeconds: t.exposeInt('ttlSeconds', {
      description: 'You stay shown this long without another heartbeat: send the next well before.',
    }),
  }),
});

builder.mutationField('touchDraftPresence', (t) =>
  t.field({
    type: TouchDraftPresenceSuccess,
    description: 'A heartbeat while a draft is open: shows you on it to other reviewers ("Ana is viewing").',
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: TouchDraftPresenceInput, required: true, description: 'The heartbeat.' }) },
    resolve: (_root, { input }, ctx) => touchPresence(ctx.core, String(input.draftId), signedIn(ctx), input.editing),
  }),
);

const LeaveDraftPresenceSuccess = builder.objectRef<{ draftId: string }>('LeaveDraftPresenceSuccess').implement({
  description: 'You are no longer shown on the draft.',
  fields: (t) => ({ draftId: t.exposeID('draftId', { description: 'The draft you left.' }) }),
});

builder.mutationField('leaveDraftPresence', (t) =>
  t.field({
    type: LeaveDraftPresenceSuccess,
    description: 'You closed the draft: others stop seeing you on it at once.',
    errors: { types: [NotFoundError] },
    args: { draftId: t.arg.id({ required: true, description: 'The draft you closed.' }) },
    resolve: async (_root, args, ctx) => {
      await leavePresence(ctx.core, String(args.draftId), signedIn(ctx));
      return { draftId: String(args.draftId) };
    },
  }),
);
