/** How the person panel words what the profile holds; no React. */

export interface MoodPoint {
  valence: number;
  at: string;
}

/** "English" for "en", or the code itself where the browser has no name for it. */
export function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** Readings oldest first, whatever order they came in. */
export function chronological<T extends MoodPoint>(readings: ReadonlyArray<T>): T[] {
  return [...readings].sort((a, b) => a.at.localeCompare(b.at));
}

export type Trend = 'rising' | 'falling' | 'steady';

/**
 * Where the mood is heading: the latest reading against the mean of the ones before it (up to 5). A change of
 * less than 0.15 in valence (of -1..1) is steady.
 */
export function moodTrend(readings: ReadonlyArray<MoodPoint>): Trend | null {
  const ordered = chronological(readings);
  const latest = ordered.at(-1);
  const before = ordered.slice(-6, -1);
  if (!latest || before.length === 0) return null;
  const mean = before.reduce((sum, r) => sum + r.valence, 0) / before.length;
  const change = latest.valence - mean;
  if (change > 0.15) return 'rising';
  if (change < -0.15) return 'falling';
  return 'steady';
}

export const TREND_WORDS: Record<Trend, { arrow: string; text: string }> = {
  rising: { arrow: '↗', text: 'improving' },
  falling: { arrow: '↘', text: 'worsening' },
  steady: { arrow: '→', text: 'steady' },
};

/** "positive", "negative" or "neutral" for a valence of -1..1. */
export function valenceWord(valence: number): string {
  if (valence > 0.2) return 'positive';
  if (valence < -0.2) return 'negative';
  return 'neutral';
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** "casual", "neutral" or "formal" for a formality of 0..1. */
export function formalityWord(formality: number): string {
  if (formality < 0.35) return 'casual';
  if (formality > 0.65) return 'formal';
  return 'neutral';
}

/** "18–21 UTC": the hours they usually write in, as runs of consecutive hours ("8–9, 20 UTC"). */
export function hoursRange(hours: ReadonlyArray<number>): string {
  const sorted = [...new Set(hours)].filter((h) => h >= 0 && h < 24).sort((a, b) => a - b);
  const runs: string[] = [];
  let start = sorted[0];
  for (let i = 0; i < sorted.length; i++) {
    const hour = sorted[i] as number;
    const next = sorted[i + 1];
    if (next !== hour + 1) {
      runs.push(start === hour ? `${hour}` : `${start}–${hour}`);
      start = next;
    }
  }
  return runs.length > 0 ? `${runs.join(', ')} UTC` : 'not known yet';
}
