import type { DraftRequest, DraftTurn, TokenBudget } from '../ports.js';
import type { ProfileView } from '../profile/view.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What the drafter saw for one draft, stored with it (`Draft.context`) for the training export. */
export interface DraftContext {
  persona: { name: string; prompt: string };
  contactName: string;
  customerStatus: string;
  profileSummary: string;
  history: DraftTurn[];
}

/**
 * The draft stage's conversation: the system prompt (the persona first and unchanged, so provider prompt
 * caching applies; then the person), the remembered turns, and the person's burst.
 */
export function draftMessages(request: Omit<DraftRequest, 'draftId'>): ChatMessage[] {
  const system = `${request.persona}\n\nPerson: ${request.contactName} (status ${request.customerStatus}).${
    request.profileSummary ? `\nWhat we know: ${request.profileSummary}` : ''
  }`;
  return [
    { role: 'system', content: system },
    ...request.history.map((t) => ({ role: t.role, content: t.text })),
    { role: 'user', content: request.inbound },
  ];
}

/** Tokens a chat message costs beyond its text (role and separators), and the reply's priming: OpenAI's 3, rounded up. */
const PER_MESSAGE = 4;
const PER_PROMPT = 3;

/** Tokens of a whole conversation as the budget counts them. */
export const promptTokens = (messages: ChatMessage[], count: (text: string) => number) =>
  PER_PROMPT + messages.reduce((sum, m) => sum + count(m.content) + PER_MESSAGE, 0);

/** The fewest tokens of the person's message worth drafting from; a persona that leaves less is an error. */
export const MIN_INBOUND_TOKENS = 16;
/** Preferences offered to the model: the strongest (pinned first). */
export const TOP_PREFERENCES = 10;

/** The persona (and the person's name) alone leave no room for the person's message. */
export class PromptTooLarge extends Error {
  constructor(
    readonly personaTokens: number,
    readonly limit: number,
  ) {
    super(
      `The persona prompt alone takes ${personaTokens} tokens and the model's prompt may use ${limit} ` +
        '(LLM_CONTEXT_TOKENS or LLM_CONTEXT_TOKENS_BY_MODEL, less LLM_REPLY_RESERVE_TOKENS): shorten the persona or raise the context size.',
    );
    this.name = 'PromptTooLarge';
  }
}

/**
 * The longest part of `text` within `max` tokens, marked with an ellipsis where it was cut: its start
 * (`head`) or, for a burst whose newest messages matter most, its end (`tail`).
 */
export function clipToTokens(
  text: string,
  max: number,
  count: (text: string) => number,
  keep: 'head' | 'tail' = 'head',
): string {
  const total = count(text);
  if (total <= max) return text;
  // Characters, not UTF-16 units: an emoji is kept whole or left out.
  const chars = Array.from(text);
  const cut = (n: number) =>
    keep === 'head' ? `${chars.slice(0, n).join('')}…` : `…${chars.slice(chars.length - n).join('')}`;
  let low = 0;
  // Binary search on the number of characters kept (tokens grow with characters), from a proportional guess so
  // a huge text is counted whole once, not at every step.
  let high = Math.min(chars.length - 1, Math.ceil((chars.length * max * 1.5) / total) + 16);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (count(cut(mid)) <= max) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? '' : cut(low);
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** The profile as prompt lines, in the order they are kept: summary, top preferences, mood, style. */
export function profileLines(profile: ProfileView | null, now = new Date()): string[] {
  if (!profile) return [];
  const lines: string[] = [];
  if (profile.summary?.trim()) lines.push(`Summary: ${profile.summary.trim().replace(/\s+/g, ' ')}`);
  if (profile.language) lines.push(`Writes in: ${profile.language}`);
  const preferences = [...profile.preferences]
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.confidence - a.confidence)
    .slice(0, TOP_PREFERENCES);
  for (const p of preferences) {
    lines.push(
      `${p.stance === 'LIKES' ? 'Likes' : 'Dislikes'}: ${p.topic} (${p.pinned ? 'confirmed' : `confidence ${p.confidence.toFixed(2)}`})`,
    );
  }
  if (profile.mood) {
    const hours = Math.max(0, Math.round((now.getTime() - profile.mood.at.getTime()) / 3_600_000));
    lines.push(
      `Mood: ${profile.mood.label} (valence ${profile.mood.valence.toFixed(1)}, intensity ${profile.mood.intensity.toFixed(1)}, ${
        hours === 0 ? 'within the hour' : `${hours} h ago`
      })`,
    );
  }
  const s = profile.style;
  if (s.messages > 0) {
    const parts = [
      `messages average ${Math.round(s.meanLength)} characters`,
      `emoji in ${percent(s.emojiRate)}`,
      `questions in ${percent(s.questionRate)}`,
      s.formality === null ? '' : `formality ${s.formality.toFixed(1)} of 1`,
      s.typicalReplySeconds === null
        ? ''
        : `usually answers within ${Math.max(1, Math.round(s.typicalReplySeconds / 60))} min`,
    ];
    lines.push(`Style: ${parts.filter(Boolean).join(', ')}`);
  }
  return lines;
}

