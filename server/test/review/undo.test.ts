import { describe, expect, it } from 'vitest';
import { ApproveDraftDocument, AuditLogDocument, UndoApprovalDocument } from '../../../client/src/gql/graphql.js';
import type { Core } from '../../src/core.js';
import type { Reviewer } from '../../src/db.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { approveDraft } from '../../src/review/review.js';
import { undoApproval } from '../../src/review/undo.js';
import { ContactQuery, DraftQuery, SandboxChatQuery } from '../support/documents.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { addReviewer, eventually, SECOND, type TestApp, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const WINDOW_SECONDS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pendingDraft(core: Core, telegramUserId: string, text: string) {
  await sandboxSend(core, { telegramUserId, text, firstName: `Person ${telegramUserId}` });
  return eventually(
    () => core.analytics.draft.findFirst({ where: { contact: { telegramUserId }, status: 'PENDING' } }),
    15_000,
    'a pending draft',
  );
}

async function outbound(client: TestClient, telegramUserId: string): Promise<string[]> {
  const chat = await client.execute(SandboxChatQuery, { telegramUserId });
  return chat.data!.sandboxChat.filter((m) => m.direction === 'OUTBOUND').map((m) => m.text);
}

describe(`undoing an approval within APPROVAL_UNDO_SECONDS (${WINDOW_SECONDS} s)`, () => {
  const app = useApp('embedded', { APPROVAL_UNDO_SECONDS: String(WINDOW_SECONDS) }, addReviewer);
  const reviewerClient = async (t: TestApp) => t.as(await t.login(SECOND.email, SECOND.password));

  it('puts the draft back, claimed by its reviewer with the edits, reverts the funnel change, and sends nothing', async () => {
    const { t, admin } = app;
    const second = await reviewerClient(t);
    const draft = await pendingDraft(t.app.core, '7101', 'Can I buy the blue one?');
    const input = {
      draftId: draft.id,
      bubbles: ['Yes, the blue one is in stock.', 'It is 50 euros.'],
      editTags: ['price'],
      qualityScore: 4,
      notes: 'added the price',
      customerStatus: 'CUSTOMER' as const,
      ltvAmount: '50.00',
      claim: true,
    };
    const approved = await second.execute(ApproveDraftDocument, { input });
    const approval = expectTypename(approved.data!.approveDraft, 'ApproveDraftSuccess');
    expect(approval.newStatus).toBe('CUSTOMER');
    const until = Date.parse(approval.draft.undoableUntil!);
    expect(until - Date.now()).toBeGreaterThan(WINDOW_SECONDS * 1000 - 1000);

    const undone = await second.execute(UndoApprovalDocument, { draftId: draft.id });
    const result = expectTypename(undone.data!.undoApproval, 'UndoApprovalSuccess');
    expect(result).toMatchObject({ customerStatus: 'PROSPECT', ltvRemoved: '50.00', ltvTotal: '0.00' });
    expect(result.draft).toMatchObject({
      status: 'CLAIMED',
      claimedBy: { displayName: SECOND.displayName },
      finalBubbles: input.bubbles,
      editTags: ['price'],
      qualityScore: 4,
      notes: 'added the price',
      undoableUntil: null,
      deliveries: [],
      contact: { customerStatus: 'PROSPECT', ltv: '0.00' },
    });
    expect(Date.parse(result.draft.claimExpiresAt!)).toBeGreaterThan(Date.now() + 60_000);

    const contact = (await admin.execute(ContactQuery, { id: draft.contactId })).data!.contact!;
    expect(contact).toMatchObject({ customerStatus: 'PROSPECT', ltv: '0.00', statusHistory: [] });
    const audit = (await admin.execute(AuditLogDocument, { first: 10 })).data!.auditLog.edges.map((e) => e.node.action);
    // The two undo entries share the undo's transaction (and its time), so their order between them is open.
    expect(audit.slice(0, 2).sort()).toEqual(['draft.undo', 'funnel.undo']);
    expect(audit.slice(2, 5).sort()).toEqual(['draft.approve', 'funnel.payment', 'funnel.status']);

    // Well past the window: nothing reached the person.
    await sleep(WINDOW_SECONDS * 1000 + 1000);
    expect(await outbound(admin, '7101')).toEqual([]);

    // Approved again: sent once, after a new window.
    const again = await second.execute(ApproveDraftDocument, {
      input: { draftId: draft.id, bubbles: ['Yes, in stock.'] },
    });
    expectTypename(again.data!.approveDraft, 'ApproveDraftSuccess');
    const approvedAt = Date.now();
    const sent = await eventually(async () => {
      const texts = await outbound(admin, '7101');
      return texts.length > 0 ? texts : null;
    }, 15_000);
    expect(Date.now() - approvedAt).toBeGreaterThanOrEqual(WINDOW_SECONDS * 1000 - 100);
    expect(sent).toEqual(['Yes, in stock.']);
  });

  it('is refused after the window, and the reply is sent once', async () => {
    const { t, admin } = app;
    const draft = await pendingDraft(t.app.core, '7102', 'Open today?');
    const approved = await admin.execute(ApproveDraftDocument, {
      input: { draftId: draft.id, bubbles: ['Until six.'], claim: true },
    });
    expectTypename(approved.data!.approveDraft, 'ApproveDraftSuccess');
    await sleep(WINDOW_SECONDS * 1000 + 200);
    const undone = await admin.execute(UndoApprovalDocument, { draftId: draft.id });
    expect(undone.data!.undoApproval).toMatchObject({ __typename: 'UndoRefusedError' });
    expect(['WINDOW_ENDED', 'DELIVERY_STARTED']).toContain(
      expectTypename(undone.data!.undoApproval, 'UndoRefusedError').reason,
    );
    await eventually(async () => ((await outbound(admin, '7102')).length > 0 ? true : null), 15_000);
    await sleep(500);
    expect(await outbound(admin, '7102')).toEqual(['Until six.']);
    expect((await admin.execute(DraftQuery, { id: draft.id })).data!.draft!.status).toBe('APPROVED');
  });

  it('only the approving reviewer or an admin may undo; an admin hands the draft back to the approver', async () => {
    const { t, admin } = app;
    const second = await reviewerClient(t);
    const third = t.as(await addThird(t));
    const draft = await pendingDraft(t.app.core, '7103', 'Hello?');
    await second.execute(ApproveDraftDocument, { input: { draftId: draft.id, bubbles: ['Hello!'], claim: true } });
    const refused = await third.execute(UndoApprovalDocument, { draftId: draft.id });
    expect(expectTypename(refused.data!.undoApproval, 'UndoRefusedError').reason).toBe('NOT_APPROVER');
    const undone = await admin.execute(UndoApprovalDocument, { draftId: draft.id });
    expect(expectTypename(undone.data!.undoApproval, 'UndoApprovalSuccess').draft).toMatchObject({
      status: 'CLAIMED',
      claimedBy: { displayName: SECOND.displayName },
      finalBubbles: ['Hello!'],
    });
    const twice = await admin.execute(UndoApprovalDocument, { draftId: draft.id });
    expect(expectTypename(twice.data!.undoApproval, 'UndoRefusedError').reason).toBe('NOT_APPROVED');
    const bad = await admin.execute(UndoApprovalDocument, { draftId: 'not-an-id' });
    expect(bad.data!.undoApproval.__typename).toBe('NotFoundError');
  });
});

