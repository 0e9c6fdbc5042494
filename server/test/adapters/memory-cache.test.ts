import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/adapters/cache/memory.js';
import { eventually } from '../support/harness.js';

describe('the embedded cache stays bounded', () => {
  it('holds at most its maximum number of entries, evicting the least recently used', async () => {
    const cache = new MemoryCache({ maxEntries: 1000 });
    await cache.set('kept', 'read often', 60_000);
    for (let i = 0; i < 20_000; i++) {
      await cache.set(`memory:${i}`, { turns: [`turn ${i}`] }, 60_000);
      if (i % 500 === 0) await cache.get('kept');
    }
    expect(cache.size).toBeLessThanOrEqual(1000);
    expect(await cache.get('kept')).toBe('read often');
    expect(await cache.get('memory:0')).toBeNull();
    expect(await cache.get('memory:19999')).toEqual({ turns: ['turn 19999'] });
  });

  it('holds at most its maximum number of bytes', async () => {
    const cache = new MemoryCache({ maxEntries: 1000, maxBytes: 100_000 });
    for (let i = 0; i < 200; i++) await cache.set(`big:${i}`, 'x'.repeat(10_000), 60_000);
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(await cache.get('big:199')).toBe('x'.repeat(10_000));
  });

  it('drops expired entries without their keys being read again', async () => {
    const cache = new MemoryCache({ maxEntries: 1000 });
    for (let i = 0; i < 500; i++) await cache.set(`short:${i}`, i, 50);
    await cache.set('long', 'stays', 60_000);
    await eventually(async () => cache.size === 1, 5000, 'the expired entries to go');
    expect(await cache.get('long')).toBe('stays');
  });
});
