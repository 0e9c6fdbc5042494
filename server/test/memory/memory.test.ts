import { describe, expect, it } from 'vitest';
import { fitContext, type MemoryContext, sizeOf } from '../../src/memory/context.js';
import { readMemory, rememberExchange } from '../../src/memory/memory.js';
import { MemoryStatsQuery } from '../support/documents.js';
import type { TestClient } from '../support/graphql.js';
import { type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

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

describe('graded compression keeps the newest essential facts', () => {
  const identity = { name: 'Ana', username: 'ana', telegramUserId: '1' };
  const counters = { exchanges: 9, messagesReceived: 9, bubblesSent: 9 };

  it('drops summary lines oldest first and keeps as many of the newest as fit', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `They: line ${i} ${'z'.repeat(40)}`);
    const fitted = fitContext({ identity, counters, summary: lines.join('\n') }, 1024);
    expect(fitted.level).toBe('partial');
    expect(fitted.sizeBytes).toBeLessThanOrEqual(1024);
    const kept = fitted.context.summary!.split('\n');
    expect(kept.length).toBeGreaterThan(5);
    expect(kept).toEqual(lines.slice(lines.length - kept.length));
    // One more line would not have fitted.
    const more = { ...fitted.context, summary: lines.slice(lines.length - kept.length - 1).join('\n') };
    expect(sizeOf(more)).toBeGreaterThan(1024);
  });

  it('drops preferences oldest first before giving up on all but identity', () => {
    const preferences = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`topic${i}`, 'y'.repeat(60)]));
    const fitted = fitContext({ identity, counters, preferences, summary: 'x'.repeat(5000) }, 1024);
    expect(fitted.level).toBe('aggressive');
    expect(fitted.context.summary).toBeUndefined();
    expect(fitted.context.counters).toEqual(counters);
    const kept = Object.keys(fitted.context.preferences!);
    expect(kept.length).toBeGreaterThan(3);
    expect(kept).toEqual(Object.keys(preferences).slice(20 - kept.length));
  });
});

// Services mode writes memory with raw statements straight on pg; embedded mode runs them through Prisma.
const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('bounded memory in the rapport database (%s mode)', (mode) => {
  let admin: TestClient;
  const app = useApp(mode, { MEMORY_MAX_HISTORY: '4', MEMORY_MAX_CONTEXT_KB: '1' }, async (t) => {
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
    expect(memory.earlier).toEqual(['They: question 1', 'We: answer 1']);
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
    // Graded: the oldest summary lines went, the newest stayed (never the whole summary at once).
    expect(levels).toContain('partial');
    expect(levels).not.toContain('essential');
    const row = await app.t.app.core.rapport.personalizationCache.findUniqueOrThrow({ where: { contactId: ID } });
    expect(row.context).toMatchObject({ identity: { name: 'Ana' }, counters: { exchanges: 12 } });
    const summary = (row.context as unknown as MemoryContext).summary!.split('\n');
    expect(summary.at(-1)).toBe('We: answer 10');
    expect(summary.at(-2)).toMatch(/^They: long story 10 /);
    expect(summary.join('\n')).not.toContain('question 1');
    const stats = await admin.execute(MemoryStatsQuery, {});
    expect(stats.data!.memoryStats.compressions).toBeGreaterThanOrEqual(1);
    expect(stats.data!.memoryStats.contextBytes).toBe(row.sizeBytes);
  });
});
