import { describe, expect, it } from 'vitest';
import { parseBubbles } from '../src/adapters/llm/openai.js';
import { readingPauseMs, typingMs } from '../src/delivery/pacing.js';
import { reviewSafety } from '../src/drafting/safety.js';
import { isAllowedMove, parseLtvAmount } from '../src/funnel/rules.js';
import { flushDeadline } from '../src/intake/debounce.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const opts = { delayS: 5, maxWaitS: 30, maxBatch: 10 };

describe('debounce deadline', () => {
  it('restarts the window on every message', () => {
    expect(flushDeadline({ count: 2, firstAt: at(0), lastAt: at(3) }, at(3), opts)).toEqual(at(8));
  });
  it('never waits past DEBOUNCE_MAX_WAIT from the first message', () => {
    expect(flushDeadline({ count: 9, firstAt: at(0), lastAt: at(28) }, at(28), opts)).toEqual(at(30));
  });
  it('flushes at once at DEBOUNCE_MAX_BATCH messages', () => {
    expect(flushDeadline({ count: 10, firstAt: at(0), lastAt: at(1) }, at(1), opts)).toEqual(at(1));
  });
});

describe('funnel rules', () => {
  it('follows the table', () => {
    expect(isAllowedMove('PROSPECT', 'CUSTOMER')).toBe(true);
    expect(isAllowedMove('CUSTOMER', 'CHURNED')).toBe(true);
    expect(isAllowedMove('CHURNED', 'CUSTOMER')).toBe(true);
    expect(isAllowedMove('CUSTOMER', 'PROSPECT')).toBe(false);
    expect(isAllowedMove('LEAD_EXHAUSTED', 'CUSTOMER')).toBe(false);
  });
  it('parses money as decimal strings', () => {
    expect(parseLtvAmount('120.5')).toBe('120.50');
    expect(parseLtvAmount('007')).toBe('7.00');
    expect(parseLtvAmount('1000000')).toBe('1000000.00');
    for (const bad of ['-1', '0', '0.00', '1e3', '1.234', 'abc', '', '1000000.01', ' 1 2'])
      expect(() => parseLtvAmount(bad)).toThrow();
  });
});

describe('safety review', () => {
  it('scores risky bubbles and recommends a closer look', () => {
    const clean = reviewSafety(['Thanks, see you tomorrow!']);
    expect(clean).toEqual({ risk: 0, recommendation: 'approve', findings: [] });
    const risky = reviewSafety(['Write me on WhatsApp at +351 912 345 678', 'I guarantee a refund']);
    expect(risky.recommendation).toBe('flag');
    expect(risky.findings.map((f) => f.category)).toEqual(
      expect.arrayContaining(['off_platform_link', 'personal_data', 'payment_promise']),
    );
  });
  it('matches whole words only', () => {
    expect(reviewSafety(['Signalling our intent']).findings).toEqual([]);
  });
});

describe('pacing', () => {
  it('reads at 250 wpm clamped to 0.5–5 s and types about 1 s per 5 characters', () => {
    expect(readingPauseMs('hi')).toBe(500);
    expect(readingPauseMs('word '.repeat(10))).toBe(2400);
    expect(readingPauseMs('word '.repeat(50))).toBe(5000);
    expect(typingMs('x'.repeat(50), () => 0.5)).toBe(10_000);
    expect(typingMs('x'.repeat(500), () => 1)).toBe(12_000);
  });
});

describe('refine output', () => {
  it('takes JSON bubbles, or splits the draft when the model ignored the format', () => {
    expect(parseBubbles('```json\n{"bubbles": ["a", "b"]}\n```', 'x')).toEqual(['a', 'b']);
    expect(parseBubbles('not json', 'first\n\nsecond')).toEqual(['first', 'second']);
  });
});
