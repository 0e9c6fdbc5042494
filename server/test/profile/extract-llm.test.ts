import { describe, expect, it } from 'vitest';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { readProfile } from '../../src/profile/read.js';
import { eventually, useApp } from '../support/harness.js';
import { type ChatCall, type ChatReply, isExtraction, useFakeOpenAi } from '../support/openai.js';

describe('profile extraction with an LLM: one structured-output call per turn', () => {
  const extractions: ChatCall[] = [];
  const answer = { mode: 'valid' as 'valid' | 'garbage' };
  const llm = useFakeOpenAi((call): ChatReply => {
    if (!isExtraction(call)) {
      const content = call.temperature < 0.5 ? JSON.stringify({ bubbles: ['Sure!'] }) : 'Sure!';
      return { content, usage: { prompt: 500, completion: 10 } };
    }
    extractions.push(call);
    if (answer.mode === 'garbage') return { content: '{"preferences": "lots"}', usage: { prompt: 700, completion: 5 } };
    return {
      content: JSON.stringify({
        preferences: [
          { topic: 'Green Tea', stance: 'LIKES', confidence: 0.8 },
          { topic: 'loud music', stance: 'DISLIKES', confidence: 0.6 },
        ],
        mood: { label: 'relaxed', valence: 0.4, intensity: 0.3 },
        summary: 'Ana runs a small café and is looking for quiet background music.',
      }),
      usage: { prompt: 1000, completion: 80, cached: 200 },
    };
  });
  const app = useApp('embedded', () => ({
    OPENAI_BASE_URL: llm.url,
    OPENAI_API_KEY: 'test-key',
    LLM_EXTRACT_MODEL: 'gpt-4o-mini',
  }));

  const extracted = (telegramUserId: string) =>
    eventually(
      () =>
        app.t.app.core.analytics.draft.findFirst({
          where: { contact: { telegramUserId }, extractedAt: { not: null } },
          include: { llmCalls: { where: { stage: 'extract' } } },
        }),
      20_000,
      'the turn to be extracted',
    );

  it('asks for the schema, validates the answer, merges it, and records tokens and cost', async () => {
    await sandboxSend(app.t.app.core, {
      telegramUserId: '7301',
      firstName: 'Ana',
      text: 'I run a café and I love green tea. Loud music drives me mad.',
    });
    const draft = await extracted('7301');
    const call = extractions[0]!;
    expect(call.temperature).toBe(0);
    expect(call.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'profile_update', strict: true },
    });
    const schema = call.response_format!.json_schema!.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(schema.required.sort()).toEqual(['mood', 'preferences', 'summary']);
    expect(call.messages.at(-1)!.content).toContain('I love green tea');

    const profile = await readProfile(app.t.app.core, draft.contactId);
    expect(profile).toMatchObject({
      summary: 'Ana runs a small café and is looking for quiet background music.',
      language: 'en',
      mood: { label: 'relaxed', valence: 0.4, intensity: 0.3 },
      style: { messages: 1 },
    });
    expect(profile!.preferences.map((p) => [p.topic, p.stance, Number(p.confidence.toFixed(3))])).toEqual([
      ['green tea', 'LIKES', 0.8],
      ['loud music', 'DISLIKES', 0.6],
    ]);
    expect(draft.llmCalls.map((c) => [c.model, c.inputTokens, c.cachedTokens, c.outputTokens, c.error])).toEqual([
      ['gpt-4o-mini', 1000, 200, 80, null],
    ]);
    // gpt-4o-mini: 800 × $0.15 + 200 × $0.075 + 80 × $0.60 per million tokens.
    expect(draft.llmCalls[0]!.costUsd.toFixed(6)).toBe('0.000183');
  });

  it('falls back to the offline extractor when the answer is outside the schema, and says why', async () => {
    answer.mode = 'garbage';
    await sandboxSend(app.t.app.core, { telegramUserId: '7302', text: 'I really love chess' });
    const draft = await extracted('7302');
    expect(draft.llmCalls).toHaveLength(1);
    expect(draft.llmCalls[0]!.error).toMatch(/outside the schema/);
    const profile = await readProfile(app.t.app.core, draft.contactId);
    expect(profile!.preferences.map((p) => [p.topic, p.stance])).toEqual([['chess', 'LIKES']]);
    expect(profile!.summary).toBeNull();
  });
});
