import type { Core } from '../core.js';
import type { AnalyticsClient, AnalyticsTx } from '../db.js';

export interface BufferState {
  count: number;
  firstAt: Date;
  lastAt: Date;
}

/** When the buffered burst should become a draft: the window restarts per message but is capped. */
export function flushDeadline(
  state: BufferState,
  now: Date,
  opts: { delayS: number; maxWaitS: number; maxBatch: number },
): Date {
  if (state.count >= opts.maxBatch) return now;
  const restart = Math.max(state.lastAt.getTime(), now.getTime()) + opts.delayS * 1000;
  const cap = state.firstAt.getTime() + opts.maxWaitS * 1000;
  return new Date(Math.min(restart, cap));
}

export async function bufferState(db: AnalyticsClient | AnalyticsTx, contactId: string): Promise<BufferState | null> {
  const agg = await db.message.aggregate({
    where: { contactId, direction: 'INBOUND', draftId: null },
    _count: { _all: true },
    _min: { bufferedAt: true },
    _max: { bufferedAt: true },
  });
  if (agg._count._all === 0 || !agg._min.bufferedAt || !agg._max.bufferedAt) return null;
  // A burst starts when its first message joined the buffer, even one returned by a supersede.
  return { count: agg._count._all, firstAt: agg._min.bufferedAt, lastAt: agg._max.bufferedAt };
}

/**
 * When a person's buffer is due, or null when nothing is buffered. `db` is a transaction when the caller
 * has just written the buffer (intake reads it in the same transaction).
 */
export async function flushAt(
  core: Core,
  contactId: string,
  now = new Date(),
  typing = false,
  db: AnalyticsClient | AnalyticsTx = core.analytics,
): Promise<Date | null> {
  const state = await bufferState(db, contactId);
  if (!state) return null;
  if (typing) state.lastAt = now;
  const c = core.config;
  return flushDeadline(state, now, {
    delayS: c.TYPING_DEBOUNCE_DELAY,
    maxWaitS: c.DEBOUNCE_MAX_WAIT,
    maxBatch: c.DEBOUNCE_MAX_BATCH,
  });
}

/** (Re)schedules the flush of a person's buffer; the state lives in the database, so it survives restarts. */
export async function scheduleFlush(
  core: Core,
  contactId: string,
  now = new Date(),
  typing = false,
): Promise<Date | null> {
  const at = await flushAt(core, contactId, now, typing);
  if (at) await core.jobs.schedule('debounce', { contactId }, at);
  return at;
}

/** After a crash: every person with buffered messages gets a flush, leaving pending windows as they are. */
export async function reconcileBuffers(core: Core): Promise<void> {
  // GROUP BY in the database (Prisma's `distinct` would fetch every row): served by the draftId index.
  const buffered = await core.analytics.message.groupBy({
    by: ['contactId'],
    where: { direction: 'INBOUND', draftId: null },
  });
  for (const { contactId } of buffered) {
    const at = await flushAt(core, contactId);
    if (at) await core.jobs.enqueue('debounce', { contactId }, at);
  }
}
