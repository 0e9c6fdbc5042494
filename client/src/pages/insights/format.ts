import { duration } from '../../lib/time';

const PERCENT = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const AMOUNT = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DOLLARS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const CENTS = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 });

/** "12.5%" for 0.125; "–" when there is nothing to measure. */
export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '–' : PERCENT.format(share);

export const whole = (n: number): string => WHOLE.format(n);
export const decimal = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : DECIMAL.format(n);

/** "$12.40", or three significant digits under a dollar ("$0.00421"): LLM calls cost fractions of a cent. */
export function usd(value: number): string {
  if (value === 0) return '$0';
  return Math.abs(value) >= 1 ? DOLLARS.format(value) : CENTS.format(value);
}

/** An LTV amount: the app records no currency, so none is shown. */
export const amount = (value: number): string => AMOUNT.format(value);

export const seconds = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : duration(value);

/** The unit a chart of durations reads best in, from its largest value. */
export function timeUnit(max: number): { label: string; divisor: number } {
  if (max >= 2 * 3600) return { label: 'Hours', divisor: 3600 };
  if (max >= 120) return { label: 'Minutes', divisor: 60 };
  return { label: 'Seconds', divisor: 1 };
}
