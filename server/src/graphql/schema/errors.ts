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
  description: 'A typed error a field returns in its result union instead of data; nothing was changed.',
  fields: (t) => ({
    message: t.exposeString('message', {
      description: 'What went wrong, in plain English, fit to show to a reviewer.',
    }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was not acceptable; `field` names the offending input field.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The name of the input field (or argument) that was refused.' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'No row of that kind has that id (or the id is malformed).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    entity: t.exposeString('entity', { description: 'The kind of row looked for, such as Draft or Contact.' }),
    id: t.exposeString('id', { description: 'The id that was not found, as given.' }),
  }),
});

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  description: 'The customer-status move is not in the funnel table.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    from: t.exposeString('from', { description: 'The current CustomerStatus.' }),
    to: t.exposeString('to', { description: 'The CustomerStatus asked for.' }),
    field: t.string({ description: 'Always "customerStatus".', resolve: () => 'customerStatus' }),
  }),
});

builder.objectType(ClaimConflictError, {
  name: 'ClaimConflictError',
  description: 'Another reviewer holds the claim on this draft.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    claimedBy: t.exposeString('claimedBy', { description: 'The display name of the reviewer holding the claim.' }),
  }),
});

builder.objectType(InvalidStateError, {
  name: 'InvalidStateError',
  description: 'The row is not in a state that allows this action (for example, a draft already approved).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    state: t.exposeString('state', {
      description: 'The state that refused it, such as APPROVED, PENDING or CLAIM_EXPIRED.',
    }),
  }),
});

builder.objectType(AuthenticationError, {
  name: 'AuthenticationError',
  description: 'The email and password do not match, or the account is deactivated.',
  interfaces: [ErrorInterface],
});

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
