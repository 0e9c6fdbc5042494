/** Every error a client may see extends AppError; anything else is masked by Yoga. */
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

export class AuthenticationError extends AppError {}

export class ForbiddenError extends AppError {}
