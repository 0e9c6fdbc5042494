import { refuseApiKey } from '../../auth/api-keys.js';
import { addReviewer, changePassword } from '../../auth/auth.js';
import { type DeskSettings, deskSettings, saveSettings } from '../../auth/settings.js';
import { signIn } from '../../auth/sign-in.js';
import { deactivateReviewer, reactivateReviewer, resetReviewerPassword, setReviewerRole } from '../../auth/team.js';
import {
  ApiKeyNotAllowedError,
  AuthenticationError,
  LastAdminError,
  NotFoundError,
  PasswordChangeRequiredError,
  TooManyAttemptsError,
  ValidationError,
} from '../../errors.js';
import { builder } from '../builder.js';
import { principal, signedIn } from '../context.js';
import { rowField } from '../row-field.js';
import { ErrorInterface } from './errors.js';

export const RoleEnum = builder.enumType('Role', {
  description: 'What a reviewer account (or API key) may do.',
  values: {
    ADMIN: {
      description:
        'Everything a reviewer may, plus the team, personas, templates, edit tags, failed jobs, the audit log and erasure.',
    },
    REVIEWER: {
      description:
        'Everything a viewer may, plus reviewing: approve, reject, redraft and undo drafts, set customer statuses, correct profiles.',
    },
    VIEWER: {
      description:
        'Signed in with read access to the queue, contacts and insights; reviewing and admin fields answer FORBIDDEN.',
    },
  } as const,
});

const ReviewerSettingsRef = builder.objectRef<DeskSettings>('ReviewerSettings').implement({
  description: "A reviewer's desk preferences, kept on the server so they follow the reviewer across devices.",
  fields: (t) => ({
    approveAndNext: t.exposeBoolean('approveAndNext', {
      description: 'After an approval or rejection, the editor opens the next waiting draft.',
    }),
    sound: t.exposeBoolean('sound', { description: 'A short tone when a draft arrives while the tab is hidden.' }),
    notifications: t.exposeBoolean('notifications', {
      description: 'A browser notification when a draft arrives while the tab is hidden.',
    }),
  }),
});

export const ReviewerRef = builder.prismaObject('Reviewer', {
  description: 'A person who signs in to the desk to review drafts, with a role.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the account.' }),
    email: t.exposeString('email', { description: 'The sign-in email address, unique.' }),
    displayName: t.exposeString('displayName', { description: 'The name shown to other reviewers.' }),
    role: t.expose('role', { type: RoleEnum, description: 'What the account may do.' }),
    settings: t.field({
      type: ReviewerSettingsRef,
      nullable: true,
      description: "Your own desk settings (defaults until you save some); null for another reviewer's account.",
      select: { settings: true },
      resolve: (reviewer, _args, ctx) => (reviewer.id === ctx.reviewer?.id ? deskSettings(reviewer.settings) : null),
    }),
    active: t.boolean({
      description: 'False once an admin deactivated the account: it has no sessions and cannot sign in.',
      resolve: (reviewer) => reviewer.deactivatedAt === null,
    }),
    deactivatedAt: t.expose('deactivatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When an admin deactivated the account; null while it is active.',
    }),
    mustChangePassword: t.exposeBoolean('mustChangePassword', {
      description: 'An admin reset the password: the next sign-in must choose a new one.',
    }),
  }),
});

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'Reviewer',
    nullable: true,
    description: 'The signed-in reviewer, or null without a valid session token (an API key is no one signed in).',
    skipTypeScopes: true,
    resolve: (query, _root, _args, ctx) =>
      ctx.reviewer && !ctx.apiKey
        ? ctx.core.analytics.reviewer.findUnique({ ...query, where: { id: ctx.reviewer.id } })
        : null,
  }),
);

const LoginSuccess = builder.objectRef<{ token: string; reviewerId: string }>('LoginSuccess').implement({
  description: 'Signed in: a session token and the account it belongs to.',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send as Authorization: Bearer <token>.' }),
    reviewer: rowField(t, 'Reviewer', (p) => p.reviewerId, 'The reviewer who signed in.'),
  }),
});

builder.queryField('reviewers', (t) =>
  t.prismaField({
    type: ['Reviewer'],
    authScopes: { admin: true },
    description: 'Every reviewer account (admins only).',
    resolve: (query, _root, _args, ctx) =>
      ctx.core.analytics.reviewer.findMany({ ...query, orderBy: { email: 'asc' } }),
  }),
);

