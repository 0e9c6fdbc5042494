import { anonymiseAudit, audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import { lockContact } from '../db.js';
import { NotFoundError } from '../errors.js';
import { forgetDaysOf } from '../insights/rollup.js';
import { memoryCacheKey } from '../memory/memory.js';
import { profileCacheKey } from '../profile/read.js';
import { contactChanged } from '../pubsub.js';
import { isId } from '../validate.js';
import { raiseWebhookEvent, sendWebhooks } from '../webhooks/events.js';

/** Long enough to wait for a memory write in flight for the same person (it holds their lock). */
const ERASE_TX_TIMEOUT_MS = 60_000;

/**
 * GDPR erase: the contact, their messages, drafts, funnel history, job failures, memory and rapport, cached
 * memory and queued work. Audit entries about them lose their subject and free text (anonymiseAudit), and one
 * anonymous entry says that an erase happened.
 * It holds the person's lock throughout, as the memory write does, so a write in flight finishes first
 * (and is erased) and none can start after (it finds the draft gone).
 */
export async function eraseContact(
  core: Core,
  contactId: string,
  reviewerId: string,
): Promise<{ contactId: string; drafts: number; messages: number }> {
  if (!isId(contactId)) throw new NotFoundError('Contact', contactId);
  const erased = await core.analytics.$transaction(
    async (tx) => {
      await lockContact(tx, contactId);
      const contact = await tx.contact.findUnique({
        where: { id: contactId },
        include: { drafts: { select: { id: true } }, _count: { select: { messages: true } } },
      });
      if (!contact) throw new NotFoundError('Contact', contactId);
      const draftIds = contact.drafts.map((d) => d.id);
      const subjects = [contactId, ...draftIds];
      // Every rapport table hangs off the profile and cascades from it.
      await core.rapport.userProfile.deleteMany({ where: { contactId } });
      // Summed statistics of the days their drafts touched are dropped, to be summed again without them.
      await forgetDaysOf(tx, draftIds);
      await tx.llmCall.deleteMany({ where: { draftId: { in: draftIds } } });
      await anonymiseAudit(tx, subjects);
      await tx.jobFailure.deleteMany({ where: { subjectId: { in: subjects } } });
      // Events about the person not sent yet are not sent (their data goes), and the log loses them.
      await tx.webhookDelivery.deleteMany({ where: { contactId } });
      await tx.contact.delete({ where: { id: contactId } });
      // The audit line records that an erase happened and by whom, never who the person was.
      await audit(tx, 'contact.erase', {
        actorId: reviewerId,
        detail: { drafts: draftIds.length, messages: contact._count.messages },
      });
      const hooks = await raiseWebhookEvent(core, tx, 'CONTACT_ERASED', { subjectId: contactId, contactId: null });
      return { draftIds, messages: contact._count.messages, hooks };
    },
    { timeout: ERASE_TX_TIMEOUT_MS, maxWait: ERASE_TX_TIMEOUT_MS },
  );
  const { draftIds } = erased;
  // After the commit, so a failed erase changes nothing; a job that ran meanwhile found nothing to do.
  await core.jobs.remove('debounce', { contactId });
  for (const draftId of draftIds) {
    await core.jobs.remove('draft', { draftId });
    await core.jobs.remove('deliver', { draftId });
    await core.jobs.remove('remember', { draftId });
    await core.jobs.remove('extract', { draftId });
  }
  await core.cache.delete(memoryCacheKey(contactId));
  await core.cache.delete(profileCacheKey(contactId));
  core.log.info({ contactId, drafts: draftIds.length }, 'contact erased');
  for (const draftId of draftIds) core.pubsub.publish('draftUpdated', { draftId });
  contactChanged(core.pubsub, contactId);
  await sendWebhooks(core, erased.hooks);
  return { contactId, drafts: draftIds.length, messages: erased.messages };
}
