import type { DraftViewers, PresenceStore, Viewer } from '../../ports.js';

type Entry = { viewer: Viewer; expiresAt: number };

/** Embedded mode: the drafts open in this one process's web app sessions. */
export class MemoryPresence implements PresenceStore {
  private readonly drafts = new Map<string, Map<string, Entry>>();

  constructor(private readonly now: () => number = Date.now) {}

  async touch(draftId: string, viewer: Viewer, ttlMs: number): Promise<Viewer[] | null> {
    const now = this.now();
    const entries = this.drafts.get(draftId) ?? new Map<string, Entry>();
    this.drafts.set(draftId, entries);
    const old = entries.get(viewer.reviewerId);
    entries.set(viewer.reviewerId, { viewer: { ...viewer }, expiresAt: now + ttlMs });
    const same = old && old.expiresAt > now && JSON.stringify(old.viewer) === JSON.stringify(viewer);
    return same ? null : this.viewers(draftId, now);
  }

  async leave(draftId: string, reviewerId: string): Promise<Viewer[] | null> {
    const entries = this.drafts.get(draftId);
    if (!entries?.delete(reviewerId)) return null;
    if (entries.size === 0) this.drafts.delete(draftId);
    return this.viewers(draftId, this.now());
  }

  async sweep(): Promise<DraftViewers[]> {
    const now = this.now();
    const changed: DraftViewers[] = [];
    for (const [draftId, entries] of this.drafts) {
      let lost = false;
      for (const [reviewerId, entry] of entries) {
        if (entry.expiresAt <= now) lost = entries.delete(reviewerId) || lost;
      }
      if (entries.size === 0) this.drafts.delete(draftId);
      if (lost) changed.push({ draftId, viewers: this.viewers(draftId, now) });
    }
    return changed;
  }

  async list(): Promise<DraftViewers[]> {
    const now = this.now();
    return [...this.drafts.keys()]
      .map((draftId) => ({ draftId, viewers: this.viewers(draftId, now) }))
      .filter((d) => d.viewers.length > 0);
  }

  private viewers(draftId: string, now: number): Viewer[] {
    const entries = this.drafts.get(draftId);
    if (!entries) return [];
    return [...entries.values()].filter((e) => e.expiresAt > now).map((e) => ({ ...e.viewer }));
  }
}
