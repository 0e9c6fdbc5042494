/**
 * The measures against a scenario computed by hand: four drafts decided on one day by two reviewers (two
 * approved unchanged, one approved after an edit, one rejected), with known queue, claim and decision times
 * and known LLM calls. The day is read once from its summed rows (a settled day) and once live (a range that
 * starts and ends inside the day); an erase then takes one person's decision out of both.
 */
import { describe, expect, it } from 'vitest';
import {
  ClaimDraftDocument,
  EraseContactDocument,
  InsightsFunnelDocument,
  QueueStatsDocument,
  RejectDraftDocument,
  SandboxSendDocument,
} from '../../../client/src/gql/graphql.js';
import type { Core } from '../../src/core.js';
import { graphql } from '../gql/index.js';
import { ApproveDraftMutation } from '../support/documents.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { addReviewer, eventually, type Mode, SECOND, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const ReviewStatsQuery = graphql(`
  query ReviewStatsScenario($from: DateTime, $to: DateTime, $reviewerId: ID) {
    reviewStats(from: $from, to: $to, reviewerId: $reviewerId) {
      ...Measures
      byReviewer {
        reviewer {
          email
        }
        ...Measures
      }
      daily {
        day
        ...Measures
      }
    }
  }
  fragment Measures on ReviewMeasures {
    decided
    approved
    rejected
    edited
    approvalRate
    editedShare
    meanEditDistance
    medianReviewSeconds
    p90ReviewSeconds
    medianWaitSeconds
    llmCalls
    llmTokens
    llmCostUsd
    messagesPerDraft
  }
