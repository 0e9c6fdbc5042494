import type { Core } from '../core.js';
import type { Reviewer } from '../db.js';
import { NotFoundError } from '../errors.js';
import type { DraftViewers, Viewer } from '../ports.js';
import { isId } from '../validate.js';

/** How often each API process looks for viewers whose time ran out: a few times per TTL, at most every 2 s. */
export function sweepIntervalMs(core: Core): number {
  return Math.min(2000, Math.max(200, (core.config.PRESENCE_TTL_SECONDS * 1000) / 5));
}

const byName = (a: Viewer, b: Viewer) =>
  a.displayName.localeCompare(b.displayName) || a.reviewerId.localeCompare(b.reviewerId);

/** Tells every process's subscribers who has the draft open now; they resolve from this payload alone. */
function announce(core: Core, draftId: string, viewers: Viewer[]): void {
  core.pubsub.publish('draftPresence', { draftId, viewers: [...viewers].sort(byName) });
}

/**
 * The web app's heartbeat while a draft is open: the reviewer shows on the draft until PRESENCE_TTL_SECONDS
 * after the last one. Announced only when it changes what others see (someone new, or editing started or
 * stopped), so heartbeats cost one store round trip each and no events.
 */
export async function touchPresence(
  core: Core,
  draftId: string,
  reviewer: Reviewer,
  editing: boolean,
): Promise<{ ttlSeconds: number }> {
  if (!isId(draftId)) throw new NotFoundError('Draft', draftId);
  // A viewer cannot claim, so never shows as editing.
  const viewer = {
    reviewerId: reviewer.id,
    displayName: reviewer.displayName,
    editing: editing && reviewer.role !== 'VIEWER',
  };
  const ttlMs = core.config.PRESENCE_TTL_SECONDS * 1000;
  const viewers = await core.presence.touch(draftId, viewer, ttlMs);
  if (viewers) announce(core, draftId, viewers);
  return { ttlSeconds: core.config.PRESENCE_TTL_SECONDS };
}

/** The reviewer closed the draft: gone at once rather than when the TTL runs out. */
export async function leavePresence(core: Core, draftId: string, reviewer: Reviewer): Promise<void> {
  if (!isId(draftId)) throw new NotFoundError('Draft', draftId);
  const viewers = await core.presence.leave(draftId, reviewer.id);
  if (viewers) announce(core, draftId, viewers);
}

/** Every draft someone has open now, for a page that starts listening. */
export async function listPresence(core: Core): Promise<DraftViewers[]> {
  const drafts = await core.presence.list();
  return drafts.map(({ draftId, viewers }) => ({ draftId, viewers: [...viewers].sort(byName) }));
}

/** Removes viewers whose heartbeats stopped (a closed tab, a lost network) and announces each draft once. */
export async function sweepPresence(core: Core): Promise<void> {
  for (const { draftId, viewers } of await core.presence.sweep()) announce(core, draftId, viewers);
}
