import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewer } from '../src/auth/auth.js';
import { CLAIM, DRAFT, DRAFT_QUEUED, SANDBOX_SEND } from './documents.js';
import { collect, modeEnv, startApp, type TestApp } from './harness.js';

const RELEASE = `mutation Release($id: ID!) { releaseDraft(id: $id) { __typename ... on ReleaseDraftSuccess { draft { status claimedBy { email } } } ... on Error { message } } }`;

describe('sessions and claims', () => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const m = await modeEnv('embedded');
    cleanup = m.cleanup;
    t = await startApp(m.env);
    await createReviewer(t.app.core.analytics, { email: 'second@example.com', password: 'second-pass', displayName: 'Second', role: 'REVIEWER' });
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

  it('a released draft goes back to the queue and another reviewer can take it', async () => {
    const admin = await t.login();
    const second = await t.login('second@example.com', 'second-pass');
    const queued = collect(t.ws(admin), DRAFT_QUEUED);
    await new Promise((r) => setTimeout(r, 200));
    await t.gql(SANDBOX_SEND, { input: { telegramUserId: '3301', text: 'hi' } }, admin);
    const draft = (await queued.until(() => true)).draftQueued;
    await t.gql(CLAIM, { id: draft.id }, admin);
    expect((await t.gql(RELEASE, { id: draft.id }, second)).data.releaseDraft.__typename).toBe('ClaimConflictError');
    expect((await t.gql(RELEASE, { id: draft.id }, admin)).data.releaseDraft.draft).toEqual({ status: 'PENDING', claimedBy: null });
    expect((await t.gql(CLAIM, { id: draft.id }, second)).data.claimDraft.draft.claimedBy).toEqual({ email: 'second@example.com' });
    expect((await t.gql(DRAFT, { id: draft.id }, admin)).data.draft.status).toBe('CLAIMED');
  });
});
