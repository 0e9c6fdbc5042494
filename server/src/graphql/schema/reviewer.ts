import { login, logout } from '../../auth/auth.js';
import { AuthenticationError, ValidationError } from '../../errors.js';
import { builder } from '../builder.js';

export const RoleEnum = builder.enumType('Role', { values: ['ADMIN', 'REVIEWER', 'VIEWER'] as const });

export const ReviewerRef = builder.prismaObject('Reviewer', {
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    displayName: t.exposeString('displayName'),
    role: t.expose('role', { type: RoleEnum }),
  }),
});

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'Reviewer',
    nullable: true,
    description: 'The signed-in reviewer, or null without a valid token.',
    skipTypeScopes: true,
    resolve: (query, _root, _args, ctx) =>
      ctx.reviewer ? ctx.core.analytics.reviewer.findUnique({ ...query, where: { id: ctx.reviewer.id } }) : null,
  }),
);

const LoginSuccess = builder.objectRef<{ token: string; reviewerId: string }>('LoginSuccess').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send as Authorization: Bearer <token>.' }),
    reviewer: t.prismaField({
      type: 'Reviewer',
      resolve: (query, parent, _args, ctx) => ctx.core.analytics.reviewer.findUniqueOrThrow({ ...query, where: { id: parent.reviewerId } }),
    }),
  }),
});

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends the session of the token sent with this request.',
    resolve: async (_root, _args, ctx) => {
      if (ctx.token) await logout(ctx.core.analytics, ctx.token);
      return true;
    },
  }),
);

builder.mutationField('login', (t) =>
  t.field({
    type: LoginSuccess,
    skipTypeScopes: true,
    errors: { types: [AuthenticationError, ValidationError], directResult: true, union: { name: 'LoginResult' } },
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { token, reviewer } = await login(ctx.core.analytics, args.email, args.password);
      return { token, reviewerId: reviewer.id };
    },
  }),
);