const CreateReviewerInput = builder.inputType('CreateReviewerInput', {
  description: 'A new reviewer account.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The sign-in email address; must not be in use.' }),
    displayName: t.string({ required: true, description: 'The name shown to other reviewers.' }),
    password: t.string({ required: true, description: 'At least 8 characters.' }),
    role: t.field({ type: RoleEnum, required: true, description: 'What the account may do.' }),
  }),
});

const CreateReviewerSuccess = builder.objectRef<{ reviewerId: string }>('CreateReviewerSuccess').implement({
  description: 'The account was created.',
  fields: (t) => ({ reviewer: rowField(t, 'Reviewer', (p) => p.reviewerId, 'The new account.') }),
});

builder.mutationField('createReviewer', (t) =>
  t.field({
    type: CreateReviewerSuccess,
    authScopes: { admin: true },
    description: 'Adds a reviewer account (admins only).',
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: CreateReviewerInput, required: true, description: 'The account to add.' }) },
    resolve: async (_root, { input }, ctx) => ({
      reviewerId: (await addReviewer(ctx.core.analytics, input, signedIn(ctx))).id,
    }),
  }),
);

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  description: 'Your current password and the one to replace it.',
  fields: (t) => ({
    currentPassword: t.string({ required: true, description: 'Your password now; a wrong one is a ValidationError.' }),
    newPassword: t.string({ required: true, description: 'The new password, at least 8 characters.' }),
  }),
});

const ChangePasswordSuccess = builder.objectRef<{ ok: true }>('ChangePasswordSuccess').implement({
  description: 'The password was changed.',
  fields: (t) => ({ ok: t.boolean({ description: 'Always true.', resolve: () => true }) }),
});

