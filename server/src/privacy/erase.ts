import type { Core } from '../core.js';
import { NotFoundError } from '../errors.js';
import { memoryCacheKey } from '../memory/memory.js';
import { isId } from '../validate.js';

/** GDPR erase: the contact, their messages, drafts, funnel history, memory and rapport, and queued work. */
export async function eraseContact(
  core: Core,
  contactId: string,
  reviewerId: string,
): Promise<{ contactId: string; drafts: number; messages: number }> {
  if (!isId(contactId)) throw new NotFoundError('Contact', contactId);
  const contact = await core.analytics.contact.findUnique({
    where: { id: contactId },
    include: { drafts: { select: { id: true } }, _count: { select: { messages: true } } },
  });
  if (!contact) throw new NotFoundError('Contact', contactId);
  const draftIds = contact.drafts.map((d) => d.id);
  await core.jobs.remove('debounce', { contactId });
  for (const draftId of draftIds) {
    await core.jobs.remove('draft', { draftId });
    await core.jobs.remove('deliver', { draftId });
  }
  await core.rapport.userProfile.deleteMany({ where: { contactId } });
  await core.cache.delete(memoryCacheKey(contactId));
  await core.analytics.$transaction(async (tx) => {
    await tx.llmCall.deleteMany({ where: { draftId: { in: draftIds } } });
    await tx.contact.delete({ where: { id: contactId } });
    // The audit row records that an erase happened, never who the person was.
    await tx.auditEntry.create({
      data: {
        action: 'contact.erase',
        reviewerId,
        subjectId: contactId,
        detail: { drafts: draftIds.length, messages: contact._count.messages },
      },
    });
  });
  core.log.info({ contactId, drafts: draftIds.length }, 'contact erased');
  for (const draftId of draftIds) core.pubsub.publish('draftUpdated', { draftId });
  return { contactId, drafts: draftIds.length, messages: contact._count.messages };
}
