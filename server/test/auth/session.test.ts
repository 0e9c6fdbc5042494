import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogoutDocument, ReviewersDocument } from '../../../client/src/gql/graphql.js';
import { createReviewer } from '../../src/auth/auth.js';
import { ChangePasswordMutation, CreateReviewerMutation, MeQuery } from '../support/documents.js';
import { modeEnv, startApp, type TestApp } from '../support/harness.js';

describe('sessions and reviewers', () => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const m = await modeEnv('embedded');
    cleanup = m.cleanup;
    t = await startApp(m.env);
    await createReviewer(t.app.core.analytics, {
      email: 'second@example.com',
      password: 'second-pass',
      displayName: 'Second',
      role: 'REVIEWER',
    });
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  it('logout ends that session only', async () => {
    const a = t.as(await t.login());
    const b = t.as(await t.login());
    expect((await a.execute(LogoutDocument)).data!.logout).toBe(true);
    expect((await a.execute(MeQuery)).data!.me).toBeNull();
    expect((await b.execute(MeQuery)).data!.me).toEqual({ email: 'admin@example.com' });
  });

  it('admins add reviewers with typed validation; others cannot', async () => {
    const admin = t.as(await t.login());
    const good = {
      email: ' New@Example.com ',
      displayName: 'New One',
      password: 'long-enough',
      role: 'VIEWER',
    } as const;
    expect((await admin.execute(CreateReviewerMutation, { input: good })).data!.createReviewer).toEqual({
      __typename: 'CreateReviewerSuccess',
      reviewer: { email: 'new@example.com', role: 'VIEWER', displayName: 'New One' },
    });
    expect((await admin.execute(CreateReviewerMutation, { input: good })).data!.createReviewer).toMatchObject({
      __typename: 'ValidationError',
      field: 'email',
    });
    expect(
      (await admin.execute(CreateReviewerMutation, { input: { ...good, email: 'x@y.co', password: 'short' } })).data!
        .createReviewer,
    ).toMatchObject({ field: 'password' });
    expect(
      (await admin.execute(CreateReviewerMutation, { input: { ...good, email: 'not-an-email' } })).data!.createReviewer,
    ).toMatchObject({ field: 'email' });
    const second = t.as(await t.login('second@example.com', 'second-pass'));
    const forbidden = await second.execute(CreateReviewerMutation, { input: { ...good, email: 'z@y.co' } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await second.execute(ReviewersDocument)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await admin.execute(ReviewersDocument)).data!.reviewers.map((r) => r.email)).toEqual([
      'admin@example.com',
      'new@example.com',
      'second@example.com',
    ]);
    expect(await t.login('new@example.com', 'long-enough')).toBeTruthy();
  });

  it('changing a password signs out the other sessions', async () => {
    const here = t.as(await t.login('second@example.com', 'second-pass'));
    const elsewhere = t.as(await t.login('second@example.com', 'second-pass'));
    const change = (currentPassword: string, newPassword: string) =>
      here.execute(ChangePasswordMutation, { input: { currentPassword, newPassword } });
    expect((await change('wrong', 'brand-new-pass')).data!.changePassword).toEqual({
      __typename: 'ValidationError',
      field: 'currentPassword',
    });
    expect((await change('second-pass', 'brand-new-pass')).data!.changePassword.__typename).toBe(
      'ChangePasswordSuccess',
    );
    expect((await here.execute(MeQuery)).data!.me).toEqual({ email: 'second@example.com' });
    expect((await elsewhere.execute(MeQuery)).data!.me).toBeNull();
    await expect(t.login('second@example.com', 'second-pass')).rejects.toThrow(/login failed/);
    await change('brand-new-pass', 'second-pass');
  });
});
