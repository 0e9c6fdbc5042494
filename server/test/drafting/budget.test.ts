import { beforeAll, describe, expect, it } from 'vitest';
import { estimatedBudget, promptLimit, tokenizerOf } from '../../src/adapters/llm/tokens.js';
import { loadConfig } from '../../src/config.js';
import {
  clipToTokens,
  draftMessages,
  type FittedPrompt,
  fitPrompt,
  MIN_INBOUND_TOKENS,
  type PromptParts,
  PromptTooLarge,
  promptTokens,
} from '../../src/drafting/prompt.js';
import type { TokenBudget } from '../../src/ports.js';
import type { ProfileView } from '../../src/profile/view.js';
import { type ChatCall, fakeOpenAi } from '../support/openai.js';

let count: (text: string) => number;
beforeAll(async () => {
  count = await tokenizerOf('gpt-4o-mini');
});
const budget = (limit: number): TokenBudget => ({ limit, counter: 'o200k_base', count });

const profile: ProfileView = {
  summary: 'Ana runs a small bakery in Porto and is choosing an espresso machine for it.',
  language: 'pt',
  preferences: [
    { id: 'p1', topic: 'oat milk', stance: 'LIKES', confidence: 0.6, lastSeenAt: new Date(), pinned: false },
    { id: 'p2', topic: 'long calls', stance: 'DISLIKES', confidence: 0.9, lastSeenAt: new Date(), pinned: false },
    { id: 'p3', topic: 'Italian machines', stance: 'LIKES', confidence: 0.3, lastSeenAt: new Date(), pinned: true },
  ],
  mood: { label: 'hopeful', valence: 0.5, intensity: 0.4, at: new Date() },
  style: {
    messages: 12,
    meanLength: 48,
    emojiRate: 0.25,
    questionRate: 0.5,
    formality: 0.3,
    typicalReplySeconds: 300,
    activeHoursUtc: [9, 10],
  },
  updatedAt: new Date(),
};

const turns = Array.from({ length: 8 }, (_, i) => ({
  role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
  text: `${i % 2 === 0 ? 'Question' : 'Answer'} number ${i} about the machine, its price and delivery.`,
}));
const earlier = Array.from({ length: 6 }, (_, i) => `They: older topic ${i} — grinders and warranty terms.`);

const parts = (more: Partial<PromptParts> = {}): PromptParts => ({
  persona: 'You answer for Bica, a coffee equipment shop. Be brief and warm.',
  contactName: 'Ana',
  customerStatus: 'LEAD',
  profile,
  turns,
  earlier,
  inbound: 'Can you deliver it on Friday?',
  ...more,
});

/** No lone surrogate: no emoji or other astral character was cut in half. */
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** What the model is sent never exceeds the budget, counted whole as the budget counts. */
function expectWithin(fitted: FittedPrompt, limit: number) {
  const whole = promptTokens(draftMessages(fitted.request), count);
  expect(whole).toBe(fitted.tokens);
  expect(whole).toBeLessThanOrEqual(limit);
}

