import { describe, expect, it } from 'vitest';
import { LogoutDocument, ReviewersDocument } from '../../../client/src/gql/graphql.js';
import { ChangePasswordMutation, CreateReviewerMutation, MeQuery } from '../support/documents.js';
import { addReviewer, SECOND, useApp } from '../support/harness.js';

describe('sessions and reviewers', () => {
  const app = useApp('embedded', {}, addReviewer);

  it('logout ends that session only', async () => {
    const a = app.t.as(await app.t.login());
    const b = app.t.as(await app.t.login());
    expect((await a.execute(LogoutDocument)).data!.logout).toBe(true);
    expect((await a.execute(MeQuery)).data!.me).toBeNull();
    expect((await b.execute(MeQuery)).data!.me).toEqual({ email: 'admin@example.com' });
  });

  it('admins add reviewers with typed validation; others cannot', async () => {
    const admin = app.t.as(await app.t.login());
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
    const second = app.t.as(await app.t.login(SECOND.email, SECOND.password));
    const forbidden = await second.execute(CreateReviewerMutation, { input: { ...good, email: 'z@y.co' } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await second.execute(ReviewersDocument)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await admin.execute(ReviewersDocument)).data!.reviewers.map((r) => r.email)).toEqual([
      'admin@example.com',
      'new@example.com',
      'second@example.com',
    ]);
    expect(await app.t.login('new@example.com', 'long-enough')).toBeTruthy();
  });

  it('changing a password signs out the other sessions', async () => {
    const here = app.t.as(await app.t.login(SECOND.email, SECOND.password));
    const elsewhere = app.t.as(await app.t.login(SECOND.email, SECOND.password));
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
    await expect(app.t.login(SECOND.email, SECOND.password)).rejects.toThrow(/login failed/);
    await change('brand-new-pass', 'second-pass');
  });
});
