import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { eventually, useApp } from '../support/harness.js';
import { type ChatCall, type ChatReply, isExtraction, NO_PROFILE_UPDATE, useFakeOpenAi } from '../support/openai.js';

/** A model that holds every answer until the test lets it go. */
function gatedModel() {
  const held: Array<() => void> = [];
  let open = false;
  return {
    waiting: () => held.length,
    release() {
      open = true;
      for (const go of held.splice(0)) go();
    },
    async reply(call: ChatCall): Promise<ChatReply> {
      if (isExtraction(call)) return { content: NO_PROFILE_UPDATE, usage: { prompt: 300, completion: 20 } };
      if (!open) await new Promise<void>((release) => held.push(release));
      const content = call.temperature < 0.5 ? JSON.stringify({ bubbles: ['Sure, see you!'] }) : 'Sure, see you!';
      return { content, usage: { prompt: 900, completion: 30 } };
    },
  };
}

describe('the cost of drafts that were superseded while being written', () => {
  const llm = gatedModel();
  const endpoint = useFakeOpenAi(llm.reply);
  let core: Core;
  useApp(
    'embedded',
    () => ({ OPENAI_BASE_URL: endpoint.url, OPENAI_API_KEY: 'test-key', LLM_TIMEOUT_SECONDS: '20' }),
    async (t) => {
      core = t.app.core;
    },
  );

  it('still records the LLM calls made for them', async () => {
    await sandboxSend(core, { telegramUserId: '5101', text: 'See you at 8?' });
    await eventually(async () => llm.waiting() > 0, 15_000, 'the draft stage to reach the model');
    const first = await core.analytics.draft.findFirstOrThrow({ where: { contact: { telegramUserId: '5101' } } });

    // The person writes again while the model is still writing the first draft.
    await sandboxSend(core, { telegramUserId: '5101', text: 'Or 9?' });
    await eventually(
      async () => (await core.analytics.draft.findUniqueOrThrow({ where: { id: first.id } })).status === 'SUPERSEDED',
      15_000,
      'the first draft to be superseded',
    );
    llm.release();

    const second = await eventually(
      () => core.analytics.draft.findFirst({ where: { contact: { telegramUserId: '5101' }, status: 'PENDING' } }),
      20_000,
      'the draft answering both messages',
    );
    expect(second.inboundText).toBe('See you at 8?\nOr 9?');
    const calls = await eventually(
      async () => {
        const rows = await core.analytics.llmCall.findMany({
          where: { draftId: first.id, stage: { in: ['draft', 'refine'] } },
        });
        return rows.length >= 2 ? rows : null;
      },
      15_000,
      'the first draft’s LLM calls to be recorded',
    );
    expect(calls.map((c) => c.stage).sort()).toEqual(['draft', 'refine']);
    expect(calls.every((c) => c.inputTokens === 900 && c.outputTokens === 30)).toBe(true);
  });
});
