import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { createReviewer } from '../../src/auth/auth.js';
import type { Core } from '../../src/core.js';
import type { Reviewer } from '../../src/db.js';
import { ClaimConflictError, InvalidStateError } from '../../src/errors.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { approveDraft, claimDraft, rejectDraft } from '../../src/review/review.js';
import { ClaimDraftMutation, DraftQuery, DraftQueuedSubscription, ReleaseDraftMutation } from '../support/documents.js';
import { expectTypename } from '../support/graphql.js';
import { addReviewer, eventually, modeEnv, SECOND, startApp, type TestApp, useApp } from '../support/harness.js';

describe('claims', () => {
  const app = useApp('embedded', {}, addReviewer);

  it('a released draft goes back to the queue and another reviewer can take it', async () => {
    const admin = app.t.as(await app.t.login());
    const second = app.t.as(await app.t.login(SECOND.email, SECOND.password));
    const queued = admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await admin.execute(SandboxSendDocument, { input: { telegramUserId: '3301', text: 'hi' } });
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

describe('a decision needs the deciding reviewer’s live claim', () => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let core: Core;
  let ana: Reviewer;
  let ben: Reviewer;

  const reviewer = (email: string, displayName: string) =>
    createReviewer(core.analytics, { email, password: 'long-password', displayName, role: 'REVIEWER' });

  async function pendingDraft(telegramUserId: string, text: string) {
    await sandboxSend(core, { telegramUserId, text });
    return eventually(
      () => core.analytics.draft.findFirst({ where: { contact: { telegramUserId }, status: 'PENDING' } }),
      15_000,
      'a pending draft',
    );
  }

  beforeAll(async () => {
    const m = await modeEnv('embedded');
    cleanup = m.cleanup;
    t = await startApp(m.env);
    core = t.app.core;
    ana = await reviewer('ana@example.com', 'Ana');
    ben = await reviewer('ben@example.com', 'Ben');
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  it('refuses A’s approval once A’s claim has expired and B holds the draft, and takes B’s', async () => {
    const draft = await pendingDraft('4001', 'Is the shop open on Sunday?');
    const row = (id: string) => core.analytics.draft.findUniqueOrThrow({ where: { id } });
    await claimDraft(core, draft.id, ana);
    const claimed = await row(draft.id);
    expect(claimed.claimedAt).toBeInstanceOf(Date);
    // Renewing a lease moves its end, not the moment the claim began.
    await claimDraft(core, draft.id, ana);
    expect((await row(draft.id)).claimedAt).toEqual(claimed.claimedAt);

    // A's lease runs out (as if the tab was closed five minutes ago).
    await core.analytics.draft.update({
      where: { id: draft.id },
      data: { claimExpiresAt: new Date(Date.now() - 1000) },
    });
    await claimDraft(core, draft.id, ben);
    const byBen = await row(draft.id);
    expect(byBen.claimedById).toBe(ben.id);
    expect(byBen.claimedAt?.getTime()).toBeGreaterThan(claimed.claimedAt?.getTime() ?? 0);

    await expect(approveDraft(core, { draftId: draft.id, bubbles: ['Yes, 10 to 4.'] }, ana)).rejects.toBeInstanceOf(
      ClaimConflictError,
    );
    await approveDraft(core, { draftId: draft.id, bubbles: ['Yes, 10 to 4.'] }, ben);
    const decided = await core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id } });
    expect(decided).toMatchObject({ status: 'APPROVED', reviewedById: ben.id, finalBubbles: ['Yes, 10 to 4.'] });
  });

  it('refuses to approve or reject a draft nobody claimed, unless the caller asks to claim and decide in one step', async () => {
    const draft = await pendingDraft('4002', 'Can I pay by card?');
    await expect(approveDraft(core, { draftId: draft.id, bubbles: ['Yes.'] }, ana)).rejects.toBeInstanceOf(
      InvalidStateError,
    );
    await expect(rejectDraft(core, { draftId: draft.id }, ana)).rejects.toBeInstanceOf(InvalidStateError);
    expect(await core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({
      status: 'PENDING',
      claimedById: null,
    });

    await approveDraft(core, { draftId: draft.id, bubbles: ['Yes, any card.'], claim: true }, ana);
    const decided = await core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id } });
    expect(decided).toMatchObject({ status: 'APPROVED', reviewedById: ana.id, claimedById: ana.id });
    expect(decided.claimedAt).toBeInstanceOf(Date);
  });

  it('refuses a decision on an expired claim even when nobody else took the draft', async () => {
    const draft = await pendingDraft('4003', 'Where are you?');
    await claimDraft(core, draft.id, ana);
    await core.analytics.draft.update({
      where: { id: draft.id },
      data: { claimExpiresAt: new Date(Date.now() - 1000) },
    });
    await expect(rejectDraft(core, { draftId: draft.id, notes: 'late' }, ana)).rejects.toBeInstanceOf(
      InvalidStateError,
    );
    // Claiming again (what the editor does on reopening) makes the decision possible.
    await claimDraft(core, draft.id, ana);
    await rejectDraft(core, { draftId: draft.id, notes: 'late' }, ana);
    expect((await core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('REJECTED');
  });
});
