import { distance } from 'fastest-levenshtein';

const PRIVATE_USE_START = 0xe000;
const PRIVATE_USE_END = 0xf8ff;

/**
 * The two texts with every character outside the Basic Multilingual Plane (emoji: two UTF-16 units) replaced
 * by one private-use unit that neither text contains, the same one for the same character, so a distance
 * computed on UTF-16 units counts characters. Beyond 6,400 distinct such characters it counts units.
 */
function oneUnitPerCharacter(a: string, b: string): [string, string] {
  const astral = /[\u{10000}-\u{10FFFF}]/u;
  if (!astral.test(a) && !astral.test(b)) return [a, b];
  const taken = new Set<number>();
  for (const text of [a, b]) {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= PRIVATE_USE_START && unit <= PRIVATE_USE_END) taken.add(unit);
    }
  }
  const stand = new Map<string, string>();
  let next = PRIVATE_USE_START;
  const map = (text: string) =>
    Array.from(text, (ch) => {
      if (ch.length === 1) return ch;
      let unit = stand.get(ch);
      if (!unit) {
        while (taken.has(next)) next++;
        if (next > PRIVATE_USE_END) return ch;
        unit = String.fromCharCode(next++);
        stand.set(ch, unit);
      }
      return unit;
    }).join('');
  return [map(a), map(b)];
}

/**
 * How much a reviewer changed a draft: the Levenshtein distance, in characters, between the suggested bubbles
 * and the final bubbles (each joined with a newline), divided by the longer text's length. 0 for an unchanged
 * draft, 1 for a complete rewrite, 0 when both are empty.
 */
export function normalisedEditDistance(suggested: readonly string[], final: readonly string[]): number {
  const [a, b] = oneUnitPerCharacter(suggested.join('\n'), final.join('\n'));
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 0 : distance(a, b) / longer;
}
