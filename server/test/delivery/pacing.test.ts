import { describe, expect, it } from 'vitest';
import { readingPauseMs, typingMs } from '../../src/delivery/pacing.js';

describe('pacing', () => {
  it('reads at 250 wpm clamped to 0.5–5 s and types about 1 s per 5 characters', () => {
    expect(readingPauseMs('hi')).toBe(500);
    expect(readingPauseMs('word '.repeat(10))).toBe(2400);
    expect(readingPauseMs('word '.repeat(50))).toBe(5000);
    expect(typingMs('x'.repeat(50), () => 0.5)).toBe(10_000);
    expect(typingMs('x'.repeat(500), () => 1)).toBe(12_000);
  });
});
