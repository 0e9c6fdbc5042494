import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { tokenizerOf } from '../../src/adapters/llm/tokens.js';
import { promptTokens } from '../../src/drafting/prompt.js';
import type { MemoryContext } from '../../src/memory/context.js';
import { rememberExchange } from '../../src/memory/memory.js';
import {
  ApproveDraftMutation,
  DraftContextQuery,
  DraftQueuedSubscription,
  SandboxChatQuery,
} from '../support/documents.js';
import { eventually, useApp } from '../support/harness.js';
import { type ChatCall, type ChatReply, useFakeOpenAi } from '../support/openai.js';

const SUMMARY = 'Ana asked about the grinder; we promised delivery on Friday.';

function model(calls: ChatCall[]) {
  return (call: ChatCall): ChatReply => {
    calls.push(call);
    const system = call.messages[0]?.content ?? '';
    if (system.startsWith('These turns are leaving')) {
      return { content: `  ${SUMMARY}\n`, usage: { prompt: 210, completion: 14 } };
    }
    const content = call.temperature < 0.5 ? JSON.stringify({ bubbles: ['Sure, Friday works.'] }) : 'Sure, Friday.';
    return { content, usage: { prompt: 300, completion: 10 } };
  };
}

describe('a small-context model: every call within its budget, trimming shown to the reviewer', () => {
  const calls: ChatCall[] = [];
  const llm = useFakeOpenAi(model(calls));
  const app = useApp('embedded', () => ({
    OPENAI_BASE_URL: llm.url,
    OPENAI_API_KEY: 'test-key',
    LLM_DRAFT_MODEL: 'small',
    LLM_REFINE_MODEL: 'gpt-4o-mini',
    LLM_CONTEXT_TOKENS_BY_MODEL: 'small=1500',
    LLM_REPLY_RESERVE_TOKENS: '500',
    MEMORY_MAX_HISTORY: '40',
  }));

  it('fits a long history into the draft prompt, newest turns first, and marks the draft "context trimmed"', async () => {
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await app.admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '7001', text: 'Hello, is the grinder in stock?', firstName: 'Ana' },
    });
    const first = (await queued.until(() => true)).draftQueued;
    const before = await app.admin.execute(DraftContextQuery, { id: first.id });
    expect(before.data!.draft).toMatchObject({
      contextTrimmed: false,
      contextNote: null,
      draftedWithoutProfile: false,
    });
    const contactId = before.data!.draft!.contact.id;

    for (let n = 1; n <= 20; n++) {
      await rememberExchange(app.t.app.core, {
        contactId,
        displayName: 'Ana',
        draftId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        inbound: `Exchange ${n}: ${'a question about grinders, burrs and warranty terms. '.repeat(4)}`,
        sent: [`Answer ${n}: ${'the details of the grinder you asked about. '.repeat(3)}`],
      });
    }
    calls.length = 0;
    await app.admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '7001', text: 'Can it arrive on Friday?', firstName: 'Ana' },
    });
    const second = (await queued.until((e) => e.draftQueued.id !== first.id)).draftQueued;

    const draftCall = calls.find((c) => c.model === 'small')!;
    const count = await tokenizerOf('small');
    const sent = draftCall.messages.map((m) => ({ role: m.role as 'user', content: m.content }));
    expect(promptTokens(sent, count)).toBeLessThanOrEqual(1000);
    expect(sent.at(-1)!.content).toBe('Hello, is the grinder in stock?\nCan it arrive on Friday?');
    // The newest remembered turn is there, right before the burst; the oldest is not.
    expect(sent.at(-2)!.content).toMatch(/^Answer 20: /);
    expect(sent.some((m) => m.content.startsWith('Exchange 1:'))).toBe(false);

    const draft = (await app.admin.execute(DraftContextQuery, { id: second.id })).data!.draft!;
    expect(draft.contextTrimmed).toBe(true);
    expect(draft.draftedWithoutProfile).toBe(false);
    expect(draft.contextNote).toMatch(
      /^Context trimmed to the model's 1000-token prompt budget: left out \d+ of 40 earlier turns\.$/,
    );
  });

  it("writes the summary of turns leaving the history with the model, and records the call's tokens", async () => {
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    const exchange = async (text: string, reply: string) => {
      await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '7002', text, firstName: 'Bo' } });
      const draft = (
        await queued.until((e) => e.draftQueued.contact.telegramUserId === '7002' && e.draftQueued.inboundText === text)
      ).draftQueued;
      await app.admin.execute(ApproveDraftMutation, { input: { draftId: draft.id, bubbles: [reply], claim: true } });
      await eventually(
        async () =>
          (await app.admin.execute(SandboxChatQuery, { telegramUserId: '7002' })).data!.sandboxChat.some(
            (m) => m.text === reply,
          ),
        10_000,
        'the delivery',
      );
      return draft.id;
    };
    const contactOf = async () =>
      (await app.t.app.core.analytics.contact.findFirstOrThrow({ where: { telegramUserId: '7002' } })).id;

    // MEMORY_MAX_HISTORY is 40 turns: this exchange and 19 more fill it, the next pushes this one out.
    await exchange('What about delivery?', 'Friday, if you order today.');
    const contactId = await contactOf();
    const rememberedTurns = async () => app.t.app.core.rapport.memoryTurn.count({ where: { contactId } });
    await eventually(async () => (await rememberedTurns()) === 2, 10_000, 'the first memory write');
    for (let n = 2; n <= 20; n++) {
      await rememberExchange(app.t.app.core, {
        contactId,
        displayName: 'Bo',
        draftId: `00000000-0000-4000-8002-${n.toString(16).padStart(12, '0')}`,
        inbound: `question ${n}`,
        sent: [`answer ${n}`],
      });
    }
    expect(await rememberedTurns()).toBe(40);
    calls.length = 0;
    const leaving = await exchange('And the warranty?', 'Two years.');
    const context = await eventually(
      async () => {
        const row = await app.t.app.core.rapport.personalizationCache.findUnique({ where: { contactId } });
        const summary = (row?.context as unknown as MemoryContext | undefined)?.summary;
        return summary ? summary : null;
      },
      10_000,
      'the summary of the turns that left',
    );
    expect(context).toBe(SUMMARY);
    const summaryCall = calls.find((c) => c.messages[0]!.content.startsWith('These turns are leaving'))!;
    expect(summaryCall).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2 });
    expect(summaryCall.messages[1]!.content).toBe('Bo: What about delivery?\nWe: Friday, if you order today.');
    const recorded = await app.t.app.core.analytics.llmCall.findMany({
      where: { draftId: leaving, stage: 'summarise' },
    });
    expect(recorded.map((c) => [c.model, c.inputTokens, c.outputTokens])).toEqual([['gpt-4o-mini', 210, 14]]);
    const snapshot = await app.t.app.core.rapport.conversationSnapshot.findFirstOrThrow({ where: { contactId } });
    expect(snapshot.summary).toBe(SUMMARY);
  });
});