async function addThird(t: TestApp): Promise<string> {
  const third = { email: 'third@example.com', password: 'third-password', displayName: 'Third' };
  await addReviewer(t, third);
  return t.login(third.email, third.password);
}

describe('undo disabled (APPROVAL_UNDO_SECONDS=0)', () => {
  const app = useApp('embedded');

  it('delivers at once and refuses an undo as DISABLED', async () => {
    const { t, admin } = app;
    const draft = await pendingDraft(t.app.core, '7201', 'Hi');
    const approved = await admin.execute(ApproveDraftDocument, {
      input: { draftId: draft.id, bubbles: ['Hi there.'], claim: true },
    });
    expect(expectTypename(approved.data!.approveDraft, 'ApproveDraftSuccess').draft.undoableUntil).toBeNull();
    const undone = await admin.execute(UndoApprovalDocument, { draftId: draft.id });
    expect(expectTypename(undone.data!.undoApproval, 'UndoRefusedError').reason).toBe('DISABLED');
    await eventually(async () => ((await outbound(admin, '7201')).length > 0 ? true : null), 5_000);
  });
});

describe.skipIf(!servicesAvailable)('undo racing the start of delivery (services mode)', () => {
  let core: Core;
  let reviewer: Reviewer;
  useApp('services', { APPROVAL_UNDO_SECONDS: '2' }, async (t) => {
    core = t.app.core;
    reviewer = await addReviewer(t, { email: 'race@example.com', password: 'long-password', displayName: 'Race' });
  });

  it('either the undo wins and nothing is sent, or delivery wins and the undo is refused: never both', async () => {
    const PEOPLE = 30;
    const ids = Array.from({ length: PEOPLE }, (_, i) => `${72_000 + i}`);
    const drafts = await Promise.all(ids.map((id) => pendingDraft(core, id, `question ${id}`)));
    const refusals: string[] = [];
    const undos = await Promise.all(
      drafts.map(async (draft, i) => {
        await approveDraft(core, { draftId: draft.id, bubbles: [`answer ${i}`], claim: true }, reviewer);
        const { reviewedAt } = await core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id } });
        // Spread from 1 s before the window's end to 0.6 s after, where the delivery job starts.
        const at = reviewedAt!.getTime() + 2000 - 1000 + (1600 * i) / PEOPLE;
        await sleep(Math.max(0, at - Date.now()));
        return undoApproval(core, draft.id, reviewer).then(
          () => true,
          (error: { reason?: string }) => {
            refusals.push(String(error.reason));
            return false;
          },
        );
      }),
    );
    // Refused only for being late, never for anything else.
    expect(refusals.filter((r) => r !== 'WINDOW_ENDED' && r !== 'DELIVERY_STARTED')).toEqual([]);
    await sleep(3000);
    const outcomes = await Promise.all(
      drafts.map(async (draft) => {
        const [row, sent] = await Promise.all([
          core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true } }),
          core.analytics.message.count({ where: { sourceDraftId: draft.id, direction: 'OUTBOUND' } }),
        ]);
        return { status: row.status, sent };
      }),
    );
    // Both sides won some races, so the boundary itself was crossed.
    expect(undos).toContain(true);
    expect(undos).toContain(false);
    outcomes.forEach((outcome, i) => {
      expect(outcome).toEqual(undos[i] ? { status: 'CLAIMED', sent: 0 } : { status: 'APPROVED', sent: 1 });
    });
  }, 60_000);
});
