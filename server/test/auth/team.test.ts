import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeactivateReviewerDocument,
  LoginDocument,
  ReactivateReviewerDocument,
  ResetReviewerPasswordDocument,
  ReviewersDocument,
  SetReviewerRoleDocument,
} from '../../../client/src/gql/graphql.js';
import { createReviewer } from '../../src/auth/auth.js';
import { deactivateReviewer, setReviewerRole } from '../../src/auth/team.js';
import { LastAdminError } from '../../src/errors.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { ClaimDraftMutation, DraftQueuedSubscription, MeQuery } from '../support/documents.js';
import { expectTypename } from '../support/graphql.js';
import { ADMIN, eventually, type Mode, modeEnv, startApp, type TestApp, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

/** What graphql-ws reports when the server closes a socket: its close code. */
const closeCodes = (errors: unknown[]) => errors.map((error) => (error as { code?: number }).code);

async function account(t: TestApp, email: string, role: 'ADMIN' | 'REVIEWER' | 'VIEWER', password = 'team-password') {
  const reviewer = await createReviewer(t.app.core.analytics, { email, password, displayName: email, role });
  return { ...reviewer, password };
}

const auditOf = (t: TestApp, action: string, subjectId: string) =>
  t.app.core.analytics.auditEntry.findMany({
    where: { action, subjectId },
    select: { reviewerId: true, detail: true },
  });

describe('team management', () => {
  const app = useApp('embedded');
  let adminId: string;
  beforeAll(async () => {
    adminId = (await app.t.app.core.analytics.reviewer.findUniqueOrThrow({ where: { email: ADMIN.email } })).id;
  });

  it('an admin changes a role: the reviewer’s open session carries the new role at once; audited', async () => {
    const ana = await account(app.t, 'ana@example.com', 'REVIEWER');
    const session = app.t.as(await app.t.login(ana.email, ana.password));
    // Read once, so the session is in the cache when the role changes.
    expect((await session.execute(MeQuery)).data!.me).toEqual({ email: ana.email });

    const changed = await app.admin.execute(SetReviewerRoleDocument, { input: { reviewerId: ana.id, role: 'VIEWER' } });
    expect(expectTypename(changed.data!.setReviewerRole, 'SetReviewerRoleSuccess').reviewer).toMatchObject({
      id: ana.id,
      role: 'VIEWER',
      active: true,
    });
    const refused = await session.execute(ClaimDraftMutation, { id: crypto.randomUUID() });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await auditOf(app.t, 'reviewer.role', ana.id)).toEqual([
      { reviewerId: adminId, detail: { from: 'REVIEWER', to: 'VIEWER' } },
    ]);

    const missing = await app.admin.execute(SetReviewerRoleDocument, {
      input: { reviewerId: crypto.randomUUID(), role: 'ADMIN' },
    });
    expect(missing.data!.setReviewerRole.__typename).toBe('NotFoundError');
    const notAnId = await app.admin.execute(DeactivateReviewerDocument, { id: 'nobody' });
    expect(notAnId.data!.deactivateReviewer.__typename).toBe('NotFoundError');
  });

  it('the last active admin can be neither demoted nor deactivated; with another admin they can', async () => {
    const demote = await app.admin.execute(SetReviewerRoleDocument, {
      input: { reviewerId: adminId, role: 'REVIEWER' },
    });
    expect(expectTypename(demote.data!.setReviewerRole, 'LastAdminError').message).toMatch(/last active admin/);
    const deactivate = await app.admin.execute(DeactivateReviewerDocument, { id: adminId });
    expect(deactivate.data!.deactivateReviewer.__typename).toBe('LastAdminError');

    // A deactivated admin does not count: the one active admin is still the last one.
    const dormant = await account(app.t, 'dormant-admin@example.com', 'ADMIN');
    expect(
      (await app.admin.execute(DeactivateReviewerDocument, { id: dormant.id })).data!.deactivateReviewer.__typename,
    ).toBe('DeactivateReviewerSuccess');
    expect(
      (await app.admin.execute(SetReviewerRoleDocument, { input: { reviewerId: adminId, role: 'REVIEWER' } })).data!
        .setReviewerRole.__typename,
    ).toBe('LastAdminError');

    const other = await account(app.t, 'other-admin@example.com', 'ADMIN');
    const otherAdmin = app.t.as(await app.t.login(other.email, other.password));
    const demoted = await otherAdmin.execute(SetReviewerRoleDocument, {
      input: { reviewerId: adminId, role: 'REVIEWER' },
    });
    expect(demoted.data!.setReviewerRole.__typename).toBe('SetReviewerRoleSuccess');
    // Now the other admin is the last one, and cannot demote themselves either.
    const self = await otherAdmin.execute(SetReviewerRoleDocument, { input: { reviewerId: other.id, role: 'VIEWER' } });
    expect(self.data!.setReviewerRole.__typename).toBe('LastAdminError');
    await otherAdmin.execute(SetReviewerRoleDocument, { input: { reviewerId: adminId, role: 'ADMIN' } });
    expect(await app.t.app.core.analytics.reviewer.count({ where: { role: 'ADMIN', deactivatedAt: null } })).toBe(2);
  });

  it('a password reset ends the sessions and makes the next sign-in choose a new password first', async () => {
    const ben = await account(app.t, 'ben@example.com', 'REVIEWER', 'bens-old-password');
    const session = app.t.as(await app.t.login(ben.email, ben.password));
    const reset = await app.admin.execute(ResetReviewerPasswordDocument, { id: ben.id });
    const { temporaryPassword, reviewer } = expectTypename(
      reset.data!.resetReviewerPassword,
      'ResetReviewerPasswordSuccess',
    );
    expect(reviewer).toMatchObject({ id: ben.id, mustChangePassword: true });
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(16);
    expect((await session.execute(MeQuery)).data!.me).toBeNull();

    const signIn = (password: string, newPassword?: string) =>
      app.t.anonymous.execute(LoginDocument, { email: ben.email, password, newPassword });
    expect((await signIn('bens-old-password')).data!.login.__typename).toBe('AuthenticationError');
    // The right temporary password opens no session until a new password is chosen.
    const required = (await signIn(temporaryPassword)).data!.login;
    expect(expectTypename(required, 'PasswordChangeRequiredError').message).toMatch(/choose a new password/);
    expect(await app.t.app.core.analytics.session.count({ where: { reviewerId: ben.id } })).toBe(0);
    expect((await signIn(temporaryPassword, 'short')).data!.login).toMatchObject({
      __typename: 'ValidationError',
      field: 'newPassword',
    });
    expect((await signIn(temporaryPassword, temporaryPassword)).data!.login).toMatchObject({
      __typename: 'ValidationError',
      field: 'newPassword',
    });
    expect((await signIn('wrong-temporary', 'bens-new-password')).data!.login.__typename).toBe('AuthenticationError');

    const done = expectTypename((await signIn(temporaryPassword, 'bens-new-password')).data!.login, 'LoginSuccess');
    expect((await app.t.as(done.token).execute(MeQuery)).data!.me).toEqual({ email: ben.email });
    expect((await signIn(temporaryPassword)).data!.login.__typename).toBe('AuthenticationError');
    expect((await signIn('bens-new-password')).data!.login.__typename).toBe('LoginSuccess');
    expect(await auditOf(app.t, 'reviewer.password-reset', ben.id)).toEqual([{ reviewerId: adminId, detail: {} }]);
    expect(await auditOf(app.t, 'reviewer.password', ben.id)).toEqual([{ reviewerId: ben.id, detail: {} }]);
  });

  it('reviewers and viewers cannot manage the team', async () => {
    const cara = await account(app.t, 'cara@example.com', 'REVIEWER');
    const session = app.t.as(await app.t.login(cara.email, cara.password));
    for (const result of [
      await session.execute(SetReviewerRoleDocument, { input: { reviewerId: cara.id, role: 'ADMIN' } }),
      await session.execute(DeactivateReviewerDocument, { id: adminId }),
      await session.execute(ReactivateReviewerDocument, { id: cara.id }),
      await session.execute(ResetReviewerPasswordDocument, { id: adminId }),
    ]) {
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await app.t.app.core.analytics.reviewer.findUniqueOrThrow({ where: { id: cara.id } })).role).toBe(
      'REVIEWER',
    );
    expect(
      await app.t.app.core.analytics.auditEntry.count({
        where: { reviewerId: cara.id, action: { startsWith: 'reviewer.' } },
      }),
    ).toBe(0);
  });
});

