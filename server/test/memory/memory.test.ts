import { describe, expect, it } from 'vitest';
import { fitContext, type MemoryContext, sizeOf } from '../../src/memory/context.js';
import { readMemory, rememberExchange } from '../../src/memory/memory.js';
import { MemoryStatsQuery } from '../support/documents.js';
import type { TestClient } from '../support/graphql.js';
import { useApp } from '../support/harness.js';

const ID = '11111111-1111-4111-8111-111111111111';

describe('memory context compression', () => {
  it('drops the summary first (essential), then all but identity (aggressive)', () => {
    const context: MemoryContext = {
      identity: { name: 'Ana', username: 'ana', telegramUserId: '1' },
      preferences: { language: 'pt' },
      counters: { exchanges: 3, messagesReceived: 4, bubblesSent: 5 },
      summary: 'x'.repeat(2000),
    };
    expect(fitContext(context, 4096).level).toBe('none');
    const essential = fitContext(context, 1024);
    expect(essential.level).toBe('essential');
    expect(essential.context).toEqual({
      identity: context.identity,
      preferences: { language: 'pt' },
      counters: context.counters,
    });
    const aggressive = fitContext({ ...context, preferences: { notes: 'y'.repeat(2000) } }, 1024);
    expect(aggressive).toMatchObject({ level: 'aggressive', context: { identity: context.identity } });
    expect(aggressive.sizeBytes).toBe(sizeOf(aggressive.context));
  });
});

describe('bounded memory in the rapport database', () => {
  let admin: TestClient;
  const app = useApp('embedded', { MEMORY_MAX_HISTORY: '4', MEMORY_MAX_CONTEXT_KB: '1' }, async (t) => {
    admin = t.as(await t.login());
  });

  const exchange = (n: number, inbound = `question ${n}`) =>
    rememberExchange(app.t.app.core, {
      contactId: ID,
      displayName: 'Ana',
      username: 'ana',
      telegramUserId: '1',
      draftId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      inbound,
      sent: [`answer ${n}`],
    });

  it('keeps the last MEMORY_MAX_HISTORY turns, summarises older ones, and the cache sees every write', async () => {
    await exchange(1);
    expect((await readMemory(app.t.app.core, ID)).turns).toEqual([
      { role: 'user', text: 'question 1' },
      { role: 'assistant', text: 'answer 1' },
    ]);
    await exchange(1); // the same draft again: nothing new
    await exchange(2);
    await exchange(3);
    const memory = await readMemory(app.t.app.core, ID);
    expect(memory.turns.map((x) => x.text)).toEqual(['question 2', 'answer 2', 'question 3', 'answer 3']);
    expect(memory.summary).toContain('They: question 1\nWe: answer 1');
    const stats = await admin.execute(MemoryStatsQuery, { id: ID });
    expect(stats.data?.memoryStats).toMatchObject({
      profiles: 1,
      turns: 4,
      snapshots: 1,
      historyLimitHits: 1,
      compressions: 0,
      compression: 'none',
      maxHistory: 4,
      maxContextKb: 1,
    });
  });

  it('compresses the context to stay under MEMORY_MAX_CONTEXT_KB and counts it', async () => {
    // Each long exchange adds a clipped line to the summary once it leaves the history.
    const levels: string[] = [];
    for (let n = 4; n <= 12; n++) {
      await exchange(n, `long story ${n} `.repeat(40));
      const row = await app.t.app.core.rapport.personalizationCache.findUniqueOrThrow({ where: { contactId: ID } });
      expect(row.sizeBytes).toBeLessThanOrEqual(1024);
      levels.push(row.compression);
    }
    expect(levels).toContain('essential');
    const row = await app.t.app.core.rapport.personalizationCache.findUniqueOrThrow({ where: { contactId: ID } });
    expect(row.context).toMatchObject({ identity: { name: 'Ana' }, counters: { exchanges: 12 } });
    const stats = await admin.execute(MemoryStatsQuery, {});
    expect(stats.data!.memoryStats.compressions).toBeGreaterThanOrEqual(1);
    expect(stats.data!.memoryStats.contextBytes).toBe(row.sizeBytes);
  });
});
