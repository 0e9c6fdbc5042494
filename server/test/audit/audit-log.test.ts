/**
 * The audit log: every kind of decision leaves one entry (who, when, what), auditLog lists them newest first
 * with filters and Relay paging, the table refuses edits and deletes, and an erase only anonymises.
 */
import { describe, expect, it } from 'vitest';
import {
  ClaimDraftDocument,
  EraseContactDocument,
  RejectDraftDocument,
  RetryDraftDocument,
  SandboxSendDocument,
} from '../../../client/src/gql/graphql.js';
import type { Core } from '../../src/core.js';
import { graphql } from '../gql/index.js';
import {
  ApproveDraftMutation,
  ChangePasswordMutation,
  CreateReviewerMutation,
  ReleaseDraftMutation,
  SavePersonaMutation,
  SetCustomerStatusMutation,
} from '../support/documents.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { ADMIN, addReviewer, eventually, SECOND, useApp } from '../support/harness.js';

const AuditLogQuery = graphql(`
  query AuditLogPage($first: Int, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {
    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {
      edges {
        cursor
        node {
          id
          action
          actor {
            email
          }
          subjectId
          detail
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

async function pendingDraft(core: Core, admin: TestClient, telegramUserId: string, text: string) {
  await admin.execute(SandboxSendDocument, { input: { telegramUserId, text, firstName: 'Odile Marchetti' } });
  return eventually(
    () => core.analytics.draft.findFirst({ where: { contact: { telegramUserId }, status: 'PENDING' } }),
    15_000,
    'a pending draft',
  );
}

describe('the audit log', () => {
  const app = useApp('embedded', {}, addReviewer);

  it('records every decision once, lists it newest first with filters and pages, and only an erase changes it', async () => {
    const { t, admin } = app;
    const core = t.app.core;
    const ben = t.as(await t.login(SECOND.email, SECOND.password));
    const [first, second] = await Promise.all([
      pendingDraft(core, admin, '8101', 'Hello'),
      pendingDraft(core, admin, '8102', 'Anyone?'),
    ]);
    const since = new Date();

    expectTypename((await ben.execute(ClaimDraftDocument, { id: first.id })).data!.claimDraft, 'ClaimDraftSuccess');
    // Renewing one's own claim is not a new claim.
    expectTypename((await ben.execute(ClaimDraftDocument, { id: first.id })).data!.claimDraft, 'ClaimDraftSuccess');
    expectTypename(
      (await ben.execute(ReleaseDraftMutation, { id: first.id })).data!.releaseDraft,
      'ReleaseDraftSuccess',
    );
    expectTypename((await admin.execute(ClaimDraftDocument, { id: first.id })).data!.claimDraft, 'ClaimDraftSuccess');
    const edited = [`${first.bubbles.join(' ')} Odile, see you soon.`];
    const approve = await admin.execute(ApproveDraftMutation, {
      input: { draftId: first.id, bubbles: edited, customerStatus: 'CUSTOMER', ltvAmount: '99.00', qualityScore: 4 },
    });
    expectTypename(approve.data!.approveDraft, 'ApproveDraftSuccess');
    const override = await admin.execute(SetCustomerStatusMutation, {
      input: { contactId: first.contactId, status: 'PROSPECT', reason: 'Odile asked for a refund' },
    });
    expectTypename(override.data!.setCustomerStatus, 'SetCustomerStatusSuccess');
    const rejected = await admin.execute(RejectDraftDocument, {
      input: { draftId: second.id, notes: 'Odile is a test', claim: true },
    });
    expectTypename(rejected.data!.rejectDraft, 'RejectDraftSuccess');
    await core.analytics.draft.create({
      data: { contactId: second.contactId, status: 'FAILED', inboundText: 'x', failureReason: 'model down' },
    });
    const failed = await core.analytics.draft.findFirstOrThrow({ where: { status: 'FAILED' } });
    expectTypename((await ben.execute(RetryDraftDocument, { id: failed.id })).data!.retryDraft, 'RetryDraftSuccess');
    const added = await admin.execute(CreateReviewerMutation, {
      input: { email: 'carol@example.com', displayName: 'Carol', password: 'carol-password', role: 'VIEWER' },
    });
    expectTypename(added.data!.createReviewer, 'CreateReviewerSuccess');
    const persona = await admin.execute(SavePersonaMutation, { input: { name: 'Crisp', prompt: 'Be brief.' } });
    expectTypename(persona.data!.savePersona, 'SavePersonaSuccess');
    const changed = await ben.execute(ChangePasswordMutation, {
      input: { currentPassword: SECOND.password, newPassword: 'another-pass-1' },
    });
    expectTypename(changed.data!.changePassword, 'ChangePasswordSuccess');

    type Filters = { first?: number; after?: string | null; action?: string; actorId?: string; to?: string };
    const page = async (variables: Filters) =>
      (await admin.execute(AuditLogQuery, { from: since.toISOString(), first: 50, ...variables })).data!.auditLog;
    const all = await page({});
    const actions = all.edges.map((e) => `${e.node.action} ${e.node.actor?.email ?? '-'}`);
    expect(actions).toEqual([
      `reviewer.password ${SECOND.email}`,
      `persona.save ${ADMIN.email}`,
      `reviewer.create ${ADMIN.email}`,
      `draft.retry ${SECOND.email}`,
      `draft.reject ${ADMIN.email}`,
      `funnel.override ${ADMIN.email}`,
      `funnel.payment ${ADMIN.email}`,
      `funnel.status ${ADMIN.email}`,
      `draft.approve ${ADMIN.email}`,
      `draft.claim ${ADMIN.email}`,
      `draft.release ${SECOND.email}`,
      `draft.claim ${SECOND.email}`,
    ]);
    const times = all.edges.map((e) => Date.parse(e.node.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const approval = (await page({ action: 'draft.approve' })).edges.map((e) => e.node);
    expect(approval).toEqual([
      expect.objectContaining({
        subjectId: first.id,
        detail: {
          editDistance: expect.any(Number),
          bubbles: 1,
          qualityScore: 4,
          editTags: [],
        },
      }),
    ]);
    const stored = await core.analytics.draft.findUniqueOrThrow({ where: { id: first.id } });
    expect((approval[0]!.detail as { editDistance: number }).editDistance).toBe(stored.editDistance);
    expect(stored.editDistance).toBeGreaterThan(0);
    expect((await page({ action: 'funnel.override' })).edges[0]!.node.detail).toEqual({
      from: 'CUSTOMER',
      to: 'PROSPECT',
      reason: 'Odile asked for a refund',
      draftId: null,
    });
    expect((await page({ action: 'funnel.payment' })).edges[0]!.node).toMatchObject({
      subjectId: first.contactId,
      detail: { amount: '99.00', ltvTotal: '99.00', draftId: first.id },
    });
    expect((await page({ action: 'draft.' })).edges).toHaveLength(6);
    const benId = (await core.analytics.reviewer.findUniqueOrThrow({ where: { email: SECOND.email } })).id;
    expect((await page({ actorId: benId })).edges.map((e) => e.node.action)).toEqual([
      'reviewer.password',
      'draft.retry',
      'draft.release',
      'draft.claim',
    ]);
    expect((await page({ to: since.toISOString() })).edges).toHaveLength(0);

    // Relay paging: 5 at a time, each entry once.
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page({ first: 5, after });
      seen.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(all.edges.map((e) => e.node.id));

    // Append-only: the database itself refuses to edit or delete an entry.
    await expect(core.analytics.$executeRaw`DELETE FROM "AuditEntry"`).rejects.toThrow(/append-only/);
    await expect(core.analytics.$executeRaw`UPDATE "AuditEntry" SET "action" = 'nothing'`).rejects.toThrow(
      /append-only/,
    );

    // An erase keeps who did what and when, and forgets whom it was about.
    const erased = await admin.execute(EraseContactDocument, { id: first.contactId });
    expectTypename(erased.data!.eraseContact, 'EraseContactSuccess');
    const afterErase = await page({});
    expect(afterErase.edges.map((e) => e.node.action)).toEqual([
      'contact.erase',
      ...all.edges.map((e) => e.node.action),
    ]);
    const text = JSON.stringify(afterErase).toLowerCase();
    for (const needle of [first.id, first.contactId, 'odile asked', 'refund']) expect(text).not.toContain(needle);
    expect((await page({ action: 'funnel.override' })).edges[0]!.node).toMatchObject({
      subjectId: null,
      actor: { email: ADMIN.email },
      detail: { from: 'CUSTOMER', to: 'PROSPECT' },
    });
    // The other person's entries keep their subject.
    expect((await page({ action: 'draft.reject' })).edges[0]!.node).toMatchObject({
      subjectId: second.id,
      detail: { notes: 'Odile is a test' },
    });
  });
});