/** Everything drafting could tell the model about one draft, before the budget is applied. */
export interface PromptParts {
  persona: string;
  contactName: string;
  customerStatus: string;
  profile: ProfileView | null;
  /** Remembered turns, oldest first. */
  turns: DraftTurn[];
  /** Summary lines of older turns (those that left the history), oldest first. */
  earlier: string[];
  inbound: string;
}

/** What did not fit, for the log and the reviewer. */
export interface Trimming {
  inboundClipped: boolean;
  profileLinesLeftOut: number;
  turnsLeftOut: number;
  earlierLinesLeftOut: number;
}

export interface FittedPrompt {
  request: Omit<DraftRequest, 'draftId'>;
  /** Tokens of the whole prompt, as `budget.count` counts them; never above `budget.limit`. */
  tokens: number;
  limit: number;
  trimming: Trimming;
  trimmed: boolean;
  /** For the reviewer, when something was left out: what, and against which budget. */
  note: string | null;
}

const EARLIER_HEADER = 'Earlier conversation:';

function assemble(
  parts: PromptParts,
  inbound: string,
  profile: string[],
  turns: DraftTurn[],
  earlier: string[],
): Omit<DraftRequest, 'draftId'> {
  const known = [...profile, ...(earlier.length > 0 ? [EARLIER_HEADER, ...earlier] : [])];
  return {
    persona: parts.persona,
    contactName: parts.contactName,
    customerStatus: parts.customerStatus,
    profileSummary: known.join('\n'),
    history: turns,
    inbound,
  };
}

/**
 * Fills the prompt in priority order within the budget: the persona and the person's message (clipped
 * only if it cannot fit whole), then the profile (summary, top preferences, mood, style), then the most
 * recent turns, newest first, then the summary lines of older turns, newest first. Each kind stops at the
 * first piece that does not fit, so what is kept is always the newest or the strongest.
 */
