import type { AnalyticsClient } from '../db.js';
import { ValidationError } from '../errors.js';

/** A reviewer's desk preferences, as the API returns them. */
export interface DeskSettings {
  approveAndNext: boolean;
  sound: boolean;
  notifications: boolean;
}

/** What a reviewer who never saved settings gets (the table's column defaults). */
export const DEFAULT_SETTINGS: DeskSettings = { approveAndNext: true, sound: false, notifications: false };

/** The stored row (or its absence) as the settings the desk uses. */
export function deskSettings(row: DeskSettings | null | undefined): DeskSettings {
  if (!row) return DEFAULT_SETTINGS;
  return { approveAndNext: row.approveAndNext, sound: row.sound, notifications: row.notifications };
}

/** Saves the settings given (null or absent keeps the stored value); at least one must be given. */
export async function saveSettings(
  analytics: AnalyticsClient,
  reviewerId: string,
  change: { [K in keyof DeskSettings]?: boolean | null },
): Promise<DeskSettings> {
  const data: Partial<DeskSettings> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof DeskSettings>) {
    const value = change[key];
    if (typeof value === 'boolean') data[key] = value;
  }
  if (Object.keys(data).length === 0) throw new ValidationError('input', 'Give at least one setting to save.');
  const row = await analytics.reviewerSettings.upsert({
    where: { reviewerId },
    create: { reviewerId, ...DEFAULT_SETTINGS, ...data },
    update: data,
  });
  return deskSettings(row);
}
