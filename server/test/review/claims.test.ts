import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewer } from '../../src/auth/auth.js';
import { graphql } from '../gql/index.js';
import { ClaimDraftMutation, DraftQuery, DraftQueuedSubscription, SandboxSendMutation } from '../support/documents.js';
import { expectTypename } from '../support/graphql.js';
import { modeEnv, startApp, type TestApp } from '../support/harness.js';

const ReleaseDraftMutation = graphql(`
  mutation ReleaseDraft($id: ID!) {
    releaseDraft(id: $id) {
      __typename
      ... on ReleaseDraftSuccess {
        draft {
          status
          claimedBy {
            email
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

describe('claims', () => {
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

  it('a released draft goes back to the queue and another reviewer can take it', async () => {
    const admin = t.as(await t.login());
    const second = t.as(await t.login('second@example.com', 'second-pass'));
    const queued = admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await admin.execute(SandboxSendMutation, { input: { telegramUserId: '3301', text: 'hi' } });
    const draft = (await queued.until(() => true)).draftQueued;
    await admin.execute(ClaimDraftMutation, { id: draft.id });
    expect((await second.execute(ReleaseDraftMutation, { id: draft.id })).data!.releaseDraft.__typename).toBe(
      'ClaimConflictError',
    );
    const released = (await admin.execute(ReleaseDraftMutation, { id: draft.id })).data!.releaseDraft;
    expect(expectTypename(released, 'ReleaseDraftSuccess').draft).toEqual({ status: 'PENDING', claimedBy: null });
    const claimed = (await second.execute(ClaimDraftMutation, { id: draft.id })).data!.claimDraft;
    expect(expectTypename(claimed, 'ClaimDraftSuccess').draft.claimedBy).toEqual({ email: 'second@example.com' });
    expect((await admin.execute(DraftQuery, { id: draft.id })).data!.draft!.status).toBe('CLAIMED');
  });
});
