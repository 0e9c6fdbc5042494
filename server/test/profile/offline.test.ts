import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/profile/language.js';
import { extractOffline, findPreferences, scoreMood } from '../../src/profile/offline.js';

interface Labelled {
  text: string;
  language: string | null;
  mood: -1 | 0 | 1;
  preferences: Array<{ topic: string; stance: 'LIKES' | 'DISLIKES' }>;
}

const { messages } = JSON.parse(
  readFileSync(new URL('../fixtures/profile-messages.json', import.meta.url), 'utf8'),
) as {
  messages: Labelled[];
};

const sign = (valence: number | undefined) =>
  valence === undefined ? 0 : valence > 0.15 ? 1 : valence < -0.15 ? -1 : 0;

describe('the offline extractor on labelled messages', () => {
  it('finds likings and dislikes, the mood and the language with useful precision and recall', async () => {
    expect(messages.length).toBeGreaterThanOrEqual(60);
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    let moodRight = 0;
    let languageRight = 0;
    let languageLabelled = 0;
    const misses: string[] = [];
    for (const m of messages) {
      const update = extractOffline([m.text]);
      const found = new Set(update.preferences.map((p) => `${p.stance} ${p.topic}`));
      const expected = new Set(m.preferences.map((p) => `${p.stance} ${p.topic}`));
      for (const f of found) {
        if (expected.has(f)) truePositives++;
        else {
          falsePositives++;
          misses.push(`extra   ${f}  <- ${m.text}`);
        }
      }
      for (const e of expected) {
        if (!found.has(e)) {
          falseNegatives++;
          misses.push(`missed  ${e}  <- ${m.text}`);
        }
      }
      if (sign(update.mood?.valence) === m.mood) moodRight++;
      else misses.push(`mood    ${update.mood?.valence ?? 'none'} (want ${m.mood})  <- ${m.text}`);
      if (m.language) {
        languageLabelled++;
        const language = await detectLanguage(m.text);
        if (language === m.language) languageRight++;
        else misses.push(`lang    ${language} (want ${m.language})  <- ${m.text}`);
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    const moodAccuracy = moodRight / messages.length;
    const languageAccuracy = languageRight / languageLabelled;
    console.log(
      [
        `offline extractor on ${messages.length} labelled messages:`,
        `  preferences: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${truePositives} right, ${falsePositives} wrong, ${falseNegatives} missed)`,
        `  mood sign accuracy ${moodAccuracy.toFixed(3)}; language accuracy ${languageAccuracy.toFixed(3)} (${languageLabelled} labelled)`,
        ...misses.map((line) => `  ${line}`),
      ].join('\n'),
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.75);
    expect(moodAccuracy).toBeGreaterThanOrEqual(0.8);
    expect(languageAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('turns a contradiction into the current stance and reads negation', () => {
    expect(findPreferences('I used to love sushi, but now I hate it')).toEqual([
      { topic: 'sushi', stance: 'DISLIKES' },
    ]);
    expect(findPreferences("I don't hate cats")).toEqual([]);
    expect(scoreMood('I am happy')!.valence).toBeGreaterThan(0);
    expect(scoreMood('I am not happy')!.valence).toBeLessThan(0);
    expect(scoreMood('What time is it?')).toBeNull();
    // Within one burst the later statement of a topic wins.
    expect(extractOffline(['I love tea', "actually I can't stand tea"]).preferences).toEqual([
      { topic: 'tea', stance: 'DISLIKES', confidence: 0.5 },
    ]);
  });
});
