import { createHash, randomUUID } from 'node:crypto';
import { audit, auditRow } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { Reviewer } from '../db.js';
import { AuthenticationError, PasswordChangeRequiredError, TooManyAttemptsError, ValidationError } from '../errors.js';
import { checkPassword, hashPassword, startSession, verifyNothing, verifyPassword } from './auth.js';

/** Where a sign-in comes from, for the per-address limit and the audit table. */
export interface SignInOrigin {
  address: string;
}

const WINDOW_KINDS = ['account', 'address'] as const;

/**
 * The address's limit key: an IPv6 client usually owns a whole /64, so it counts as one address;
 * IPv4 addresses count one by one.
 */
export function addressKey(address: string): string {
  if (!address.includes(':')) return `address:${address}`;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `address:${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Emails are keyed by a hash, so the shared store does not list who tried to sign in. */
const accountKey = (email: string) => `account:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;

/**
 * Signs in with email and password. A slot under the account's and the address's sliding windows is
 * reserved before the password is checked, so aliases, batches and parallel requests cannot exceed
 * the limits; a full window refuses without checking. A success takes its slot back and clears the
 * account's failures. Unknown emails run the same scrypt work as known ones.
 */
export async function signIn(
  core: Core,
  input: { email: string; password: string; newPassword?: string | null },
  origin: SignInOrigin,
): Promise<{ token: string; reviewer: Reviewer }> {
  const { config, analytics: db, attempts } = core;
  if (input.email.length > 320 || input.password.length > 1024)
    throw new ValidationError('email', 'Email or password is too long');
  if (input.newPassword != null) checkPassword(input.newPassword, 'newPassword');
  const email = input.email.trim().toLowerCase();
  const windows = [
    { key: accountKey(email), limit: config.SIGNIN_MAX_PER_ACCOUNT },
    { key: addressKey(origin.address), limit: config.SIGNIN_MAX_PER_ADDRESS },
  ];
  const attempt = randomUUID();
  const reservation = await attempts.reserve(attempt, windows, config.SIGNIN_WINDOW_MINUTES * 60_000);
  if (!reservation.reserved) {
    core.log.info({ address: origin.address }, 'sign-in refused: too many failed attempts');
    throw new TooManyAttemptsError(Math.max(1, Math.ceil(reservation.retryAfterMs / 1000)));
  }

  const reviewer = await db.reviewer.findUnique({ where: { email } });
  const valid = reviewer ? await verifyPassword(input.password, reviewer.passwordHash) : await verifyNothing();
  if (!reviewer || !valid || reviewer.deactivatedAt) {
    const actorId = reviewer?.id ?? null;
    const reason = !reviewer ? 'unknown-email' : !valid ? 'wrong-password' : 'deactivated';
    const full = WINDOW_KINDS.filter((_, i) => reservation.remaining[i] === 0);
    await db.auditEntry.createMany({
      data: [
        auditRow('signin.failure', { actorId, detail: { reason, email, address: origin.address } }),
        ...full.map((limit) =>
          auditRow('signin.locked', {
            actorId,
            detail: { limit, email, address: origin.address, minutes: config.SIGNIN_WINDOW_MINUTES },
          }),
        ),
      ],
    });
    // Only someone who knows the password learns that the account is deactivated.
    if (reason === 'deactivated') throw new AuthenticationError('This account is deactivated: ask an admin');
    // Same message either way, so sign-in does not reveal which emails exist.
    throw new AuthenticationError('Email or password is incorrect');
  }

  await attempts.release(
    attempt,
    windows.map((w) => w.key),
  );
  await attempts.clear(windows[0]!.key);
  if (reviewer.mustChangePassword) {
    if (input.newPassword == null) throw new PasswordChangeRequiredError();
    if (input.newPassword === input.password)
      throw new ValidationError('newPassword', 'Choose a password other than the one an admin set');
    const passwordHash = await hashPassword(input.newPassword);
    // Conditional on the hash that was checked, so a reset made meanwhile is not overwritten.
    const { count } = await db.reviewer.updateMany({
      where: { id: reviewer.id, passwordHash: reviewer.passwordHash, mustChangePassword: true },
      data: { passwordHash, mustChangePassword: false },
    });
    if (count === 0) throw new AuthenticationError('Email or password is incorrect');
    await audit(db, 'reviewer.password', { actorId: reviewer.id, subjectId: reviewer.id, detail: {} });
  }
  const token = await startSession(core, reviewer.id);
  await audit(db, 'signin.success', { actorId: reviewer.id, detail: { address: origin.address } });
  return { token, reviewer };
}
