import { GraphQLError } from 'graphql';

/**
 * Every error a client may see in a result union extends AppError; anything else is masked by Yoga.
 * Sign-in and role refusals are the two exceptions below: top-level errors raised by scope-auth.
 */
export class AppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found`);
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class InvalidTransitionError extends AppError {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`Customer status cannot move from ${from} to ${to} without an admin override and a reason`);
  }
}

export class ClaimConflictError extends AppError {
  constructor(readonly claimedBy: string) {
    super(`This draft is being reviewed by ${claimedBy}`);
  }
}

export class InvalidStateError extends AppError {
  constructor(
    readonly state: string,
    message: string,
  ) {
    super(message);
  }
}

export type UndoRefusal =
  | 'NOT_APPROVED'
  | 'NOT_APPROVER'
  | 'WINDOW_ENDED'
  | 'DELIVERY_STARTED'
  | 'STATUS_CHANGED'
  | 'DISABLED';

/** An approval that can no longer (or may not) be taken back; `reason` says which. */
export class UndoRefusedError extends AppError {
  constructor(
    readonly reason: UndoRefusal,
    message: string,
  ) {
    super(message);
  }
}

export class AuthenticationError extends AppError {}

/** An API key asked for what only a person signed in to the web app may do (make keys, change a password). */
export class ApiKeyNotAllowedError extends AppError {
  constructor(what: string) {
    super(`An API key cannot ${what}: sign in to the web app instead`);
  }
}

/** A template's text names variables that do not exist; `variables` lists them. */
export class UnknownTemplateVariableError extends AppError {
  readonly field = 'text';
  constructor(readonly variables: string[]) {
    super(
      `Unknown template variable${variables.length === 1 ? '' : 's'}: ${variables.map((v) => `{{${v}}}`).join(', ')}`,
    );
  }
}

/** The change would leave no active admin (demoting or deactivating the last one). */
export class LastAdminError extends AppError {
  constructor() {
    super('This is the last active admin: make another reviewer an admin first');
  }
}

/**
 * The password was right, but an admin reset it: sign in again with `newPassword` to choose one. No session
 * exists until then.
 */
export class PasswordChangeRequiredError extends AppError {
  readonly field = 'newPassword';
  constructor() {
    super('Your password was reset by an admin: choose a new password to sign in');
  }
}

/**
 * A webhook URL whose host is, or resolves to, a private, loopback or link-local address (or another that is
 * not public) that WEBHOOK_ALLOWED_HOSTS does not permit.
 */
export class WebhookAddressRefusedError extends AppError {
  readonly field = 'url';
  constructor(
    readonly host: string,
    address?: string,
  ) {
    super(
      `Webhooks may not be sent to ${host}${address && address !== host ? ` (${address})` : ''}: it is not a public address. ` +
        'An operator can permit it with WEBHOOK_ALLOWED_HOSTS.',
    );
  }
}

/** No valid token: scope-auth refuses every field except login, me and health. */
export class UnauthenticatedError extends GraphQLError {
  constructor() {
    super('Sign in first: send Authorization: Bearer <token> from the login mutation', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
}

/** The one way to say "your role does not allow this": a scope-auth refusal, on any field. */
export class ForbiddenError extends GraphQLError {
  constructor() {
    super('Your role does not allow this', { extensions: { code: 'FORBIDDEN' } });
  }
}

/**
 * A bad argument of a read field whose type has no error union (reviewStats' range): a top-level error with
 * code BAD_USER_INPUT naming the argument, passed through error masking as the refusals are.
 */
export class BadInputError extends GraphQLError {
  constructor(field: string, message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', field } });
  }
}

/** Too many failed sign-ins for this account or from this address; the attempt was not checked. */
export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins. Try again in ${describeWait(retryAfterSeconds)}.`);
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Telegram's refusals during a sign-in that a person can act on; anything else is `TELEGRAM_ERROR`. */
export type TelegramRefusal =
  | 'PHONE_NUMBER_INVALID'
  | 'PHONE_NUMBER_BANNED'
  | 'PHONE_CODE_INVALID'
  | 'PHONE_CODE_EXPIRED'
  | 'PASSWORD_INVALID'
  | 'BOT_TOKEN_INVALID'
  | 'SIGN_UP_REQUIRED'
  | 'TELEGRAM_ERROR';

const REFUSALS: Record<TelegramRefusal, { field: string; message: string }> = {
  PHONE_NUMBER_INVALID: { field: 'phone', message: 'Telegram does not know this phone number' },
  PHONE_NUMBER_BANNED: { field: 'phone', message: 'Telegram has banned this phone number' },
  PHONE_CODE_INVALID: { field: 'code', message: 'That code is wrong: check it and try again' },
  PHONE_CODE_EXPIRED: { field: 'code', message: 'That code has expired: start the login again for a new one' },
  PASSWORD_INVALID: { field: 'password', message: 'That 2FA password is wrong' },
  BOT_TOKEN_INVALID: { field: 'token', message: 'Telegram refused this bot token' },
  SIGN_UP_REQUIRED: {
    field: 'phone',
    message: 'No Telegram account uses this phone number: sign up in a Telegram app first',
  },
  TELEGRAM_ERROR: { field: '', message: 'Telegram refused the sign-in' },
};

/** Telegram refused a sign-in step; `reason` says why, `field` names the input to correct. */
export class TelegramRefusedError extends AppError {
  readonly field: string;
  constructor(
    readonly reason: TelegramRefusal,
    /** Telegram's own error text (e.g. PHONE_CODE_INVALID), never a secret. */
    readonly telegramError: string,
  ) {
    const { field, message } = REFUSALS[reason];
    super(reason === 'TELEGRAM_ERROR' ? `${message} (${telegramError})` : message);
    this.field = field;
  }
}

/** Telegram asks to wait (FLOOD_WAIT_X) before trying this again. */
export class TelegramFloodWaitError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Telegram asks to wait ${describeWait(retryAfterSeconds)} before trying again`);
  }
}
