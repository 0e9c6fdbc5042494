import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { audit, auditRow } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { AnalyticsClient, Reviewer, Role } from '../db.js';
import { ValidationError } from '../errors.js';
import { sessionPolicy, tokenHash } from './sessions.js';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of a password nobody knows, in the format and parameters of real ones: checking against it
 * gives an unknown email the same scrypt work as a known one, so timing does not reveal accounts.
 */
const NOBODY_HASH = 'scrypt$fi/buR/AE7gdcBlzNidiag==$FuWNR0YAGFVE/xuK1/0e/okO16jV0Qx+N6xz9VQTzLw=';

/** Does the work of a password check for an email without an account; always false. */
export async function verifyNothing(): Promise<false> {
  await verifyPassword('no account has this password', NOBODY_HASH);
  return false;
}

/** Opens a session for the reviewer and returns its token, valid for SESSION_MAX_DAYS at most. */
export async function startSession(core: Pick<Core, 'analytics' | 'config'>, reviewerId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await core.analytics.session.create({
    data: {
      tokenHash: tokenHash(token),
      reviewerId,
      expiresAt: new Date(Date.now() + core.config.SESSION_MAX_DAYS * 86_400_000),
    },
  });
  return token;
}

/** Deletes the sessions past their idle or absolute limit; returns how many. */
export async function sweepExpiredSessions(core: Pick<Core, 'analytics' | 'config'>): Promise<number> {
  const now = Date.now();
  const { idleMs, maxMs } = sessionPolicy(core.config);
  const { count } = await core.analytics.session.deleteMany({
    where: {
      OR: [
        { expiresAt: { lte: new Date(now) } },
        { lastSeenAt: { lte: new Date(now - idleMs) } },
        { createdAt: { lte: new Date(now - maxMs) } },
      ],
    },
  });
  return count;
}

/** Reads "Bearer <token>" from a header or connection parameter. */
export function bearer(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match ? match[1]! : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates and adds a reviewer account, audited with the admin who added it (admins only, enforced by the API). */
export async function addReviewer(
  db: AnalyticsClient,
  input: { email: string; password: string; displayName: string; role: Role },
  admin: Reviewer,
) {
  const email = input.email.trim().toLowerCase();
  if (email.length > 320 || !EMAIL.test(email)) throw new ValidationError('email', 'Enter a valid email address');
  const displayName = input.displayName.trim();
  if (displayName.length === 0 || displayName.length > 100)
    throw new ValidationError('displayName', 'Name must be 1 to 100 characters');
  checkPassword(input.password, 'password');
  if (await db.reviewer.findUnique({ where: { email } }))
    throw new ValidationError('email', 'A reviewer with this email already exists');
  const reviewer = await createReviewer(db, { ...input, email, displayName });
  await audit(db, 'reviewer.create', { actorId: admin.id, subjectId: reviewer.id, detail: { role: reviewer.role } });
  return reviewer;
}

export function checkPassword(password: string, field: string): void {
  if (password.length < 8 || password.length > 1024)
    throw new ValidationError(field, 'Password must be 8 to 1024 characters');
}

/** Changes one's own password; other sessions end, this one stays. */
export async function changePassword(
  core: Pick<Core, 'analytics' | 'sessions'>,
  reviewerId: string,
  current: string,
  next: string,
  keepToken: string | null,
): Promise<void> {
  const db = core.analytics;
  const reviewer = await db.reviewer.findUniqueOrThrow({ where: { id: reviewerId } });
  if (!(await verifyPassword(current, reviewer.passwordHash)))
    throw new ValidationError('currentPassword', 'Current password is incorrect');
  checkPassword(next, 'newPassword');
  await db.$transaction([
    db.reviewer.update({
      where: { id: reviewerId },
      data: { passwordHash: await hashPassword(next), mustChangePassword: false },
    }),
    db.session.deleteMany({
      where: { reviewerId, ...(keepToken ? { NOT: { tokenHash: tokenHash(keepToken) } } : {}) },
    }),
    db.auditEntry.create({
      data: auditRow('reviewer.password', { actorId: reviewerId, subjectId: reviewerId, detail: {} }),
    }),
  ]);
  await core.sessions.forget({ reviewerId });
}

export async function createReviewer(
  db: AnalyticsClient,
  input: { email: string; password: string; displayName: string; role: Role },
) {
  return db.reviewer.create({
    data: {
      email: input.email.trim().toLowerCase(),
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    },
  });
}

/**
 * Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD; in embedded mode without them, a
 * default admin whose generated password is returned so start-up can print it once.
 */
export async function ensureFirstAdmin(
  db: AnalyticsClient,
  opts: { email?: string; password?: string; embedded: boolean },
): Promise<{ email: string; password?: string } | null> {
  if (opts.email && opts.password) {
    const existing = await db.reviewer.findUnique({ where: { email: opts.email.toLowerCase() } });
    if (existing) return null;
    await createReviewer(db, { email: opts.email, password: opts.password, displayName: 'Admin', role: 'ADMIN' });
    return { email: opts.email };
  }
  if (!opts.embedded || (await db.reviewer.count()) > 0) return null;
  const password = randomBytes(9).toString('base64url');
  const email = 'admin@countersign.local';
  await createReviewer(db, { email, password, displayName: 'Admin', role: 'ADMIN' });
  return { email, password };
}

/** Creates the first admin on a fresh database and says so once: the generated password only on the console. */
export async function announceFirstAdmin(core: Core): Promise<void> {
  const { config } = core;
  const admin = await ensureFirstAdmin(core.analytics, {
    email: config.ADMIN_EMAIL,
    password: config.ADMIN_PASSWORD,
    embedded: config.mode === 'embedded',
  });
  if (admin?.password) {
    console.log(
      `\n  First admin created: ${admin.email} / ${admin.password}\n` +
        `  Sign in at http://localhost:${config.PORT}. This password is shown only once.\n`,
    );
  } else if (admin) {
    core.log.info({ email: admin.email }, 'first admin created');
  }
}