`);

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

const DAY_MS = 86_400_000;
/** The scenario's day: three days ago, so it is settled and summed. */
const DAY = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS;
const at = (hms: string) => new Date(DAY + Date.parse(`1970-01-01T${hms}Z`));
const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** D3's suggestion and the edit that was sent: "9." became "10.", two edits over 23 characters. */
const SUGGESTED = ['We open at 9.', 'See you!'];
const EDITED = ['We open at 10.', 'See you!'];

async function pendingDraft(core: Core, admin: TestClient, telegramUserId: string, texts: string[]) {
  for (const text of texts) await admin.execute(SandboxSendDocument, { input: { telegramUserId, text } });
  return eventually(
    () =>
      core.analytics.draft.findFirst({
        where: { contact: { telegramUserId }, status: 'PENDING' },
        include: { _count: { select: { messages: true } } },
      }),
    15_000,
    `a pending draft for ${telegramUserId}`,
  );
}

describe.each(modes)('review and funnel statistics against a hand-computed day (%s mode)', (mode) => {
  const app = useApp(mode, {}, addReviewer);

  it('match by hand, summed and live, per reviewer and per day; an erase takes a decision out', async () => {
    const { t, admin } = app;
    const core = t.app.core;
    const ben = t.as(await t.login(SECOND.email, SECOND.password));
    const benId = (await core.analytics.reviewer.findUniqueOrThrow({ where: { email: SECOND.email } })).id;

    const [d1, d2, d3, d4] = await Promise.all([
      pendingDraft(core, admin, '7001', ['Hello', 'are you open today?']),
      pendingDraft(core, admin, '7002', ['Hi']),
      pendingDraft(core, admin, '7003', ['When do you open?']),
      pendingDraft(core, admin, '7004', ['Spam']),
    ]);
    expect(d1._count.messages).toBe(2);
    await core.analytics.draft.update({ where: { id: d3.id }, data: { bubbles: SUGGESTED } });

    const approve = async (who: TestClient, id: string, bubbles: string[], extra = {}) => {
      expectTypename((await who.execute(ClaimDraftDocument, { id })).data!.claimDraft, 'ClaimDraftSuccess');
      const result = await who.execute(ApproveDraftMutation, { input: { draftId: id, bubbles, ...extra } });
      expectTypename(result.data!.approveDraft, 'ApproveDraftSuccess');
    };
    await approve(admin, d1.id, d1.bubbles);
    await approve(ben, d2.id, d2.bubbles);
    // Ben claims D3 first and lets it go; the admin decides it, turning the person into a customer.
    expectTypename((await ben.execute(ClaimDraftDocument, { id: d3.id })).data!.claimDraft, 'ClaimDraftSuccess');
    await core.analytics.draft.update({ where: { id: d3.id }, data: { claimExpiresAt: new Date(Date.now() - 1) } });
    await approve(admin, d3.id, EDITED, { customerStatus: 'CUSTOMER', ltvAmount: '120.50' });
    expectTypename((await ben.execute(ClaimDraftDocument, { id: d4.id })).data!.claimDraft, 'ClaimDraftSuccess');
    const rejected = await ben.execute(RejectDraftDocument, { input: { draftId: d4.id, notes: 'spam' } });
    expectTypename(rejected.data!.rejectDraft, 'RejectDraftSuccess');

    const d3Row = await core.analytics.draft.findUniqueOrThrow({ where: { id: d3.id } });
    expect(d3Row.editDistance).toBeCloseTo(2 / 23, 12);
    expect(d3Row.firstClaimedAt!.getTime()).toBeLessThan(d3Row.claimedAt!.getTime());

    // The times by hand. review = decision - deciding claim; wait = pending - first claim.
    const times = [
      { id: d1.id, pendingAt: '10:00:00', firstClaimedAt: '10:00:30', claimedAt: '10:00:30', reviewedAt: '10:01:00' },
      { id: d2.id, pendingAt: '10:00:00', firstClaimedAt: '10:01:00', claimedAt: '10:01:00', reviewedAt: '10:02:00' },
      { id: d3.id, pendingAt: '11:00:00', firstClaimedAt: '11:02:00', claimedAt: '11:05:00', reviewedAt: '11:09:00' },
      { id: d4.id, pendingAt: '12:00:00', firstClaimedAt: '12:10:00', claimedAt: '12:10:00', reviewedAt: '12:10:10' },
    ];
    for (const { id, ...rest } of times) {
      const data = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, at(v)]));
      await core.analytics.draft.update({ where: { id }, data });
    }
    await core.analytics.statusChange.updateMany({ data: { createdAt: at('11:09:00') } });
    await core.analytics.ltvPayment.updateMany({ data: { createdAt: at('11:09:00') } });
    const call = (draftId: string | null, inputTokens: number, outputTokens: number, costUsd: string) => ({
      draftId,
      stage: 'draft',
      model: 'gpt-4o-mini',
      inputTokens,
      outputTokens,
      costUsd,
      createdAt: at('09:59:00'),
    });
    await core.analytics.llmCall.createMany({
      data: [
        call(d1.id, 100, 20, '0.001000'),
        call(d1.id, 50, 10, '0.000500'),
        call(d2.id, 80, 20, '0.000800'),
        call(d3.id, 200, 40, '0.002000'),
        call(d4.id, 60, 15, '0.000600'),
        // A call whose draft is gone: it counts in the day's spend and in no reviewer's.
        call(null, 10, 5, '0.000100'),
      ],
    });

    const everyone = {
      decided: 4,
      approved: 3,
      rejected: 1,
      edited: 1,
      approvalRate: 0.75,
      editedShare: 1 / 3,
      meanEditDistance: 2 / 69,
      medianReviewSeconds: 45, // of 10, 30, 60, 240
      p90ReviewSeconds: 186, // 60 + 0.7 × (240 - 60)
      medianWaitSeconds: 90, // of 30, 60, 120, 600
      llmCalls: 6,
      llmTokens: 610,
      llmCostUsd: '0.005000',
      messagesPerDraft: 4 / 3,
    };
    const byAdmin = {
      decided: 2,
      approved: 2,
      rejected: 0,
      edited: 1,
      approvalRate: 1,
      editedShare: 0.5,
      meanEditDistance: 1 / 23,
      medianReviewSeconds: 135, // of 30, 240
      p90ReviewSeconds: 219,
      medianWaitSeconds: 75, // of 30, 120
      llmCalls: 3,
      llmTokens: 420,
      llmCostUsd: '0.003500',
      messagesPerDraft: 1.5,
    };
    const byBen = {
      decided: 2,
      approved: 1,
      rejected: 1,
      edited: 0,
      approvalRate: 0.5,
      editedShare: 0,
      meanEditDistance: 0,
      medianReviewSeconds: 35, // of 10, 60
      p90ReviewSeconds: 55,
      medianWaitSeconds: 330, // of 60, 600
      llmCalls: 2,
      llmTokens: 175,
      llmCostUsd: '0.001400',
      messagesPerDraft: 1,
    };
    const nothing = {
      decided: 0,
      approved: 0,
      rejected: 0,
      edited: 0,
      approvalRate: null,
      editedShare: null,
      meanEditDistance: null,
      medianReviewSeconds: null,
      p90ReviewSeconds: null,
      medianWaitSeconds: null,
      llmCalls: 0,
      llmTokens: 0,
      llmCostUsd: '0.000000',
      messagesPerDraft: null,
    };
    // Counts compare exactly; rates, means and percentiles to 9 decimals.
    const counts = new Set(['decided', 'approved', 'rejected', 'edited', 'llmCalls', 'llmTokens']);
    const close = (measures: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(measures).map(([k, v]) => [
          k,
          typeof v === 'number' && !counts.has(k) ? expect.closeTo(v, 9) : v,
        ]),
      );

    const settled = { from: new Date(DAY - DAY_MS).toISOString(), to: new Date(DAY + 2 * DAY_MS).toISOString() };
    const inside = { from: at('09:00:00').toISOString(), to: at('13:00:00').toISOString() };
    for (const range of [settled, inside, settled]) {
      const stats = (await admin.execute(ReviewStatsQuery, range)).data!.reviewStats;
      expect(stats).toMatchObject(close(everyone));
      expect(stats.byReviewer).toEqual([
        { reviewer: { email: 'admin@example.com' }, ...close(byAdmin) },
        { reviewer: { email: SECOND.email }, ...close(byBen) },
      ]);
      if (range === settled) {
        expect(stats.daily.map((d) => d.day)).toEqual([
          dayString(DAY - DAY_MS),
          dayString(DAY),
          dayString(DAY + DAY_MS),
        ]);
        expect(stats.daily[0]).toMatchObject(nothing);
        expect(stats.daily[1]).toMatchObject(close(everyone));
        expect(stats.daily[2]).toMatchObject(nothing);
      } else {
        expect(stats.daily).toHaveLength(1);
        expect(stats.daily[0]).toMatchObject({ day: dayString(DAY), ...close(everyone) });
      }
    }
    const summed = await core.analytics.reviewDay.count();
    expect(summed).toBe(2);

    // One reviewer: every measure is theirs, LLM spend included.
    const onlyBen = (await admin.execute(ReviewStatsQuery, { ...settled, reviewerId: benId })).data!.reviewStats;
    expect(onlyBen).toMatchObject(close(byBen));
    expect(onlyBen.daily[1]).toMatchObject(close(byBen));
    // A reviewer sees their own row, and may not ask for someone else's.
    const asBen = (await ben.execute(ReviewStatsQuery, settled)).data!.reviewStats;
    expect(asBen).toMatchObject(close(everyone));
    expect(asBen.byReviewer).toEqual([{ reviewer: { email: SECOND.email }, ...close(byBen) }]);
    const adminId = (await core.analytics.reviewer.findUniqueOrThrow({ where: { email: 'admin@example.com' } })).id;
    const refused = await ben.execute(ReviewStatsQuery, { ...settled, reviewerId: adminId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await admin.execute(ReviewStatsQuery, { from: settled.to, to: settled.from });
    expect(backwards.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'from' } });

    const funnel = (await admin.execute(InsightsFunnelDocument, settled)).data!.funnelStats;
    expect(funnel).toEqual({
      __typename: 'FunnelStats',
      from: settled.from,
      to: settled.to,
      byStatus: [
        { __typename: 'StatusCount', status: 'PROSPECT', contacts: 3 },
        { __typename: 'StatusCount', status: 'LEAD_QUALIFIED', contacts: 0 },
        { __typename: 'StatusCount', status: 'CUSTOMER', contacts: 1 },
        { __typename: 'StatusCount', status: 'CHURNED', contacts: 0 },
        { __typename: 'StatusCount', status: 'LEAD_EXHAUSTED', contacts: 0 },
      ],
      transitions: [{ __typename: 'StatusTransition', from: 'PROSPECT', to: 'CUSTOMER', count: 1, overrides: 0 }],
      ltvAdded: '120.50',
      ltvTotal: '120.50',
      daily: [
        { __typename: 'FunnelDay', day: dayString(DAY - DAY_MS), newCustomers: 0, winBacks: 0, ltvAdded: '0.00' },
        { __typename: 'FunnelDay', day: dayString(DAY), newCustomers: 1, winBacks: 0, ltvAdded: '120.50' },
        { __typename: 'FunnelDay', day: dayString(DAY + DAY_MS), newCustomers: 0, winBacks: 0, ltvAdded: '0.00' },
      ],
    });

    // Erasing D1's person drops their decision, messages and LLM calls from the summed day too.
    const erased = await admin.execute(EraseContactDocument, { id: d1.contactId });
    expectTypename(erased.data!.eraseContact, 'EraseContactSuccess');
    const after = (await admin.execute(ReviewStatsQuery, settled)).data!.reviewStats;
    expect(after).toMatchObject({
      decided: 3,
      approved: 2,
      messagesPerDraft: 1,
      medianReviewSeconds: 60, // of 10, 60, 240
      llmCalls: 4,
      llmCostUsd: '0.003500',
    });
  });

  it('the queue header: drafts waiting now, and the median wait of the drafts first claimed in the last hour', async () => {
    const { t, admin } = app;
    const core = t.app.core;
    const [claimed, waiting] = await Promise.all([
      pendingDraft(core, admin, '7101', ['Is anyone there?']),
      pendingDraft(core, admin, '7102', ['Hello?']),
    ]);
    expectTypename((await admin.execute(ClaimDraftDocument, { id: claimed.id })).data!.claimDraft, 'ClaimDraftSuccess');
    const now = Date.now();
    await core.analytics.draft.update({
      where: { id: claimed.id },
      data: { pendingAt: new Date(now - 90_000), firstClaimedAt: new Date(now - 30_000) },
    });
    const queue = (await admin.execute(QueueStatsDocument)).data!.queueStats;
    const oldest = await core.analytics.draft.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(queue).toEqual({
      __typename: 'QueueStats',
      pending: 1,
      oldestPendingAt: oldest.pendingAt!.toISOString(),
      claimedLastHour: 1,
      medianWaitSeconds: 60,
    });
  });
});
