import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { Reviewer } from '../../src/db.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { approveDraft } from '../../src/review/review.js';
import { addReviewer, eventually, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const PEOPLE = 200;
const AT_ONCE = 20;
const jitter = () => new Promise((r) => setTimeout(r, Math.random() * 5));

describe.skipIf(!servicesAvailable)('approval racing a new message from the same person (services mode)', () => {
  let core: Core;
  let reviewer: Reviewer;

  useApp('services', {}, async (t) => {
    core = t.app.core;
    reviewer = await addReviewer(t, { email: 'rev@example.com', password: 'long-password', displayName: 'Rev' });
  });

  it(`answers every message exactly once over ${PEOPLE} races of approve against sandboxSend`, async () => {
    const ids = Array.from({ length: PEOPLE }, (_, i) => `${60_000 + i}`);
    for (const id of ids) await sandboxSend(core, { telegramUserId: id, text: `first ${id}` });
    const pending = await eventually(
      async () => {
        const drafts = await core.analytics.draft.findMany({
          where: { status: 'PENDING' },
          select: { id: true, contact: { select: { telegramUserId: true } } },
        });
        return drafts.length === PEOPLE ? drafts : null;
      },
      60_000,
      `${PEOPLE} pending drafts`,
    );
    const draftOf = new Map(pending.map((d) => [d.contact.telegramUserId, d.id]));

    let approved = 0;
    for (let i = 0; i < ids.length; i += AT_ONCE) {
      await Promise.all(
        ids.slice(i, i + AT_ONCE).map(async (id) => {
          // Intake does more work before its transaction than approve does, so approve starts 0 to 5 ms later:
          // the random offset walks the two transactions through their interleavings.
          const [approval] = await Promise.allSettled([
            jitter().then(() =>
              approveDraft(core, { draftId: String(draftOf.get(id)), bubbles: [`reply ${id}`], claim: true }, reviewer),
            ),
            sandboxSend(core, { telegramUserId: id, text: `second ${id}` }),
          ]);
          if (approval.status === 'fulfilled') approved++;
        }),
      );
    }

    // Settled: nothing buffered, nothing being drafted.
    await eventually(
      async () => {
        const [buffered, generating] = await Promise.all([
          core.analytics.message.count({ where: { direction: 'INBOUND', draftId: null } }),
          core.analytics.draft.count({ where: { status: 'GENERATING' } }),
        ]);
        return buffered === 0 && generating === 0;
      },
      60_000,
      'every message to be in a draft',
    );

    const drafts = await core.analytics.draft.findMany({
      where: { status: { in: ['APPROVED', 'PENDING'] } },
      select: { id: true, status: true, inboundText: true, messages: { select: { text: true } } },
    });
    const answeredBy = new Map<string, string[]>();
    for (const d of drafts) {
      for (const line of d.inboundText.split('\n')) answeredBy.set(line, [...(answeredBy.get(line) ?? []), d.id]);
    }
    const inbound = await core.analytics.message.findMany({
      where: { direction: 'INBOUND' },
      select: { text: true, draftId: true, draft: { select: { status: true } } },
    });
    const problems: string[] = [];
    for (const m of inbound) {
      const answers = answeredBy.get(m.text) ?? [];
      if (answers.length !== 1) problems.push(`"${m.text}" is in ${answers.length} approved or pending drafts`);
      else if (m.draftId !== answers[0]) problems.push(`"${m.text}" is answered by one draft but linked to another`);
      if (m.draft?.status !== 'APPROVED' && m.draft?.status !== 'PENDING') {
        problems.push(`"${m.text}" is linked to a ${m.draft?.status ?? 'missing'} draft`);
      }
    }
    expect(inbound).toHaveLength(2 * PEOPLE);
    expect(problems).toEqual([]);
    // Most approvals win their race; the rest were superseded first, which is allowed.
    expect(approved).toBeGreaterThan(0);
  }, 240_000);
});
