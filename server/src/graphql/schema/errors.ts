import {
  type AppError,
  AuthenticationError,
  ClaimConflictError,
  InvalidStateError,
  InvalidTransitionError,
  NotFoundError,
  TooManyAttemptsError,
  ValidationError,
} from '../../errors.js';
import { builder } from '../builder.js';

export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was not acceptable; `field` names the offending input field.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.exposeString('field') }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ entity: t.exposeString('entity'), id: t.exposeString('id') }),
});

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  description: 'The customer-status move is not in the funnel table.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    field: t.string({ resolve: () => 'customerStatus' }),
  }),
});

builder.objectType(ClaimConflictError, {
  name: 'ClaimConflictError',
  description: 'Another reviewer holds the claim on this draft.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ claimedBy: t.exposeString('claimedBy') }),
});

builder.objectType(InvalidStateError, {
  name: 'InvalidStateError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ state: t.exposeString('state') }),
});

builder.objectType(AuthenticationError, { name: 'AuthenticationError', interfaces: [ErrorInterface] });

builder.objectType(TooManyAttemptsError, {
  name: 'TooManyAttemptsError',
  description: 'Too many failed sign-ins for this account or from this address; try again after the wait.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'Seconds until an attempt is accepted.' }),
  }),
});

/** The typed errors every mutation on existing rows may return. */
export const ROW_ERRORS = [ValidationError, NotFoundError, InvalidStateError];
