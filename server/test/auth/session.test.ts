import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewer } from '../../src/auth/auth.js';
import { CLAIM, DRAFT, DRAFT_QUEUED, SANDBOX_SEND } from '../support/documents.js';
import { collect, modeEnv, startApp, type TestApp } from '../support/harness.js';

const RELEASE = `mutation Release($id: ID!) { releaseDraft(id: $id) { __typename ... on ReleaseDraftSuccess { draft { status claimedBy { email } } } ... on Error { message } } }`;

describe('sessions and claims', () => {
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
    const a = await t.login();
    const b = await t.login();
    expect((await t.gql('mutation { logout }', {}, a)).data.logout).toBe(true);
    expect((await t.gql('{ me { email } }', {}, a)).data.me).toBeNull();
    expect((await t.gql('{ me { email } }', {}, b)).data.me).toEqual({ email: 'admin@example.com' });
  });

  it('admins add reviewers with typed validation; others cannot', async () => {
    const admin = await t.login();
    const CREATE = `mutation Create($input: CreateReviewerInput!) { createReviewer(input: $input) { __typename ... on CreateReviewerSuccess { reviewer { email role displayName } } ... on ValidationError { field message } } }`;
    const good = { email: ' New@Example.com ', displayName: 'New One', password: 'long-enough', role: 'VIEWER' };
    expect((await t.gql(CREATE, { input: good }, admin)).data.createReviewer).toEqual({
      __typename: 'CreateReviewerSuccess',
      reviewer: { email: 'new@example.com', role: 'VIEWER', displayName: 'New One' },
    });
    expect((await t.gql(CREATE, { input: good }, admin)).data.createReviewer).toMatchObject({
      __typename: 'ValidationError',
      field: 'email',
    });
    expect(
      (await t.gql(CREATE, { input: { ...good, email: 'x@y.co', password: 'short' } }, admin)).data.createReviewer,
    ).toMatchObject({ field: 'password' });
    expect(
      (await t.gql(CREATE, { input: { ...good, email: 'not-an-email' } }, admin)).data.createReviewer,
    ).toMatchObject({ field: 'email' });
    const second = await t.login('second@example.com', 'second-pass');
    expect((await t.gql(CREATE, { input: { ...good, email: 'z@y.co' } }, second)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.gql('{ reviewers { email } }', {}, second)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql('{ reviewers { email } }', {}, admin)).data.reviewers.map((r: any) => r.email)).toEqual([
      'admin@example.com',
      'new@example.com',
      'second@example.com',
    ]);
    expect(await t.login('new@example.com', 'long-enough')).toBeTruthy();
  });

  it('changing a password signs out the other sessions', async () => {
    const CHANGE = `mutation Change($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on ValidationError { field } } }`;
    const here = await t.login('second@example.com', 'second-pass');
    const elsewhere = await t.login('second@example.com', 'second-pass');
    expect(
      (await t.gql(CHANGE, { input: { currentPassword: 'wrong', newPassword: 'brand-new-pass' } }, here)).data
        .changePassword,
    ).toEqual({ __typename: 'ValidationError', field: 'currentPassword' });
    expect(
      (await t.gql(CHANGE, { input: { currentPassword: 'second-pass', newPassword: 'brand-new-pass' } }, here)).data
        .changePassword.__typename,
    ).toBe('ChangePasswordSuccess');
    expect((await t.gql('{ me { email } }', {}, here)).data.me).toEqual({ email: 'second@example.com' });
    expect((await t.gql('{ me { email } }', {}, elsewhere)).data.me).toBeNull();
    await expect(t.login('second@example.com', 'second-pass')).rejects.toThrow(/login failed/);
    await t.gql(CHANGE, { input: { currentPassword: 'brand-new-pass', newPassword: 'second-pass' } }, here);
  });

  it('a released draft goes back to the queue and another reviewer can take it', async () => {
    const admin = await t.login();
    const second = await t.login('second@example.com', 'second-pass');
    const queued = collect(t.ws(admin), DRAFT_QUEUED);
    await new Promise((r) => setTimeout(r, 200));
    await t.gql(SANDBOX_SEND, { input: { telegramUserId: '3301', text: 'hi' } }, admin);
    const draft = (await queued.until(() => true)).draftQueued;
    await t.gql(CLAIM, { id: draft.id }, admin);
    expect((await t.gql(RELEASE, { id: draft.id }, second)).data.releaseDraft.__typename).toBe('ClaimConflictError');
    expect((await t.gql(RELEASE, { id: draft.id }, admin)).data.releaseDraft.draft).toEqual({
      status: 'PENDING',
      claimedBy: null,
    });
    expect((await t.gql(CLAIM, { id: draft.id }, second)).data.claimDraft.draft.claimedBy).toEqual({
      email: 'second@example.com',
    });
    expect((await t.gql(DRAFT, { id: draft.id }, admin)).data.draft.status).toBe('CLAIMED');
  });
});
