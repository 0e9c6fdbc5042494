import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { ApproveDraftMutation, DeliveriesQuery, QueueIdsQuery } from '../support/documents.js';
import { eventually, type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

/**
 * The approval and its bubbles are committed before the delivery job is queued: a queue that refuses the job
 * does not turn a committed approval into an error, and the delivery sweep schedules the job that was lost.
 */
describe.each(modes)('an approval whose delivery job never reached the queue (%s mode)', (mode) => {
  const app = useApp(mode, { APPROVAL_UNDO_SECONDS: '0' });

  it('is answered as approved, and its reply goes out once the sweep runs', async () => {
    const { t, admin } = app;
    await admin.execute(SandboxSendDocument, { input: { telegramUserId: '7301', text: 'Is it still available?' } });
    const draft = await eventually(
      async () => (await admin.execute(QueueIdsQuery)).data?.reviewQueue.edges[0]?.node,
      20_000,
      'the draft',
    );

    // The queue refuses the next job it is given: Redis (or the job table) unreachable for that moment.
    const { jobs } = t.app.core;
    const schedule = jobs.schedule.bind(jobs);
    let refused = 0;
    jobs.schedule = async () => {
      refused += 1;
      jobs.schedule = schedule;
      throw new Error('queue unreachable');
    };
    const approved = await admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Yes, it is.'], claim: true },
    });
    expect(approved.data?.approveDraft.__typename).toBe('ApproveDraftSuccess');
    expect(refused).toBe(1);

    // Nothing delivers it meanwhile: no job was queued.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const waiting = (await admin.execute(DeliveriesQuery, { id: draft.id })).data?.draft;
    expect(waiting?.status).toBe('APPROVED');
    expect(waiting?.deliveries).toEqual([{ status: 'QUEUED', failureReason: null }]);

    // The sweep (every 30 s, and at start) finds the queued bubble and schedules its delivery.
    await t.app.runner?.reconcile();
    const sent = await eventually(
      async () => {
        const d = (await admin.execute(DeliveriesQuery, { id: draft.id })).data?.draft;
        return d?.deliveries.every((b) => b.status === 'SENT') ? d : null;
      },
      10_000,
      'the reply to go out',
    );
    expect(sent.contact.messages.edges.map((e) => `${e.node.direction}:${e.node.text}`)).toContain(
      'OUTBOUND:Yes, it is.',
    );
  });
});
