import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EraseContactDocument, RejectDraftDocument, SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { createReviewer } from '../../src/auth/auth.js';
import type { ApproveDraftInput } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import {
  ApproveDraftMutation,
  ClaimDraftMutation,
  DraftQuery,
  DraftQueuedSubscription,
  SetCustomerStatusMutation,
} from '../support/documents.js';
import type { Result, TestClient } from '../support/graphql.js';
import { eventually, modeEnv, startApp, type TestApp } from '../support/harness.js';

const LONG = 'x'.repeat(10_000);
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const WrongPasswordLoginMutation = graphql(`
  mutation WrongPasswordLogin {
    login(email: "admin@example.com", password: "nope") {
      __typename
      ... on Error {
        message
      }
    }
  }
`);

const LoginEmailMutation = graphql(`
  mutation LoginEmail($email: String!) {
    login(email: $email, password: "x") {
      __typename
      ... on ValidationError {
        field
      }
    }
  }
`);

/** A snapshot of everything a mutation could change, to prove a refused one changed nothing. */
async function snapshot(t: TestApp) {
  const a = t.app.core.analytics;
  const [contacts, drafts, messages, outbox, history, payments] = await Promise.all([
    a.contact.findMany({ orderBy: { id: 'asc' } }),
    a.draft.findMany({ orderBy: { id: 'asc' } }),
    a.message.count(),
    a.outboxBubble.count(),
    a.statusChange.count(),
    a.ltvPayment.count(),
  ]);
  return JSON.stringify({ contacts, drafts, messages, outbox, history, payments });
}

