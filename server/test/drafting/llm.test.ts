import { describe, expect, it } from 'vitest';
import { RetryDraftDocument, SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { parseBubbles } from '../../src/adapters/llm/openai.js';
import type { SavePersonaInput } from '../gql/graphql.js';
import {
  DraftQuery,
  DraftQueuedSubscription,
  DraftUpdatedSubscription,
  PersonasQuery,
  SavePersonaMutation,
} from '../support/documents.js';
import { expectTypename } from '../support/graphql.js';
import { useApp } from '../support/harness.js';
import { type ChatCall, type ChatReply, isExtraction, NO_PROFILE_UPDATE, useFakeOpenAi } from '../support/openai.js';

/** A model that answers Maya, and refuses the models in `failModels`. */
function modelReplies(behaviour: { failModels: Set<string>; calls: ChatCall[] }) {
  return (call: ChatCall): ChatReply => {
    // Profile extraction runs beside drafting (test/profile/extract-llm.test.ts covers it).
    if (isExtraction(call)) return { content: NO_PROFILE_UPDATE, usage: { prompt: 300, completion: 20 } };
    behaviour.calls.push(call);
    if (behaviour.failModels.has(call.model)) return { error: `model ${call.model} is unavailable` };
    const refine = call.temperature < 0.5;
    const content = refine
      ? JSON.stringify({ bubbles: ['Hi Maya!', 'We open at 9 tomorrow.'] })
      : 'Hi Maya! We open at 9 tomorrow, see you then.';
    return { content, usage: { prompt: 1200, completion: 40, cached: 1024 } };
  };
}

describe('drafting through an OpenAI-compatible endpoint', () => {
  const behaviour = { failModels: new Set<string>(), calls: [] as ChatCall[] };
  const llm = useFakeOpenAi(modelReplies(behaviour));
  const app = useApp('embedded', () => ({
    OPENAI_BASE_URL: llm.url,
    OPENAI_API_KEY: 'test-key',
    LLM_DRAFT_MODEL: 'gpt-4o',
    LLM_REFINE_MODEL: 'gpt-4o-mini',
    LLM_FALLBACK_MODEL: 'backup-model',
    LLM_TIMEOUT_SECONDS: '5',
  }));

  it('drafts creatively, refines into bubbles, and records tokens and cost per call', async () => {
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await app.admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '9001', text: 'When do you open tomorrow?', firstName: 'Maya' },
    });
    const draft = (await queued.until(() => true)).draftQueued;
    expect(draft.bubbles).toEqual(['Hi Maya!', 'We open at 9 tomorrow.']);

    const [draftCall, refineCall] = behaviour.calls;
    expect(draftCall).toMatchObject({ model: 'gpt-4o', temperature: 0.8 });
    expect(draftCall!.messages[0]!.role).toBe('system');
    expect(draftCall!.messages.at(-1)).toEqual({ role: 'user', content: 'When do you open tomorrow?' });
    expect(refineCall).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.3 });

    const calls = await app.t.app.core.analytics.llmCall.findMany({
      where: { draftId: draft.id, stage: { in: ['draft', 'refine'] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(calls.map((c) => [c.stage, c.model, c.inputTokens, c.cachedTokens, c.outputTokens])).toEqual([
      ['draft', 'gpt-4o', 1200, 1024, 40],
      ['refine', 'gpt-4o-mini', 1200, 1024, 40],
    ]);
    // gpt-4o: 176 uncached × $2.50 + 1024 cached × $1.25 + 40 × $10 per million tokens.
    expect(calls[0]!.costUsd.toFixed(6)).toBe('0.002120');
  });

  it("starts every draft's system prompt with the operator's active persona", async () => {
    const save = async (input: SavePersonaInput) =>
      (await app.admin.execute(SavePersonaMutation, { input })).data!.savePersona;
    const tiles = expectTypename(
      await save({ name: 'Tile shop', prompt: 'You answer for Azulejo, a tile shop in Porto.', active: true }),
      'SavePersonaSuccess',
    );
    expect(tiles.persona).toMatchObject({ name: 'Tile shop', active: true });
    const other = expectTypename(
      await save({ name: 'Bakery', prompt: 'You answer for a bakery.', active: true }),
      'SavePersonaSuccess',
    );
    const again = await save({
      id: tiles.persona.id,
      name: 'Tile shop',
      prompt: 'You answer for Azulejo, a tile shop in Porto.',
      active: true,
    });
    expect(expectTypename(again, 'SavePersonaSuccess').persona.active).toBe(true);
    const list = await app.admin.execute(PersonasQuery);
    expect(list.data!.personas).toEqual([
      { name: 'Tile shop', active: true },
      { name: 'Bakery', active: false },
    ]);
    expect(await save({ id: other.persona.id, name: 'Tile shop', prompt: 'x' })).toEqual({
      __typename: 'ValidationError',
      field: 'name',
    });
    expect(await save({ name: 'Empty', prompt: '  ' })).toEqual({
      __typename: 'ValidationError',
      field: 'prompt',
    });

    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    behaviour.calls.length = 0;
    await app.admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '9010', text: 'Do you have blue tiles?' },
    });
    await queued.until((e) => e.draftQueued.contact.telegramUserId === '9010');
    expect(behaviour.calls[0]!.messages[0]!.content).toMatch(
      /^You answer for Azulejo, a tile shop in Porto\.\n\nPerson: /,
    );
  });

  it('falls back to the fallback model, and a draft that cannot be generated becomes FAILED with its reason and can be retried', async () => {
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    const updated = app.admin.subscribe(DraftUpdatedSubscription);
    await new Promise((r) => setTimeout(r, 200));

    behaviour.failModels = new Set(['gpt-4o']);
    behaviour.calls.length = 0;
    await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '9002', text: 'Hello?' } });
    await queued.until((e) => e.draftQueued.contact.telegramUserId === '9002');
    expect(behaviour.calls.map((c) => c.model)).toEqual(['gpt-4o', 'backup-model', 'gpt-4o-mini']);

    behaviour.failModels = new Set(['gpt-4o', 'backup-model']);
    await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '9003', text: 'Anyone there?' } });
    const failed = await updated.until((e) => e.draftUpdated.status === 'FAILED', 20_000);
    const row = await app.admin.execute(DraftQuery, { id: failed.draftUpdated.id });
    expect(row.data!.draft!.failureReason).toMatch(/backup-model is unavailable/);

    behaviour.failModels = new Set();
    const retried = await app.admin.execute(RetryDraftDocument, { id: failed.draftUpdated.id });
    expect(expectTypename(retried.data!.retryDraft, 'RetryDraftSuccess').draft.status).toBe('GENERATING');
    const back = await queued.until((e) => e.draftQueued.id === failed.draftUpdated.id);
    expect(back.draftQueued.status).toBe('PENDING');
  }, 40_000);
});

describe('refine output', () => {
  it('takes JSON bubbles, or splits the draft when the model ignored the format', () => {
    expect(parseBubbles('```json\n{"bubbles": ["a", "b"]}\n```', 'x')).toEqual(['a', 'b']);
    expect(parseBubbles('not json', 'first\n\nsecond')).toEqual(['first', 'second']);
  });
});
