import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewer } from '../../src/auth/auth.js';
import {
  APPROVE,
  CLAIM,
  CONTACT,
  DRAFT,
  DRAFT_QUEUED,
  ERASE,
  REJECT,
  SANDBOX_SEND,
  SET_STATUS,
} from '../support/documents.js';
import { collect, modeEnv, startApp, type TestApp } from '../support/harness.js';

const LONG = 'x'.repeat(10_000);
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

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
  let admin: string;
  let reviewer: string;
  let viewer: string;
  let draftId: string;
  let contactId: string;

  beforeAll(async () => {
    const m = await modeEnv('embedded');
    cleanup = m.cleanup;
    t = await startApp(m.env);
    admin = await t.login();
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
    reviewer = await t.login('rev@example.com', 'reviewer-pass');
    viewer = await t.login('view@example.com', 'viewer-pass');
    const queued = collect(t.ws(admin), DRAFT_QUEUED);
    await new Promise((r) => setTimeout(r, 200));
    await t.gql(SANDBOX_SEND, { input: { telegramUserId: '7001', text: 'hello' } }, admin);
    const draft = (await queued.until(() => true)).draftQueued;
    draftId = draft.id;
    contactId = (await t.gql(DRAFT, { id: draftId }, admin)).data.draft.contact.id;
  });
  afterAll(async () => {
    await t?.stop();
    await cleanup?.();
  });

  const approve = (input: Record<string, unknown>, token = admin) =>
    t.gql(APPROVE, { input: { draftId, bubbles: ['ok'], ...input } }, token);

  const cases: Array<[string, () => Promise<any>, string, string | null]> = [
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
    ['reject of an unknown draft', () => t.gql(REJECT, { input: { draftId: UNKNOWN } }, admin), 'NotFoundError', null],
    [
      'reject with 10,000-character notes',
      () => t.gql(REJECT, { input: { draftId, notes: LONG } }, admin),
      'ValidationError',
      'notes',
    ],
    ['claim of an unknown draft', () => t.gql(CLAIM, { id: UNKNOWN }, admin), 'NotFoundError', null],
    [
      'status for an unknown contact',
      () => t.gql(SET_STATUS, { input: { contactId: UNKNOWN, status: 'CUSTOMER' } }, admin),
      'NotFoundError',
      null,
    ],
    [
      'status move the funnel forbids',
      () => t.gql(SET_STATUS, { input: { contactId, status: 'CHURNED' } }, reviewer),
      'InvalidTransitionError',
      null,
    ],
    [
      'admin override without a reason',
      () => t.gql(SET_STATUS, { input: { contactId, status: 'CHURNED' } }, admin),
      'InvalidTransitionError',
      null,
    ],
    [
      'LTV with status PROSPECT',
      () => t.gql(SET_STATUS, { input: { contactId, status: 'PROSPECT', ltvAmount: '5' } }, admin),
      'ValidationError',
      'ltvAmount',
    ],
    [
      'a 10,000-character reason',
      () => t.gql(SET_STATUS, { input: { contactId, status: 'CUSTOMER', reason: LONG } }, admin),
      'ValidationError',
      'reason',
    ],
    ['erase of an unknown contact', () => t.gql(ERASE, { id: UNKNOWN }, admin), 'NotFoundError', null],
    ['erase by a reviewer', () => t.gql(ERASE, { id: contactId }, reviewer), 'FORBIDDEN', null],
    [
      'sandbox send with empty text',
      () => t.gql(SANDBOX_SEND, { input: { telegramUserId: '7001', text: '  ' } }, admin),
      'ValidationError',
      'text',
    ],
    [
      'sandbox send of 10,000 characters',
      () => t.gql(SANDBOX_SEND, { input: { telegramUserId: '7001', text: LONG } }, admin),
      'ValidationError',
      'text',
    ],
    [
      'sandbox send with a non-numeric user id',
      () => t.gql(SANDBOX_SEND, { input: { telegramUserId: 'abc', text: 'hi' } }, admin),
      'ValidationError',
      'telegramUserId',
    ],
    [
      'sandbox send with a 10,000-character name',
      () => t.gql(SANDBOX_SEND, { input: { telegramUserId: '7001', text: 'hi', firstName: LONG } }, admin),
      'ValidationError',
      'firstName',
    ],
    ['approve without auth', () => approve({}, ''), 'UNAUTHENTICATED', null],
    [
      'status without auth',
      () => t.gql(SET_STATUS, { input: { contactId, status: 'CUSTOMER' } }),
      'UNAUTHENTICATED',
      null,
    ],
    ['erase without auth', () => t.gql(ERASE, { id: contactId }), 'UNAUTHENTICATED', null],
    ['claim without auth', () => t.gql(CLAIM, { id: draftId }), 'UNAUTHENTICATED', null],
    [
      'login with a wrong password',
      () =>
        t.gql(
          'mutation { login(email: "admin@example.com", password: "nope") { __typename ... on Error { message } } }',
        ),
      'AuthenticationError',
      null,
    ],
    [
      'login with a 10,000-character email',
      () =>
        t.gql(`mutation { login(email: "${LONG}", password: "x") { __typename ... on ValidationError { field } } }`),
      'ValidationError',
      'email',
    ],
  ];

  it.each(cases)('%s', async (_name, run, expected, field) => {
    const before = await snapshot(t);
    const result = await run();
    const payload = result.data ? Object.values(result.data)[0] : null;
    if (expected === 'UNAUTHENTICATED' || expected === 'FORBIDDEN') {
      expect(result.errors?.[0]?.extensions?.code).toBe(expected);
    } else {
      expect(result.errors).toBeUndefined();
      expect((payload as any).__typename).toBe(expected);
      if (field) expect((payload as any).field).toBe(field);
      if ((payload as any).message) expect((payload as any).message).not.toMatch(/\n\s+at |prisma|\.ts:\d+/i);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it('a second reviewer cannot take a claimed draft', async () => {
    expect((await t.gql(CLAIM, { id: draftId }, admin)).data.claimDraft.__typename).toBe('ClaimDraftSuccess');
    const before = await snapshot(t);
    const clash = await t.gql(CLAIM, { id: draftId }, reviewer);
    expect(clash.data.claimDraft).toMatchObject({
      __typename: 'ClaimConflictError',
      message: 'This draft is being reviewed by Admin',
    });
    const approveClash = await approve({}, reviewer);
    expect(approveClash.data.approveDraft.__typename).toBe('ClaimConflictError');
    expect(await snapshot(t)).toBe(before);
  });

  it('an admin override with a reason is allowed and audited', async () => {
    const result = await t.gql(
      SET_STATUS,
      { input: { contactId, status: 'CHURNED', reason: 'refund issued off-platform' } },
      admin,
    );
    expect(result.data.setCustomerStatus).toMatchObject({
      previousStatus: 'PROSPECT',
      newStatus: 'CHURNED',
      ltvTotal: '0.00',
    });
    const contact = await t.gql(CONTACT, { id: contactId }, admin);
    expect(contact.data.contact.statusHistory).toEqual([
      { fromStatus: 'PROSPECT', toStatus: 'CHURNED', override: true, reason: 'refund issued off-platform' },
    ]);
    expect(
      await t.app.core.analytics.auditEntry.count({ where: { action: 'funnel.override', subjectId: contactId } }),
    ).toBe(1);
  });
});
