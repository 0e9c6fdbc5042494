/**
 * What Countersign knows about a person, as drafting, the GraphQL API and the reviewer's panel read it.
 * Filled by the extraction stage (src/profile); read from the rapport database.
 */

export type Stance = 'LIKES' | 'DISLIKES';

export interface PreferenceView {
  id: string;
  topic: string;
  stance: Stance;
  /** 0..1, after decay with time since `lastSeenAt`. */
  confidence: number;
  lastSeenAt: Date;
  /** Set by a reviewer: extraction never overwrites it. */
  pinned: boolean;
}

export interface MoodView {
  label: string;
  /** -1 (negative) .. 1 (positive). */
  valence: number;
  /** 0..1. */
  intensity: number;
  at: Date;
}

/** Statistics of how the person writes; no LLM involved. */
export interface StyleView {
  messages: number;
  meanLength: number;
  emojiRate: number;
  questionRate: number;
  formality: number | null;
  typicalReplySeconds: number | null;
  activeHoursUtc: number[];
}

export interface ProfileView {
  summary: string | null;
  /** BCP 47 code of the language they write in, e.g. "en". */
  language: string | null;
  /** Strongest first. */
  preferences: PreferenceView[];
  mood: MoodView | null;
  style: StyleView;
  updatedAt: Date;
}