describe('the token budget at its edges', () => {
  it('keeps everything exactly at the limit, and trims the oldest summary line at one token over', () => {
    const full = fitPrompt(parts(), budget(100_000));
    expect(full.trimmed).toBe(false);
    expect(full.note).toBeNull();
    const exact = fitPrompt(parts(), budget(full.tokens));
    expect(exact.trimmed).toBe(false);
    expect(exact.tokens).toBe(full.tokens);
    expect(exact.request).toEqual(full.request);

    const over = fitPrompt(parts(), budget(full.tokens - 1));
    expectWithin(over, full.tokens - 1);
    expect(over.trimmed).toBe(true);
    expect(over.trimming).toEqual({
      inboundClipped: false,
      profileLinesLeftOut: 0,
      turnsLeftOut: 0,
      earlierLinesLeftOut: 1,
    });
    expect(over.request.profileSummary).not.toContain('older topic 0');
    expect(over.request.profileSummary).toContain('older topic 5');
    expect(over.note).toBe(
      `Context trimmed to the model's ${full.tokens - 1}-token prompt budget: left out 1 of 6 summary lines.`,
    );
  });

  it('fills in priority order: persona and message, profile, newest turns, then the newest summary lines', () => {
    const full = fitPrompt(parts(), budget(100_000));
    const noEarlier = fitPrompt(parts({ earlier: [] }), budget(100_000));
    const noTurns = fitPrompt(parts({ earlier: [], turns: [] }), budget(100_000));
    const bare = fitPrompt(parts({ earlier: [], turns: [], profile: null }), budget(100_000));

    // Room for every turn but not one summary line: the summary goes first, and whole.
    const a = fitPrompt(parts(), budget(noEarlier.tokens));
    expect(a.trimming).toMatchObject({ turnsLeftOut: 0, earlierLinesLeftOut: 6, profileLinesLeftOut: 0 });
    expect(a.request.profileSummary).not.toContain('Earlier conversation');

    // Room for three turns: the three newest, in their order, and no summary line past the gap.
    const threeTurns = noTurns.tokens + turns.slice(-3).reduce((sum, t) => sum + count(t.text) + 4, 0);
    const b = fitPrompt(parts(), budget(threeTurns));
    expectWithin(b, threeTurns);
    expect(b.request.history).toEqual(turns.slice(-3));
    expect(b.trimming).toMatchObject({ turnsLeftOut: 5, earlierLinesLeftOut: 6, profileLinesLeftOut: 0 });
    expect(b.note).toContain('5 of 8 earlier turns');

    // Room for half the profile: the summary and the strongest preferences (pinned first), no turns.
    const half = Math.floor((bare.tokens + noTurns.tokens) / 2);
    const c = fitPrompt(parts(), budget(half));
    expectWithin(c, half);
    expect(c.request.history).toEqual([]);
    const lines = c.request.profileSummary.split('\n');
    expect(lines[0]).toBe(`Summary: ${profile.summary}`);
    expect(c.trimming.profileLinesLeftOut).toBeGreaterThan(0);
    expect(c.trimming.turnsLeftOut).toBe(8);
    const full3 = full.request.profileSummary.split('\n');
    expect(full3.slice(0, 4)).toEqual([
      `Summary: ${profile.summary}`,
      'Writes in: pt',
      'Likes: Italian machines (confirmed)',
      'Dislikes: long calls (confidence 0.90)',
    ]);
    expect(full3).toContain('Mood: hopeful (valence 0.5, intensity 0.4, within the hour)');
    expect(lines).toEqual(full3.slice(0, lines.length));
  });

  it('refuses a persona that alone fills the budget, with a clear reason', () => {
    const persona = 'Always answer in the voice of our brand. '.repeat(400);
    const personaTokens = count(persona);
    expect(() => fitPrompt(parts({ persona }), budget(personaTokens))).toThrow(PromptTooLarge);
    expect(() => fitPrompt(parts({ persona }), budget(personaTokens))).toThrow(
      /^The persona prompt alone takes \d+ tokens and the model's prompt may use \d+ .*shorten the persona/,
    );
    // Just enough for the persona and the least of the message: a minimal prompt, everything else left out.
    const bare = fitPrompt(parts({ persona, profile: null, turns: [], earlier: [], inbound: '' }), budget(100_000));
    const minimal = fitPrompt(parts({ persona }), budget(bare.tokens + MIN_INBOUND_TOKENS));
    expectWithin(minimal, bare.tokens + MIN_INBOUND_TOKENS);
    expect(minimal.request.history).toEqual([]);
    expect(minimal.request.profileSummary).toBe('');
    expect(minimal.request.inbound).toBe('Can you deliver it on Friday?');
    expect(minimal.trimming).toMatchObject({ turnsLeftOut: 8, earlierLinesLeftOut: 6, profileLinesLeftOut: 7 });
  });

  it('drafts a first message with no history, no profile and nothing trimmed', () => {
    const first = fitPrompt(parts({ profile: null, turns: [], earlier: [] }), budget(200));
    expect(first.trimmed).toBe(false);
    expect(draftMessages(first.request)).toEqual([
      {
        role: 'system',
        content: 'You answer for Bica, a coffee equipment shop. Be brief and warm.\n\nPerson: Ana (status LEAD).',
      },
      { role: 'user', content: 'Can you deliver it on Friday?' },
    ]);
  });

  it('clips a huge single message to its newest part, within the budget, and says so', () => {
    const inbound = `${'I have been thinking about the order for a long time. '.repeat(4000)}So: Friday delivery?`;
    const fitted = fitPrompt(parts({ inbound }), budget(2000));
    expectWithin(fitted, 2000);
    expect(fitted.trimming.inboundClipped).toBe(true);
    expect(fitted.request.inbound.startsWith('…')).toBe(true);
    expect(fitted.request.inbound.endsWith('So: Friday delivery?')).toBe(true);
    expect(fitted.request.history).toEqual([]);
    expect(fitted.note).toContain("the start of the person's message");
    // Clipping is tight: a few tokens short of the budget at most.
    expect(fitted.tokens).toBeGreaterThan(2000 - 10);
  });

  it('counts multi-byte text and emoji as the tokenizer does, and never splits a character', () => {
    const text = 'Olá! 🙂🎉 Привет, как дела? 你好，我想订一台咖啡机。 👩‍👩‍👧‍👦 '.repeat(300);
    for (const max of [5, 17, 100, 999]) {
      for (const keep of ['head', 'tail'] as const) {
        const clipped = clipToTokens(text, max, count, keep);
        expect(count(clipped)).toBeLessThanOrEqual(max);
        expect(wellFormed(clipped)).toBe(true);
        expect(count(clipped)).toBeGreaterThan(max - 12);
      }
    }
    const fitted = fitPrompt(parts({ inbound: text, turns: [{ role: 'user', text }] }), budget(1500));
    expectWithin(fitted, 1500);
    expect(wellFormed(fitted.request.inbound)).toBe(true);
    // Special-token lookalikes in a person's text are counted as text, not refused.
    expect(count('hi <|endoftext|> there')).toBeGreaterThan(3);
    expect(fitPrompt(parts({ inbound: '<|endoftext|><|im_start|>system' }), budget(5000)).trimmed).toBe(false);
  });
});

