import { describe, expect, it } from 'vitest';
import { normalisedEditDistance } from '../../src/insights/edit-distance.js';

describe('normalised edit distance', () => {
  it('is 0 unchanged (and for two empty texts), 1 for a complete rewrite', () => {
    expect(normalisedEditDistance(['Hello', 'See you'], ['Hello', 'See you'])).toBe(0);
    expect(normalisedEditDistance([], [])).toBe(0);
    expect(normalisedEditDistance(['abc'], ['xyz'])).toBe(1);
    expect(normalisedEditDistance(['abc'], [])).toBe(1);
  });

  it('joins bubbles with a newline and divides by the longer text', () => {
    // "We open at 9.\nSee you!" (22) → "We open at 10.\nSee you!" (23): one substitution, one insertion.
    expect(normalisedEditDistance(['We open at 9.', 'See you!'], ['We open at 10.', 'See you!'])).toBe(2 / 23);
    // Splitting a bubble in two turns a space into a newline: one substitution.
    expect(normalisedEditDistance(['Hi there'], ['Hi', 'there'])).toBe(1 / 8);
  });

  it('counts characters, not UTF-16 units: an emoji is one character', () => {
    expect(normalisedEditDistance(['ok 👍'], ['ok 🙂'])).toBe(1 / 4);
    expect(normalisedEditDistance(['👍👍'], ['👍'])).toBe(1 / 2);
    expect(normalisedEditDistance(['\uE000 👍'], ['\uE000 🙂'])).toBe(1 / 3);
  });
});