builder.mutationField('changePassword', (t) =>
  t.field({
    type: ChangePasswordSuccess,
    description: 'Changes your password; your other sessions are signed out.',
    errors: { types: [ValidationError, ApiKeyNotAllowedError] },
    args: {
      input: t.arg({ type: ChangePasswordInput, required: true, description: 'The current and new passwords.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      refuseApiKey(principal(ctx), 'change a password');
      await changePassword(ctx.core, signedIn(ctx).id, input.currentPassword, input.newPassword, ctx.token);
      return { ok: true as const };
    },
  }),
);

const SaveSettingsInput = builder.inputType('SaveSettingsInput', {
  description: 'The settings to change; a field left out (or null) keeps its saved value.',
  fields: (t) => ({
    approveAndNext: t.boolean({ description: 'After an approval or rejection, open the next waiting draft.' }),
    sound: t.boolean({ description: 'Play a short tone when a draft arrives while the tab is hidden.' }),
    notifications: t.boolean({
      description: 'Show a browser notification when a draft arrives while the tab is hidden.',
    }),
  }),
});

const SaveSettingsSuccess = builder.objectRef<{ reviewerId: string }>('SaveSettingsSuccess').implement({
  description: 'The settings were saved.',
  fields: (t) => ({ reviewer: rowField(t, 'Reviewer', (p) => p.reviewerId, 'You, with your saved settings.') }),
});

builder.mutationField('saveSettings', (t) =>
  t.field({
    type: SaveSettingsSuccess,
    description: 'Saves your desk settings (approve and next, sound, notifications) for every device you sign in on.',
    errors: { types: [ValidationError, ApiKeyNotAllowedError] },
    args: { input: t.arg({ type: SaveSettingsInput, required: true, description: 'The settings to change.' }) },
    resolve: async (_root, { input }, ctx) => {
      refuseApiKey(principal(ctx), 'save desk settings');
      const reviewerId = signedIn(ctx).id;
      await saveSettings(ctx.core.analytics, reviewerId, input);
      return { reviewerId };
    },
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends the session of the token sent with this request.',
    resolve: async (_root, _args, ctx) => {
      if (ctx.token) await ctx.core.sessions.signOut(ctx.token);
      return true;
    },
  }),
);

builder.mutationField('login', (t) =>
  t.field({
    type: LoginSuccess,
    skipTypeScopes: true,
    description: 'Signs in. Failed attempts are limited per account and per client address (TooManyAttemptsError).',
    errors: { types: [AuthenticationError, TooManyAttemptsError, PasswordChangeRequiredError, ValidationError] },
    args: {
      email: t.arg.string({ required: true, description: 'The account email address.' }),
      password: t.arg.string({ required: true, description: 'The password (or the temporary one after a reset).' }),
      newPassword: t.arg.string({
        description:
          'Only after an admin reset the password (PasswordChangeRequiredError): the new password, set as this sign-in succeeds.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const { token, reviewer } = await signIn(ctx.core, args, { address: ctx.address() });
      return { token, reviewerId: reviewer.id };
    },
  }),
);

builder.objectType(LastAdminError, {
  name: 'LastAdminError',
  description: 'The change would leave no active admin.',
  interfaces: [ErrorInterface],
});

builder.objectType(PasswordChangeRequiredError, {
  name: 'PasswordChangeRequiredError',
  description: 'The password was right but an admin reset it: sign in again with `newPassword`.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.exposeString('field', { description: 'Always "newPassword".' }) }),
});

/** A team mutation's success: the reviewer it changed. */
const ReviewerSuccess = (name: string, description: string) =>
  builder.objectRef<{ reviewerId: string }>(name).implement({
    description,
    fields: (t) => ({ reviewer: rowField(t, 'Reviewer', (p) => p.reviewerId, 'The reviewer, as changed.') }),
  });

const SetReviewerRoleInput = builder.inputType('SetReviewerRoleInput', {
  description: "A reviewer's new role.",
  fields: (t) => ({
    reviewerId: t.id({ required: true, description: 'The reviewer to change.' }),
    role: t.field({ type: RoleEnum, required: true, description: 'The role to give.' }),
  }),
});

builder.mutationField('setReviewerRole', (t) =>
  t.field({
    type: ReviewerSuccess('SetReviewerRoleSuccess', 'The role was changed.'),
    authScopes: { admin: true },
    description: "Changes a reviewer's role (admins only); the last active admin cannot be demoted.",
    errors: { types: [NotFoundError, LastAdminError] },
    args: { input: t.arg({ type: SetReviewerRoleInput, required: true, description: 'The reviewer and role.' }) },
    resolve: async (_root, { input }, ctx) => ({
      reviewerId: (await setReviewerRole(ctx.core, String(input.reviewerId), input.role, signedIn(ctx))).id,
    }),
  }),
);

builder.mutationField('deactivateReviewer', (t) =>
  t.field({
    type: ReviewerSuccess('DeactivateReviewerSuccess', 'The account was deactivated and its sessions ended.'),
    authScopes: { admin: true },
    description:
      'Deactivates a reviewer (admins only): their sessions end at once and they cannot sign in. The last active admin cannot be deactivated.',
    errors: { types: [NotFoundError, LastAdminError] },
    args: { id: t.arg.id({ required: true, description: 'The reviewer.' }) },
    resolve: async (_root, { id }, ctx) => ({
      reviewerId: (await deactivateReviewer(ctx.core, String(id), signedIn(ctx))).id,
    }),
  }),
);

builder.mutationField('reactivateReviewer', (t) =>
  t.field({
    type: ReviewerSuccess('ReactivateReviewerSuccess', 'The account may sign in again.'),
    authScopes: { admin: true },
    description: 'Lets a deactivated reviewer sign in again (admins only).',
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The reviewer.' }) },
    resolve: async (_root, { id }, ctx) => ({
      reviewerId: (await reactivateReviewer(ctx.core, String(id), signedIn(ctx))).id,
    }),
  }),
);

const ResetReviewerPasswordSuccess = builder
  .objectRef<{ reviewerId: string; temporaryPassword: string }>('ResetReviewerPasswordSuccess')
  .implement({
    description: 'The password was reset and the sessions ended.',
    fields: (t) => ({
      reviewer: rowField(t, 'Reviewer', (p) => p.reviewerId, 'The reviewer whose password was reset.'),
      temporaryPassword: t.exposeString('temporaryPassword', {
        description: 'Shown only here: the reviewer signs in with it once and must then choose a new password.',
      }),
    }),
  });

builder.mutationField('resetReviewerPassword', (t) =>
  t.field({
    type: ResetReviewerPasswordSuccess,
    authScopes: { admin: true },
    description:
      "Sets a generated temporary password and ends the reviewer's sessions (admins only); their next sign-in must choose a new password.",
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The reviewer.' }) },
    resolve: async (_root, { id }, ctx) => {
      const { reviewer, temporaryPassword } = await resetReviewerPassword(ctx.core, String(id), signedIn(ctx));
      return { reviewerId: reviewer.id, temporaryPassword };
    },
  }),
);