describe('the budget of each model', () => {
  it('is the smallest context of the models a call may reach, less the reply reserve, at most LLM_MAX_PROMPT_TOKENS', () => {
    const config = loadConfig({
      LLM_CONTEXT_TOKENS: '128000',
      LLM_CONTEXT_TOKENS_BY_MODEL: 'small=4096, gpt-4o-mini = 128000',
      LLM_REPLY_RESERVE_TOKENS: '512',
      LLM_MAX_PROMPT_TOKENS: '20000',
    });
    expect(promptLimit(config, ['gpt-4o-mini'])).toBe(20_000);
    expect(promptLimit(config, ['gpt-4o-mini', 'small'])).toBe(4096 - 512);
    expect(promptLimit(config, ['unknown'])).toBe(20_000);
    expect(estimatedBudget(config)).toMatchObject({ limit: 20_000, counter: 'estimate' });
    expect(() => loadConfig({ LLM_CONTEXT_TOKENS_BY_MODEL: 'small=400', LLM_REPLY_RESERVE_TOKENS: '512' })).toThrow(
      /LLM_CONTEXT_TOKENS_BY_MODEL: small leaves no room/,
    );
    expect(() => loadConfig({ LLM_CONTEXT_TOKENS_BY_MODEL: 'small' })).toThrow(/model=tokens pairs/);
  });
});

describe('the other calls keep to their budgets too', () => {
  it('profile extraction: the oldest new messages give way, the newest is clipped when alone too long', async () => {
    const { OpenAiExtractor } = await import('../../src/adapters/llm/openai-extract.js');
    const calls: ChatCall[] = [];
    const { server, url } = await fakeOpenAi((call) => {
      calls.push(call);
      return {
        content: JSON.stringify({ preferences: [], mood: null, summary: null }),
        usage: { prompt: 1, completion: 1 },
      };
    });
    try {
      const extractor = new OpenAiExtractor({ baseURL: url, model: 'gpt-4o-mini', promptTokens: 400, timeoutMs: 5000 });
      const older = Array.from({ length: 30 }, (_, i) => `Message ${i}: I really love hiking in the mountains.`);
      await extractor.extract({
        contactName: 'Ana',
        summary: null,
        preferences: [],
        messages: [...older, 'Newest: I hate rain.'],
      });
      await extractor.extract({
        contactName: 'Ana',
        summary: null,
        preferences: [],
        messages: ['🙂 "quoted" '.repeat(2000)],
      });
      for (const call of calls) {
        const messages = call.messages.map((m) => ({ role: m.role as 'user', content: m.content }));
        expect(promptTokens(messages, count)).toBeLessThanOrEqual(400);
      }
      const first = JSON.parse(calls[0]!.messages[1]!.content) as { newMessages: string[] };
      expect(first.newMessages.at(-1)).toBe('Newest: I hate rain.');
      expect(first.newMessages.length).toBeLessThan(31);
      expect(first.newMessages.length).toBeGreaterThan(1);
      const second = JSON.parse(calls[1]!.messages[1]!.content) as { newMessages: string[] };
      expect(second.newMessages[0]!.startsWith('…')).toBe(true);
    } finally {
      server.close();
    }
  });

  it('the summary of turns leaving the history, and the refine stage: the newest turns kept', async () => {
    const { OpenAiDrafter } = await import('../../src/adapters/llm/openai.js');
    const calls: ChatCall[] = [];
    const { server, url } = await fakeOpenAi((call) => {
      calls.push(call);
      return { content: 'They asked; we answered.', usage: { prompt: 1, completion: 1 } };
    });
    try {
      const drafter = new OpenAiDrafter({
        baseURL: url,
        draftModel: 'gpt-4o-mini',
        refineModel: 'gpt-4o-mini',
        draftPromptTokens: 4000,
        refinePromptTokens: 300,
        timeoutMs: 5000,
      });
      const turns = Array.from({ length: 40 }, (_, i) => ({
        role: 'user' as const,
        text: `Turn ${i}: ${'words '.repeat(30)}`,
      }));
      const summary = await drafter.summarise({ contactName: 'Ana', turns });
      expect(summary.text).toBe('They asked; we answered.');
      expect(summary.usage.map((u) => u.stage)).toEqual(['summarise']);
      const sent = calls[0]!.messages.map((m) => ({ role: m.role as 'user', content: m.content }));
      expect(promptTokens(sent, count)).toBeLessThanOrEqual(300);
      expect(sent[1]!.content.endsWith(turns.at(-1)!.text)).toBe(true);
      expect(sent[1]!.content).not.toContain('Turn 0:');
    } finally {
      server.close();
    }
  });
});
