import type { ProfileUpdate } from '../ports.js';
import { emojiEmotion, emotionOf, INTENSIFIERS, NEGATORS, NOT_EMOTIONS } from './lexicon.js';
import type { Stance } from './view.js';

/**
 * The deterministic extractor used without an LLM: first-person statements of a liking or a dislike, and a
 * mood scored from the emotion lexicon. Patterns, not understanding: it prefers missing a preference to
 * inventing one (precision and recall on the labelled fixtures are in test/profile/offline.test.ts).
 */

export interface FoundPreference {
  topic: string;
  stance: Stance;
}

/** The confidence a preference stated once gets offline; repeating it raises it (see merge.ts). */
export const OFFLINE_CONFIDENCE = 0.5;

const ADVERB =
  '(?:really|absolutely|just|totally|also|still|truly|kinda|kind of|so|do|always|honestly|actually|genuinely|simply|seriously|definitely|quite|pretty much|sort of|even|literally|mostly|usually|particularly|especially)';
/** "I" (or "we"), then adverbs ("I really", "I also just"); `am` forms ("I'm into") are spelt out by the verbs. */
const I = `(?:^|[^\\p{L}'])(?:i|we)(?:\\s+${ADVERB})*`;
const AM = "(?:'m|\\s+am)\\s+";

const LIKE_VERBS = `(?:\\s+(?:love|adore|like|enjoy|prefer|dig|can't get enough of)|${AM}(?:really |totally |so |very |a )?(?:into|crazy about|obsessed with|passionate about|addicted to|hooked on|(?:big |huge )?fan of|fond of|keen on))`;
const DISLIKE_VERBS = `(?:\\s+(?:hate|dislike|detest|loathe|despise|(?:can't|cannot|can not|couldn't) stand|(?:don't|do not|dont|never|no longer) (?:really |particularly |much |even |actually )?(?:like|love|enjoy|care for)|(?:never|no longer) (?:liked|loved|enjoyed))|${AM}(?:(?:not|no longer) (?:really |that |very |a )?(?:into|(?:big |huge )?fan of|fond of|crazy about|keen on)|(?:so |really )?(?:sick of|tired of|fed up with|done with)))`;

const WORD = "[\\p{L}\\p{N}]+(?:['&+.-][\\p{L}\\p{N}]+)*";
const NEXT = `\\s+(?!(?:i|i'm|i'd|we|we're)(?![\\p{L}']))${WORD}`;
/** A topic: up to six words (never "I": that starts another clause), a comma list of such; see topicsOf. */
const TOPIC = `(${WORD}(?:${NEXT}){0,5}(?:,${NEXT}(?:${NEXT}){0,5}){0,6})`;

const STOP_AFTER =
  /\s+(?:and then|but|because|cause|cuz|since|when|whenever|so|though|although|if|or|which|who|while|now|anymore|any more|these days|lately|at all|right now|very much|so much|a lot|too|either|as well|more than|than|for me|to be honest|honestly|pero|porque|mas|mais|parce|aber|weil|ma|perché|но|потому|in the (?:morning|evening|afternoon)|at night|on (?:weekends|the weekend|sundays|saturdays)|every (?:day|morning|night)|at (?:home|work|our place|my place)|here|tbh|lol|haha|por la (?:mañana|tarde|noche)|de (?:manhã|noite)|le (?:matin|soir)|am (?:morgen|abend|wochenende))(?:\s|$).*/iu;

