/** The days the Insights page shows: a preset of the last 7, 30 or 90 UTC days, or two dates chosen. */
export type RangeChoice = { kind: 'days'; days: 7 | 30 | 90 } | { kind: 'custom'; from: string; to: string };

export interface StatsRange {
  /** Inclusive, an ISO time at UTC midnight. */
  from: string;
  /** Exclusive, an ISO time: now for a preset, the midnight after the last day for custom dates. */
  to: string;
}

export const PRESETS = [7, 30, 90] as const;
/** The server answers at most 366 days at once. */
export const MAX_DAYS = 366;

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a time, in UTC (the days the statistics are counted in). */
export function utcDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function midnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/**
 * The range to ask for: a preset starts at the UTC midnight (days - 1) days before today and ends now,
 * so it holds exactly `days` days, today included. `now` is passed in so the query's variables stay
 * the same until the reader asks again.
 */
export function statsRange(choice: RangeChoice, now: number): StatsRange {
  if (choice.kind === 'days') {
    const from = midnight(utcDate(now)) - (choice.days - 1) * DAY_MS;
    return { from: new Date(from).toISOString(), to: new Date(now).toISOString() };
  }
  return {
    from: new Date(midnight(choice.from)).toISOString(),
    to: new Date(midnight(choice.to) + DAY_MS).toISOString(),
  };
}

/** Why two chosen dates cannot be asked for, or null when they can. */
export function customRangeProblem(from: string, to: string): string | null {
  if (!from || !to) return 'Choose both dates.';
  const start = midnight(from);
  const end = midnight(to);
  if (Number.isNaN(start) || Number.isNaN(end)) return 'Use dates such as 2026-03-01.';
  if (start > end) return 'The first day must not be after the last.';
  if ((end - start) / DAY_MS + 1 > MAX_DAYS) return `Choose at most ${MAX_DAYS} days.`;
  return null;
}

/** The choice as URL parameters (?days=30, or ?from=…&to=…), so a reload or a shared link shows the same. */
export function rangeToSearch(choice: RangeChoice): string {
  return choice.kind === 'days' ? `?days=${choice.days}` : `?from=${choice.from}&to=${choice.to}`;
}

export function rangeFromSearch(search: string): RangeChoice {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && !customRangeProblem(from, to))
    return { kind: 'custom', from, to };
  const days = Number(params.get('days'));
  return { kind: 'days', days: days === 7 || days === 90 ? days : 30 };
}

const SHORT = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const LONG = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "Mar 4" (or "Tue, Mar 4, 2026" in full) for a UTC day YYYY-MM-DD, in the reader's language. */
export function dayLabel(day: string, full = false): string {
  return (full ? LONG : SHORT).format(midnight(day));
}
