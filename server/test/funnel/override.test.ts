import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { ContactQuery, DraftQuery, DraftQueuedSubscription, SetCustomerStatusMutation } from '../support/documents.js';
import { useApp } from '../support/harness.js';

describe('admin overrides of the funnel', () => {
  const app = useApp('embedded');

  /** A new person who wrote once: a PROSPECT with one pending draft. */
  async function prospect(telegramUserId: string): Promise<string> {
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await app.admin.execute(SandboxSendDocument, { input: { telegramUserId, text: 'hello' } });
    const draft = (await queued.until((e) => e.draftQueued.contact.telegramUserId === telegramUserId)).draftQueued;
    return (await app.admin.execute(DraftQuery, { id: draft.id })).data!.draft!.contact.id;
  }

  it('an admin override with a reason is allowed and audited', async () => {
    const contactId = await prospect('7101');
    const result = await app.admin.execute(SetCustomerStatusMutation, {
      input: { contactId, status: 'CHURNED', reason: 'refund issued off-platform' },
    });
    expect(result.data?.setCustomerStatus).toMatchObject({
      previousStatus: 'PROSPECT',
      newStatus: 'CHURNED',
      ltvTotal: '0.00',
    });
    const contact = await app.admin.execute(ContactQuery, { id: contactId });
    expect(contact.data?.contact?.statusHistory).toEqual([
      { fromStatus: 'PROSPECT', toStatus: 'CHURNED', override: true, reason: 'refund issued off-platform' },
    ]);
    expect(
      await app.t.app.core.analytics.auditEntry.count({ where: { action: 'funnel.override', subjectId: contactId } }),
    ).toBe(1);
  });
});
