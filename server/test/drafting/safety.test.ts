import { describe, expect, it } from 'vitest';
import { reviewSafety } from '../../src/drafting/safety.js';

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