// Services mode (real PostgreSQL and Redis, two processes) where available; embedded otherwise.
const mode: Mode = servicesAvailable ? 'services' : 'embedded';

describe(`a deactivated reviewer and the last admin (${mode} mode)`, () => {
  // Two API processes on one storage: the deactivation is made on one and refused at once on the other.
  // The socket check interval is long, so a closed socket proves the push, not the periodic check.
  const env = { WS_SESSION_CHECK_SECONDS: '600', SESSION_CACHE_SECONDS: '60' };
  let storage: Awaited<ReturnType<typeof modeEnv>>;
  let here: TestApp;
  let there: TestApp;
  beforeAll(async () => {
    storage = await modeEnv(mode);
    here = await startApp({ ...storage.env, ...env });
    // Embedded storage is one process's files: the second process is services mode only.
    there = mode === 'services' ? await startApp({ ...storage.env, ...env, ROLES: 'api' }) : here;
  });
  afterAll(async () => {
    if (there !== here) await there?.stop();
    await here?.stop();
    await storage?.cleanup();
  });

  it('is refused at once over HTTP and WebSocket, cannot sign in, and may be reactivated', {
    timeout: 30_000,
  }, async () => {
    const dana = await account(here, 'dana@example.com', 'REVIEWER');
    const token = await there.login(dana.email, dana.password);
    const session = there.as(token);
    expect((await session.execute(MeQuery)).data!.me).toEqual({ email: dana.email });
    const live = session.subscribe(DraftQueuedSubscription);
    await sandboxSend(here.app.core, { telegramUserId: '8101', text: 'anyone there?' });
    const draft = await eventually(
      () =>
        here.app.core.analytics.draft.findFirst({ where: { contact: { telegramUserId: '8101' }, status: 'PENDING' } }),
      15_000,
      'a pending draft',
    );
    await live.until((event) => event.draftQueued.id === draft.id);
    expect((await session.execute(ClaimDraftMutation, { id: draft.id })).data!.claimDraft.__typename).toBe(
      'ClaimDraftSuccess',
    );

    const admin = here.as(await here.login());
    const done = await admin.execute(DeactivateReviewerDocument, { id: dana.id });
    expect(expectTypename(done.data!.deactivateReviewer, 'DeactivateReviewerSuccess').reviewer).toMatchObject({
      active: false,
    });
    const started = Date.now();
    expect((await session.execute(MeQuery)).data!.me).toBeNull();
    const refused = await session.execute(ClaimDraftMutation, { id: crypto.randomUUID() });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await eventually(async () => live.errors.length > 0, 3000, 'the socket to close');
    expect(closeCodes(live.errors)).toEqual([4403]);
    expect(Date.now() - started).toBeLessThan(3000);
    // The draft Dana held is back in the queue for the others.
    expect(await here.app.core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({
      status: 'PENDING',
      claimedById: null,
    });

    const signIn = await there.anonymous.execute(LoginDocument, { email: dana.email, password: dana.password });
    expect(expectTypename(signIn.data!.login, 'AuthenticationError').message).toMatch(/deactivated/);
    const wrong = await there.anonymous.execute(LoginDocument, { email: dana.email, password: 'not-her-password' });
    expect(expectTypename(wrong.data!.login, 'AuthenticationError').message).toBe('Email or password is incorrect');

    const listed = (await admin.execute(ReviewersDocument)).data!.reviewers.find((r) => r.id === dana.id);
    expect(listed).toMatchObject({ active: false });
    const back = await admin.execute(ReactivateReviewerDocument, { id: dana.id });
    expect(expectTypename(back.data!.reactivateReviewer, 'ReactivateReviewerSuccess').reviewer.active).toBe(true);
    expect(await there.login(dana.email, dana.password)).toBeTruthy();
    const actions = await here.app.core.analytics.auditEntry.findMany({
      where: { subjectId: dana.id, action: { in: ['reviewer.deactivate', 'reviewer.reactivate'] } },
      orderBy: { createdAt: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(['reviewer.deactivate', 'reviewer.reactivate']);
  });

  it('two admins demoting each other at once: exactly one succeeds, one admin remains', {
    timeout: 60_000,
  }, async () => {
    const db = here.app.core.analytics;
    const first = await db.reviewer.findUniqueOrThrow({ where: { email: ADMIN.email } });
    const second = await account(here, 'race-admin@example.com', 'ADMIN');
    const activeAdmins = () => db.reviewer.findMany({ where: { role: 'ADMIN', deactivatedAt: null } });
    const restore = async () => {
      await db.reviewer.updateMany({ where: { id: { in: [first.id, second.id] } }, data: { role: 'ADMIN' } });
      for (const t of [here, there]) t.app.core.sessions.forget({ reviewerId: first.id });
    };

    // Through the API, each admin on a process of their own.
    const [a, b] = await Promise.all([
      here
        .as(await here.login())
        .execute(SetReviewerRoleDocument, { input: { reviewerId: second.id, role: 'REVIEWER' } }),
      there
        .as(await there.login(second.email, second.password))
        .execute(SetReviewerRoleDocument, { input: { reviewerId: first.id, role: 'REVIEWER' } }),
    ]);
    // The loser sees LastAdminError, or FORBIDDEN if it was demoted before its request was authorised.
    const won = [a, b].filter((r) => r.data?.setReviewerRole.__typename === 'SetReviewerRoleSuccess');
    expect(won).toHaveLength(1);
    expect(await activeAdmins()).toHaveLength(1);

    // Straight at the domain from both processes, many times, so the two transactions overlap.
    for (let round = 0; round < 20; round++) {
      await restore();
      const outcomes = await Promise.allSettled([
        setReviewerRole(here.app.core, second.id, 'REVIEWER', first),
        round % 2 === 0
          ? setReviewerRole(there.app.core, first.id, 'VIEWER', second)
          : deactivateReviewer(there.app.core, first.id, second),
      ]);
      const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
      expect(refused, `round ${round}`).toHaveLength(1);
      expect(refused[0], `round ${round}`).toBeInstanceOf(LastAdminError);
      expect(await activeAdmins(), `round ${round}`).toHaveLength(1);
    }
  });
});
