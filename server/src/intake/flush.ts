import type { Core } from '../core.js';
import { lockContact } from '../db.js';
import { scheduleFlush } from './debounce.js';

/**
 * Turns a person's buffered messages into one GENERATING draft, atomically: each message is
 * answered by exactly one live draft. Safe to run twice.
 */
export async function flushBuffer(core: Core, contactId: string): Promise<string | null> {
  const draftId = await core.analytics.$transaction(async (tx) => {
    await lockContact(tx, contactId);
    const buffered = await tx.message.findMany({
      where: { contactId, direction: 'INBOUND', draftId: null },
      orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }],
      take: core.config.DEBOUNCE_MAX_BATCH,
      select: { id: true, text: true },
    });
    if (buffered.length === 0) return null;
    const draft = await tx.draft.create({
      data: { contactId, status: 'GENERATING', inboundText: buffered.map((m) => m.text).join('\n') },
    });
    const linked = await tx.message.updateMany({
      where: { id: { in: buffered.map((m) => m.id) }, draftId: null },
      data: { draftId: draft.id },
    });
    if (linked.count !== buffered.length) throw new Error('buffer changed while flushing; retrying');
    return draft.id;
  });
  if (!draftId) return null;
  core.log.info({ draftId, contactId }, 'burst folded into a draft');
  await core.jobs.enqueue('draft', { draftId });
  // More than DEBOUNCE_MAX_BATCH messages were waiting: the rest form the next batch.
  await scheduleFlush(core, contactId);
  return draftId;
}
