import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineDrafter } from '../../src/adapters/llm/offline.js';
import { OpenAiDrafter } from '../../src/adapters/llm/openai.js';
import type { Drafter, DraftRequest } from '../../src/ports.js';
import { type ChatCall, fakeOpenAi } from '../support/openai.js';

const paragraph = (n: number) => `Paragraph ${n}: ${'all the details you asked for, '.repeat(30)}`;

/**
 * A model that does not always follow instructions: a long-winded draft, and a refine stage that returns
 * too many, too long bubbles, or no JSON at all.
 */
function fakeModel(calls: ChatCall[]) {
  return fakeOpenAi((call) => {
    calls.push(call);
    const last = call.messages.at(-1)?.content ?? '';
    const refine = call.temperature < 0.5;
    let content: string;
    if (!refine) content = /everything/.test(last) ? [1, 2, 3, 4, 5, 6].map(paragraph).join('\n\n') : 'Hi! Yes.';
    else if (last.startsWith('Paragraph'))
      content = /plain/.test(JSON.stringify(calls.at(-2))) ? last : JSON.stringify({ bubbles: Array(5).fill(last) });
    else content = JSON.stringify({ bubbles: ['Hi!', 'Yes.'] });
    return { content, usage: { prompt: 900, completion: 60, cached: 512 } };
  });
}

interface Adapter {
  name: string;
  open(): Promise<{ drafter: Drafter; modelCalls(): number; close(): Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'offline',
    open: async () => ({ drafter: new OfflineDrafter(), modelCalls: () => 0, close: async () => {} }),
  },
  {
    name: 'OpenAI-compatible endpoint',
    async open() {
      const calls: ChatCall[] = [];
      const { server, url } = await fakeModel(calls);
      const drafter = new OpenAiDrafter({
        apiKey: 'test-key',
        baseURL: url,
        draftModel: 'gpt-4o',
        refineModel: 'gpt-4o-mini',
        draftPromptTokens: 100_000,
        refinePromptTokens: 100_000,
        timeoutMs: 5000,
      });
      return {
        drafter,
        modelCalls: () => calls.length,
        close: () => new Promise<void>((r) => server.close(() => r())),
      };
    },
  },
];

const request = (inbound: string, more: Partial<DraftRequest> = {}): DraftRequest => ({
  draftId: '00000000-0000-4000-8000-000000000001',
  persona: 'You are the courteous assistant of a bakery.',
  contactName: 'Maya Costa',
  customerStatus: 'PROSPECT',
  profileSummary: '',
  history: [],
  inbound,
  ...more,
});

describe.each(adapters)('Drafter contract: $name', (adapter) => {
  let drafter: Drafter;
  let modelCalls: () => number;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ drafter, modelCalls, close } = await adapter.open());
  });
  afterAll(async () => close?.());

  async function draftChecked(req: DraftRequest) {
    const before = modelCalls();
    const result = await drafter.draft(req);
    expect(result.bubbles.length).toBeGreaterThanOrEqual(1);
    expect(result.bubbles.length).toBeLessThanOrEqual(3);
    for (const bubble of result.bubbles) {
      expect(bubble.trim().length).toBeGreaterThan(0);
      expect(bubble.length).toBeLessThanOrEqual(500);
    }
    expect(result.drafter.length).toBeGreaterThan(0);
    // One usage entry per model call, with the stage, the model and non-negative counts and cost.
    expect(result.usage).toHaveLength(modelCalls() - before);
    for (const u of result.usage) {
      expect(u.stage.length).toBeGreaterThan(0);
      expect(u.model.length).toBeGreaterThan(0);
      for (const n of [u.inputTokens, u.cachedTokens, u.outputTokens, u.latencyMs]) {
        expect(Number.isInteger(n) && n >= 0).toBe(true);
      }
      expect(u.cachedTokens).toBeLessThanOrEqual(u.inputTokens);
      expect(u.costUsd).toBeGreaterThanOrEqual(0);
    }
    return result;
  }

  it('has a name, and answers a short message with 1 to 3 bubbles, reporting usage per call', async () => {
    expect(drafter.name.length).toBeGreaterThan(0);
    await draftChecked(request('Are you open on Sunday?'));
  });

  it('keeps to 1 to 3 bubbles of at most 500 characters however long the answer', async () => {
    await draftChecked(request('Tell me everything about your cakes'));
    await draftChecked(request('Tell me everything, plain please'));
  });

  it('drafts for a returning person with history and a profile', async () => {
    await draftChecked(
      request('And on Monday?', {
        customerStatus: 'CUSTOMER',
        profileSummary: 'Preferences: language: pt',
        history: [
          { role: 'user', text: 'Are you open on Sunday?' },
          { role: 'assistant', text: 'Yes, from 9 to 13.' },
        ],
      }),
    );
  });
});