const LEADING =
  /^(?:the|a|an|my|your|our|his|her|their|some|all|to|doing|going|el|la|los|las|un|una|uno|unos|unas|mi|mis|o|os|as|um|uma|meu|minha|meus|minhas|le|les|l'|des|du|de la|de|mon|ma|mes|der|die|das|den|dem|ein|eine|einen|mein|meine|meinen|il|lo|gli|i|mio|mia)\s+/iu;

/** What a statement may be about without naming anything. */
const NOT_TOPICS = new Set([
  'it',
  'this',
  'that',
  'them',
  'these',
  'those',
  'you',
  'u',
  'ya',
  'him',
  'her',
  'us',
  'me',
  'myself',
  'everything',
  'nothing',
  'something',
  'anything',
  'everyone',
  'anyone',
  'someone',
  'when',
  'how',
  'what',
  'where',
  'why',
  'who',
  'being',
  'there',
  'here',
  'so',
  'too',
  'very',
  'much',
  'lo',
  'eso',
  'esto',
  'isso',
  'isto',
  'ça',
  'cela',
  'es',
  'das',
  'это',
  'тебя',
  'вас',
  'te',
  'ti',
  'toi',
  'dich',
  'you guys',
  'ur',
  'yours',
  'mine',
  'one',
  'ones',
]);

function cleanTopic(raw: string): string | null {
  let topic = raw.toLowerCase().replace(STOP_AFTER, '').trim();
  for (let i = 0; i < 3; i++) topic = topic.replace(LEADING, '');
  topic = topic
    .replace(/\s+(?:so much|very much|a lot|too|really|sehr|muito|mucho|molto|beaucoup|очень|and|or|but|&)$/iu, '')
    .trim();
  if (topic.length < 2 || topic.length > 60 || NOT_TOPICS.has(topic)) return null;
  if (/^(?:that|when|how|if|what|about|you|it|i|it's|that's)\s/u.test(topic)) return null;
  return topic;
}

const AND = /\s+(?:and|&|e|y|et|und|и)\s+/iu;

/** One topic or several ("pizza and pasta", "hiking, reading and cooking"); "pizza, it's great" is pizza. */
function topicsOf(raw: string): string[] {
  const segments = raw.replace(STOP_AFTER, '').split(/\s*,\s*/u);
  const list = segments.length > 1 && AND.test(segments.at(-1)!) ? segments : segments.slice(0, 1);
  return list
    .flatMap((segment) => segment.split(AND))
    .map(cleanTopic)
    .filter((t): t is string => t !== null);
}

interface Rule {
  pattern: RegExp;
  stance: Stance;
}

const START = '(?:^|[.!?]\\s+)';
/** A topic before "is my favourite": one to three words. */
const TOPIC_BEFORE = `(${WORD}(?:\\s+${WORD}){0,2})`;

const rule = (source: string, stance: Stance): Rule => ({ pattern: new RegExp(source, 'giu'), stance });
const B = '(?<![\\p{L}])';

/** Checked in order; the span a rule matched is not matched again by a later one. */
const RULES: Rule[] = [
  // Contradiction: "I used to love X, (but) now I hate it" states the current stance, the second one.
  rule(
    `${I}\\s+used to (?:really )?(?:love|like|enjoy|be into|adore)\\s+${TOPIC},?\\s+(?:but\\s+|and\\s+)?(?:now\\s+)?i${DISLIKE_VERBS}\\s+(?:it|them|that)`,
    'DISLIKES',
  ),
  rule(
    `${I}\\s+used to (?:really )?(?:hate|dislike|detest|not like|can't stand)\\s+${TOPIC},?\\s+(?:but\\s+|and\\s+)?(?:now\\s+)?i${LIKE_VERBS}\\s+(?:it|them|that)`,
    'LIKES',
  ),
  rule(`${I}${DISLIKE_VERBS}\\s+${TOPIC}`, 'DISLIKES'),
  rule(`${I}${LIKE_VERBS}\\s+${TOPIC}`, 'LIKES'),
  rule(`${B}my (?:favou?rite|fave)(?: \\p{L}+)? (?:is|are)\\s+${TOPIC}`, 'LIKES'),
  // Chat shorthand without a subject, at the start of a sentence: "Loving the new album", "Not a fan of X".
  rule(
    `${START}(?:not a (?:big |huge )?fan of|not into|hating|can't stand|sick of|so sick of)\\s+${TOPIC}`,
    'DISLIKES',
  ),
  rule(`${START}(?:loving|enjoying|(?:big|huge) fan of|really into|obsessed with)\\s+${TOPIC}`, 'LIKES'),
  rule(`${START}${TOPIC_BEFORE}\\s+(?:is|are) my (?:absolute |all-time )?(?:favou?rite|fave)`, 'LIKES'),
  // Spanish, Portuguese, French, German, Italian, Russian: the most common forms.
  rule(
    `${B}(?:no me gustan?|odio|detesto|no soporto|não gosto (?:de|do|da|dos|das)|odeio|detesto|não suporto|je déteste|je hais|je n'aime pas|j'ai horreur (?:de|du|des)|je ne supporte pas|ich hasse|ich mag kein(?:e|en|er)?|non mi piac(?:e|ciono)|non sopporto|я не люблю|не люблю|ненавижу|терпеть не могу|мне не нравится|мне не нравятся)\\s+${TOPIC}`,
    'DISLIKES',
  ),
  rule(
    `${B}(?:me encantan?|me gustan?(?: mucho)?|adoro|amo|gosto muito (?:de|do|da|dos|das)|gosto (?:de|do|da|dos|das)|curto|j'adore|j'aime(?: bien| beaucoup)?|ich liebe|ich mag|mi piac(?:e|ciono)|я люблю|люблю|обожаю|мне нравится|мне нравятся)\\s+${TOPIC}`,
    'LIKES',
  ),
];

const NEGATED = /(?:^|[^\p{L}])(?:no|não|non|не|not|never)\s*$/iu;

/** Likings and dislikes stated in one message, in the order they appear; a later statement of a topic wins. */
export function findPreferences(text: string): FoundPreference[] {
  const normalised = text.replace(/[’]/g, "'").replace(/\s+/g, ' ').toLowerCase();
  const taken: Array<[number, number]> = [];
  const found: Array<FoundPreference & { at: number }> = [];
  for (const { pattern, stance } of RULES) {
    pattern.lastIndex = 0;
    for (const match of normalised.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      // "no odio X", "не обожаю X": a statement negated from outside the rule says nothing either way.
      const lead = /^[^\p{L}]/u.test(match[0]) ? 1 : 0;
      if (NEGATED.test(normalised.slice(Math.max(0, start - 10), start + lead))) continue;
      taken.push([start, end]);
      for (const topic of topicsOf(match[1]!)) found.push({ topic, stance, at: start });
    }
  }
  found.sort((a, b) => a.at - b.at);
  const byTopic = new Map<string, FoundPreference>();
  for (const { topic, stance } of found) {
    byTopic.delete(topic);
    byTopic.set(topic, { topic, stance });
  }
  return [...byTopic.values()];
}

export interface MoodReading {
  label: string;
  valence: number;
  intensity: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The mood a message shows: every lexicon word and clear emoji, a negation within the three words before
 * turning it around ("not happy" reads as discontent, "not bad" as calm), intensifiers, exclamation marks
 * and capitals raising the intensity. Null when no emotion word is found.
 */
export function scoreMood(text: string): MoodReading | null {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}']+|\p{Extended_Pictographic}/gu) ?? [];
  const original = text.match(/[\p{L}\p{N}']+|\p{Extended_Pictographic}/gu) ?? [];
  const weights = new Map<string, number>();
  let valenceSum = 0;
  let hits = 0;
  let boost = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const pair = i + 1 < tokens.length ? `${token} ${tokens[i + 1]}` : '';
    if (NOT_EMOTIONS.has(pair)) {
      i++;
      continue;
    }
    const emotion = (pair && emotionOf(pair)) || emotionOf(token) || emojiEmotion(token);
    if (!emotion) continue;
    const before = tokens.slice(Math.max(0, i - 3), i);
    // "I used to love it": a past feeling is not a mood.
    if (before.includes('used') || before.some((w) => NOT_EMOTIONS.has(w))) continue;
    const negated = before.some((w) => NEGATORS.has(w));
    let { label, valence } = emotion;
    if (negated) {
      valence = valence > 0 ? -0.5 * valence : -0.4 * valence;
      label = valence < 0 ? 'discontent' : 'calm';
    }
    let weight = 1;
    if (before.some((w) => INTENSIFIERS.has(w))) weight += 0.5;
    const word = original[i] ?? '';
    if (word.length > 2 && word === word.toUpperCase() && /\p{L}/u.test(word)) weight += 0.5;
    valenceSum += valence * weight;
    hits += weight;
    weights.set(label, (weights.get(label) ?? 0) + Math.abs(valence) * weight);
    boost += weight - 1;
  }
  if (hits === 0) return null;
  const exclamations = (text.match(/!/g) ?? []).length;
  const label = [...weights.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const valence = clamp(valenceSum / hits, -1, 1);
  const intensity = clamp(Math.abs(valence) * 0.6 + 0.1 * hits + 0.1 * boost + 0.1 * Math.min(exclamations, 3), 0, 1);
  return {
    label,
    valence: Math.round(valence * 100) / 100,
    intensity: Math.round(intensity * 100) / 100,
  };
}

/** The offline extractor over a burst: preferences of every message (later ones win), mood of the whole burst. */
export function extractOffline(messages: string[]): ProfileUpdate {
  const byTopic = new Map<string, FoundPreference>();
  for (const message of messages) {
    for (const p of findPreferences(message)) {
      byTopic.delete(p.topic);
      byTopic.set(p.topic, p);
    }
  }
  return {
    preferences: [...byTopic.values()].map((p) => ({ ...p, confidence: OFFLINE_CONFIDENCE })),
    mood: scoreMood(messages.join('\n')),
    summary: null,
  };
}
