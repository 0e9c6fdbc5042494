import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { CustomerStatus, Reviewer } from '../../src/db.js';
import { type FunnelOutcome, setCustomerStatus } from '../../src/funnel/apply.js';
import { approveDraft } from '../../src/review/review.js';
import { addReviewer, type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const ITERATIONS = 100;

/** Moves that are each allowed from some status, so their order decides which succeed. */
const CHANGES: Array<{ status: CustomerStatus; ltvAmount?: string }> = [
  { status: 'CUSTOMER', ltvAmount: '10.00' },
  { status: 'LEAD_QUALIFIED' },
  { status: 'CHURNED' },
  { status: 'CUSTOMER', ltvAmount: '7.50' },
  { status: 'LEAD_EXHAUSTED' },
  { status: 'CHURNED' },
  { status: 'CUSTOMER', ltvAmount: '1.25' },
];

type Step = { from: CustomerStatus; to: CustomerStatus };

/** True when every step can be laid end to end, starting at `start` and ending at `end` (a small search). */
export function formsOneChain(steps: Step[], start: CustomerStatus, end: CustomerStatus): boolean {
  const used = new Array<boolean>(steps.length).fill(false);
  const walk = (at: CustomerStatus, left: number): boolean => {
    if (left === 0) return at === end;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (used[i] || step?.from !== at) continue;
      used[i] = true;
      if (walk(step.to, left - 1)) return true;
      used[i] = false;
    }
    return false;
  };
  return walk(start, steps.length);
}

for (const mode of ['embedded', 'services'] as Mode[]) {
  describe.skipIf(mode === 'services' && !servicesAvailable)(`funnel changes on one contact (${mode})`, () => {
    let core: Core;
    let reviewer: Reviewer;

    useApp(mode, {}, async (t) => {
      core = t.app.core;
      reviewer = await addReviewer(t, { email: 'rev@example.com', password: 'long-password', displayName: 'Rev' });
    });

    it(`form one chain of history, with a ledger that matches the status, over ${ITERATIONS} rounds of 8 parallel changes`, async () => {
      const broken: string[] = [];
      for (let round = 0; round < ITERATIONS; round++) {
        const contact = await core.analytics.contact.create({
          data: { account: 'sandbox', telegramUserId: `${50_000 + round}`, displayName: `Round ${round}` },
        });
        const draft = await core.analytics.draft.create({
          data: {
            contactId: contact.id,
            status: 'CLAIMED',
            inboundText: 'I will take it',
            bubbles: ['Great!'],
            claimedById: reviewer.id,
            claimedAt: new Date(),
            claimExpiresAt: new Date(Date.now() + 60_000),
          },
        });
        const results = await Promise.allSettled<FunnelOutcome>([
          approveDraft(
            core,
            { draftId: draft.id, bubbles: ['Great!'], customerStatus: 'CUSTOMER', ltvAmount: '20.00' },
            reviewer,
          ).then((r) => r.funnel),
          ...CHANGES.map((c) => setCustomerStatus(core, { contactId: contact.id, ...c }, reviewer)),
        ]);
        const done = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        const [after, history, payments] = await Promise.all([
          core.analytics.contact.findUniqueOrThrow({ where: { id: contact.id } }),
          core.analytics.statusChange.findMany({ where: { contactId: contact.id } }),
          core.analytics.ltvPayment.findMany({ where: { contactId: contact.id } }),
        ]);
        const paid = payments.reduce((sum, p) => sum + Math.round(Number(p.amount) * 100), 0);
        const reported = done.reduce((sum, r) => sum + Math.round(Number(r.ltvAdded ?? 0) * 100), 0);
        const problems = [
          !formsOneChain(
            history.map((h) => ({ from: h.fromStatus, to: h.toStatus })),
            'PROSPECT',
            after.customerStatus,
          ) && 'status history is not one chain',
          !formsOneChain(
            done.map((r) => ({ from: r.previousStatus, to: r.newStatus })),
            'PROSPECT',
            after.customerStatus,
          ) && 'the results do not follow one another',
          paid !== Math.round(Number(after.ltvTotal) * 100) && `ledger ${paid} ≠ total ${after.ltvTotal}`,
          paid !== reported && `ledger ${paid} ≠ reported payments ${reported}`,
          done.some((r) => r.ltvAdded !== null && r.newStatus !== 'CUSTOMER') && 'a payment beside a non-customer',
        ].filter(Boolean);
        if (problems.length > 0) broken.push(`round ${round}: ${problems.join('; ')}`);
      }
      expect(broken).toEqual([]);
    }, 180_000);
  });
}