describe('bad input gets a typed error and changes nothing', () => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let admin: TestClient;
  let reviewer: TestClient;
  let viewer: TestClient;
  let draftId: string;
  let contactId: string;

  beforeAll(async () => {
    const m = await modeEnv('embedded');
    cleanup = m.cleanup;
    t = await startApp(m.env);
    admin = t.as(await t.login());
    await createReviewer(t.app.core.analytics, {
      email: 'rev@example.com',
      password: 'reviewer-pass',
      displayName: 'Rev',
      role: 'REVIEWER',
    });
    await createReviewer(t.app.core.analytics, {
      email: 'view@example.com',
      password: 'viewer-pass',
      displayName: 'View',
      role: 'VIEWER',
    });
    reviewer = t.as(await t.login('rev@example.com', 'reviewer-pass'));
    viewer = t.as(await t.login('view@example.com', 'viewer-pass'));
    const queued = admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await admin.execute(SandboxSendDocument, { input: { telegramUserId: '7001', text: 'hello' } });
    const draft = (await queued.until(() => true)).draftQueued;
    draftId = draft.id;
    contactId = (await admin.execute(DraftQuery, { id: draftId })).data!.draft!.contact.id;
    // The admin holds the draft, as the editor does, so each bad approval is refused for its input alone.
    await admin.execute(ClaimDraftMutation, { id: draftId });
    // The turn's profile extraction runs in the background and marks the draft: done before any snapshot.
    await eventually(
      async () => (await t.app.core.analytics.draft.findUnique({ where: { id: draftId } }))?.extractedAt != null,
      15_000,
      'the profile extraction of the turn',
    );
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  const approve = (input: Partial<ApproveDraftInput>, as = admin) =>
    as.execute(ApproveDraftMutation, { input: { draftId, bubbles: ['ok'], ...input } });

  const cases: Array<[string, () => Promise<Result<Record<string, unknown>>>, string, string | null]> = [
    ['unknown draft id', () => approve({ draftId: UNKNOWN }), 'NotFoundError', null],
    ['malformed draft id', () => approve({ draftId: 'drop table' }), 'NotFoundError', null],
    ['negative LTV', () => approve({ customerStatus: 'CUSTOMER', ltvAmount: '-5' }), 'ValidationError', 'ltvAmount'],
    ['zero LTV', () => approve({ customerStatus: 'CUSTOMER', ltvAmount: '0' }), 'ValidationError', 'ltvAmount'],
    ['malformed LTV', () => approve({ customerStatus: 'CUSTOMER', ltvAmount: '12,5' }), 'ValidationError', 'ltvAmount'],
    [
      'LTV with three decimals',
      () => approve({ customerStatus: 'CUSTOMER', ltvAmount: '1.005' }),
      'ValidationError',
      'ltvAmount',
    ],
    [
      'LTV over the cap',
      () => approve({ customerStatus: 'CUSTOMER', ltvAmount: '1000000.01' }),
      'ValidationError',
      'ltvAmount',
    ],
    [
      'LTV with a non-customer status',
      () => approve({ customerStatus: 'LEAD_QUALIFIED', ltvAmount: '10' }),
      'ValidationError',
      'ltvAmount',
    ],
    ['LTV with no status on a prospect', () => approve({ ltvAmount: '10' }), 'ValidationError', 'ltvAmount'],
    ['a move the funnel forbids', () => approve({ customerStatus: 'CHURNED' }), 'InvalidTransitionError', null],
    ['no bubbles', () => approve({ bubbles: [] }), 'ValidationError', 'bubbles'],
    ['an empty bubble', () => approve({ bubbles: ['fine', '   '] }), 'ValidationError', 'bubbles'],
    ['a 10,000-character bubble', () => approve({ bubbles: [LONG] }), 'ValidationError', 'bubbles'],
    ['10,000-character notes', () => approve({ notes: LONG }), 'ValidationError', 'notes'],
    ['quality score 6', () => approve({ qualityScore: 6 }), 'ValidationError', 'qualityScore'],
    ['a 10,000-character tag', () => approve({ editTags: [LONG] }), 'ValidationError', 'editTags'],
    ['a viewer approving', () => approve({}, viewer), 'FORBIDDEN', null],
    [
      'reject of an unknown draft',
      () => admin.execute(RejectDraftDocument, { input: { draftId: UNKNOWN } }),
      'NotFoundError',
      null,
    ],
    [
      'reject with 10,000-character notes',
      () => admin.execute(RejectDraftDocument, { input: { draftId, notes: LONG } }),
      'ValidationError',
      'notes',
    ],
    ['claim of an unknown draft', () => admin.execute(ClaimDraftMutation, { id: UNKNOWN }), 'NotFoundError', null],
    [
      'status for an unknown contact',
      () => admin.execute(SetCustomerStatusMutation, { input: { contactId: UNKNOWN, status: 'CUSTOMER' } }),
      'NotFoundError',
      null,
    ],
    [
      'status move the funnel forbids',
      () => reviewer.execute(SetCustomerStatusMutation, { input: { contactId, status: 'CHURNED' } }),
      'InvalidTransitionError',
      null,
    ],
    [
      'admin override without a reason',
      () => admin.execute(SetCustomerStatusMutation, { input: { contactId, status: 'CHURNED' } }),
      'InvalidTransitionError',
      null,
    ],
    [
      'LTV with status PROSPECT',
      () => admin.execute(SetCustomerStatusMutation, { input: { contactId, status: 'PROSPECT', ltvAmount: '5' } }),
      'ValidationError',
      'ltvAmount',
    ],
    [
      'a 10,000-character reason',
      () => admin.execute(SetCustomerStatusMutation, { input: { contactId, status: 'CUSTOMER', reason: LONG } }),
      'ValidationError',
      'reason',
    ],
    ['erase of an unknown contact', () => admin.execute(EraseContactDocument, { id: UNKNOWN }), 'NotFoundError', null],
    ['erase by a reviewer', () => reviewer.execute(EraseContactDocument, { id: contactId }), 'FORBIDDEN', null],
    [
      'sandbox send with empty text',
      () => admin.execute(SandboxSendDocument, { input: { telegramUserId: '7001', text: '  ' } }),
      'ValidationError',
      'text',
    ],
    [
      'sandbox send of 10,000 characters',
      () => admin.execute(SandboxSendDocument, { input: { telegramUserId: '7001', text: LONG } }),
      'ValidationError',
      'text',
    ],
    [
      'sandbox send with a non-numeric user id',
      () => admin.execute(SandboxSendDocument, { input: { telegramUserId: 'abc', text: 'hi' } }),
      'ValidationError',
      'telegramUserId',
    ],
    [
      'sandbox send with a 10,000-character name',
      () => admin.execute(SandboxSendDocument, { input: { telegramUserId: '7001', text: 'hi', firstName: LONG } }),
      'ValidationError',
      'firstName',
    ],
    ['approve without auth', () => approve({}, t.anonymous), 'UNAUTHENTICATED', null],
    [
      'status without auth',
      () => t.anonymous.execute(SetCustomerStatusMutation, { input: { contactId, status: 'CUSTOMER' } }),
      'UNAUTHENTICATED',
      null,
    ],
    ['erase without auth', () => t.anonymous.execute(EraseContactDocument, { id: contactId }), 'UNAUTHENTICATED', null],
    ['claim without auth', () => t.anonymous.execute(ClaimDraftMutation, { id: draftId }), 'UNAUTHENTICATED', null],
    ['login with a wrong password', () => t.anonymous.execute(WrongPasswordLoginMutation), 'AuthenticationError', null],
    [
      'login with a 10,000-character email',
      () => t.anonymous.execute(LoginEmailMutation, { email: LONG }),
      'ValidationError',
      'email',
    ],
  ];

  it.each(cases)('%s', async (_name, run, expected, field) => {
    const before = await snapshot(t);
    const result = await run();
    // The mutation's one field (the web app's documents also select the root's __typename).
    const payload = result.data ? Object.entries(result.data).find(([key]) => key !== '__typename')?.[1] : null;
    if (expected === 'UNAUTHENTICATED' || expected === 'FORBIDDEN') {
      expect(result.errors?.[0]?.extensions?.code).toBe(expected);
    } else {
      expect(result.errors).toBeUndefined();
      expect(payload).toHaveProperty('__typename', expected);
      if (field) expect(payload).toHaveProperty('field', field);
      const message = payload instanceof Object && 'message' in payload ? payload.message : undefined;
      if (message) expect(message).not.toMatch(/\n\s+at |prisma|\.ts:\d+/i);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it('a second reviewer cannot take a claimed draft', async () => {
    expect((await admin.execute(ClaimDraftMutation, { id: draftId })).data?.claimDraft.__typename).toBe(
      'ClaimDraftSuccess',
    );
    const before = await snapshot(t);
    const clash = await reviewer.execute(ClaimDraftMutation, { id: draftId });
    expect(clash.data?.claimDraft).toMatchObject({
      __typename: 'ClaimConflictError',
      message: 'This draft is being reviewed by Admin',
    });
    const approveClash = await approve({}, reviewer);
    expect(approveClash.data?.approveDraft.__typename).toBe('ClaimConflictError');
    expect(await snapshot(t)).toBe(before);
  });
});
