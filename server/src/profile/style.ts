import { CASUAL_MARKERS, FORMAL_MARKERS } from './lexicon.js';

/** One inbound message as style statistics see it. */
export interface StyleSample {
  text: string;
  sentAt: Date;
}

/** What one burst adds to the running style statistics (InteractionStyle). */
export interface StyleDelta {
  messages: number;
  totalLength: number;
  emojiMessages: number;
  questions: number;
  formalitySum: number;
  formalityCount: number;
  /** UTC hour of each message. */
  hours: number[];
}

/** Reply times kept for the median. */
export const REPLY_SAMPLES = 50;
/** A gap longer than this is a new conversation, not a reply. */
export const MAX_REPLY_SECONDS = 7 * 86_400;

const EMOJI = /\p{Extended_Pictographic}/u;

/**
 * Formality of one message, 0 (casual) .. 1 (formal), or null without any signal: formal and casual markers
 * (lexicon.ts), emoji and repeated punctuation count as casual; a capitalised, punctuated sentence a little
 * towards formal.
 */
export function formalityOf(text: string): number | null {
  const formal = (text.match(FORMAL_MARKERS) ?? []).length + (/^\p{Lu}.*[.?!]$/su.test(text.trim()) ? 0.5 : 0);
  const casual =
    (text.match(CASUAL_MARKERS) ?? []).length +
    (EMOJI.test(text) ? 1 : 0) +
    (/[!?]{2,}/.test(text) ? 0.5 : 0) +
    (/^\p{Ll}/u.test(text.trim()) ? 0.5 : 0);
  if (formal + casual === 0) return null;
  return formal / (formal + casual);
}

export function styleDelta(samples: StyleSample[]): StyleDelta {
  const delta: StyleDelta = {
    messages: 0,
    totalLength: 0,
    emojiMessages: 0,
    questions: 0,
    formalitySum: 0,
    formalityCount: 0,
    hours: [],
  };
  for (const { text, sentAt } of samples) {
    delta.messages += 1;
    delta.totalLength += [...text].length;
    if (EMOJI.test(text)) delta.emojiMessages += 1;
    if (/[?¿]/.test(text)) delta.questions += 1;
    const formality = formalityOf(text);
    if (formality !== null) {
      delta.formalitySum += formality;
      delta.formalityCount += 1;
    }
    delta.hours.push(sentAt.getUTCHours());
  }
  return delta;
}