export function fitPrompt(parts: PromptParts, budget: TokenBudget): FittedPrompt {
  const { count, limit } = budget;
  const allProfile = profileLines(parts.profile);
  const untrimmed: Trimming = {
    inboundClipped: false,
    profileLinesLeftOut: 0,
    turnsLeftOut: 0,
    earlierLinesLeftOut: 0,
  };
  // Most prompts fit whole: one count, and no piece is counted on its own.
  const everything = assemble(parts, parts.inbound, allProfile, parts.turns, parts.earlier);
  const wholeTokens = promptTokens(draftMessages(everything), count);
  if (wholeTokens <= limit) {
    return { request: everything, tokens: wholeTokens, limit, trimming: untrimmed, trimmed: false, note: null };
  }
  const message = (text: string) => count(text) + PER_MESSAGE;
  const line = (text: string) => count(text) + 1;
  const head = assemble(parts, '', [], [], []);
  const fixed = PER_PROMPT + message(draftMessages(head)[0]!.content) + PER_MESSAGE;
  if (fixed + MIN_INBOUND_TOKENS > limit) throw new PromptTooLarge(fixed, limit);

  let used = fixed;
  let inbound = parts.inbound;
  let inboundClipped = false;
  if (used + count(inbound) > limit) {
    inbound = clipToTokens(inbound, limit - used, count, 'tail');
    inboundClipped = true;
  }
  used += count(inbound);

  const profile: string[] = [];
  const knownHeader = count('\nWhat we know: ');
  for (const [i, text] of allProfile.entries()) {
    const cost = line(text) + (profile.length === 0 ? knownHeader : 0);
    if (used + cost <= limit) {
      profile.push(text);
      used += cost;
      continue;
    }
    // The summary says most about the person: keep what fits of it rather than nothing.
    const room = limit - used - (profile.length === 0 ? knownHeader : 0) - 1;
    if (i === 0 && room >= MIN_INBOUND_TOKENS) {
      const clipped = clipToTokens(text, room, count);
      profile.push(clipped);
      used += line(clipped) + knownHeader;
    }
    break;
  }

  const turns: DraftTurn[] = [];
  for (let i = parts.turns.length - 1; i >= 0; i--) {
    const cost = message(parts.turns[i]!.text);
    if (used + cost > limit) break;
    turns.unshift(parts.turns[i]!);
    used += cost;
  }

  const earlier: string[] = [];
  if (turns.length === parts.turns.length) {
    const header = line(EARLIER_HEADER) + (profile.length === 0 ? knownHeader : 0);
    for (let i = parts.earlier.length - 1; i >= 0; i--) {
      const cost = line(parts.earlier[i]!) + (earlier.length === 0 ? header : 0);
      if (used + cost > limit) break;
      earlier.unshift(parts.earlier[i]!);
      used += cost;
    }
  }

  // Pieces counted apart can merge into fewer or split into more tokens together: check the whole and, while
  // it is over, leave out the least important piece left; while it is under, take the next piece of each kind
  // that now fits, in priority order.
  const whole = () => promptTokens(draftMessages(assemble(parts, inbound, profile, turns, earlier)), count);
  let tokens = whole();
  while (tokens > limit) {
    if (earlier.length > 0) earlier.shift();
    else if (turns.length > 0) turns.shift();
    else if (profile.length > 0) profile.pop();
    else {
      inbound = clipToTokens(inbound, Math.max(1, count(inbound) - (tokens - limit)), count, 'tail');
      inboundClipped = true;
    }
    tokens = whole();
  }
  const topUp = (take: () => boolean, undo: () => void) => {
    while (take()) {
      const next = whole();
      if (next > limit) {
        undo();
        return;
      }
      tokens = next;
    }
  };
  const profileComplete = () =>
    profile.length === allProfile.length || profile.at(-1) !== allProfile[profile.length - 1];
  topUp(
    () => !profileComplete() && profile.push(allProfile[profile.length]!) > 0,
    () => profile.pop(),
  );
  topUp(
    () => turns.length < parts.turns.length && turns.unshift(parts.turns[parts.turns.length - turns.length - 1]!) > 0,
    () => turns.shift(),
  );
  if (turns.length === parts.turns.length) {
    topUp(
      () =>
        earlier.length < parts.earlier.length &&
        earlier.unshift(parts.earlier[parts.earlier.length - earlier.length - 1]!) > 0,
      () => earlier.shift(),
    );
  }
  const request = assemble(parts, inbound, profile, turns, earlier);

  const trimming: Trimming = {
    inboundClipped,
    profileLinesLeftOut: allProfile.length - profile.length,
    turnsLeftOut: parts.turns.length - turns.length,
    earlierLinesLeftOut: parts.earlier.length - earlier.length,
  };
  const trimmed =
    inboundClipped || trimming.profileLinesLeftOut + trimming.turnsLeftOut + trimming.earlierLinesLeftOut > 0;
  return { request, tokens, limit, trimming, trimmed, note: trimmed ? describeTrimming(trimming, parts, limit) : null };
}

function describeTrimming(t: Trimming, parts: PromptParts, limit: number): string {
  const left = [
    t.inboundClipped ? "the start of the person's message" : '',
    t.profileLinesLeftOut > 0 ? `${t.profileLinesLeftOut} of ${profileLines(parts.profile).length} profile lines` : '',
    t.turnsLeftOut > 0 ? `${t.turnsLeftOut} of ${parts.turns.length} earlier turns` : '',
    t.earlierLinesLeftOut > 0 ? `${t.earlierLinesLeftOut} of ${parts.earlier.length} summary lines` : '',
  ].filter(Boolean);
  return `Context trimmed to the model's ${limit}-token prompt budget: left out ${left.join(', ')}.`;
}
