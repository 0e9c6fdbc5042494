import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSpool } from '../../src/adapters/spool/file.js';
import { RedisSpool } from '../../src/adapters/spool/redis.js';
import type { InboundMessage, InboundSpool } from '../../src/ports.js';
import { flushRedisPrefix, REDIS_URL, servicesAvailable, tempDir, uniqueName } from '../support/services.js';

interface Adapter {
  name: string;
  /** A fresh place to keep a spool; `open` may be called again on it, as a restarted process would. */
  place(): { open(): Promise<InboundSpool>; remove(): Promise<void> };
}

const adapters: Adapter[] = [
  {
    name: 'file under DATA_DIR',
    place() {
      const dir = tempDir();
      return { open: () => FileSpool.open(join(dir.dir, 'spool')), remove: async () => dir.remove() };
    },
  },
];
if (servicesAvailable)
  adapters.push({
    name: 'Redis list',
    place() {
      const prefix = uniqueName('cstest');
      const clients: Redis[] = [];
      return {
        async open() {
          const redis = new Redis(REDIS_URL);
          clients.push(redis);
          return new RedisSpool(redis, `${prefix}:spool:inbound`);
        },
        async remove() {
          for (const c of clients) c.disconnect();
          await flushRedisPrefix(prefix);
        },
      };
    },
  });

const message = (n: number): InboundMessage => ({
  account: 'tg:1',
  chatId: '42',
  telegramUserId: '42',
  telegramMessageId: String(n),
  text: `message ${n} — olá`,
  displayName: 'Ana',
  accessHash: '777',
  sentAt: new Date(Date.UTC(2025, 0, 1, 12, 0, n)),
});

describe.each(adapters)('InboundSpool contract: $name', (adapter) => {
  const places: Array<{ remove(): Promise<void> }> = [];
  const open: InboundSpool[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    for (const p of places.splice(0)) await p.remove();
  });
  function place() {
    const p = adapter.place();
    places.push(p);
    return {
      async open() {
        const spool = await p.open();
        open.push(spool);
        return spool;
      },
    };
  }

  it('gives back what was appended, oldest first, without removing it', async () => {
    const spool = await place().open();
    expect(await spool.peek(10)).toEqual([]);
    await Promise.all([1, 2, 3].map((n) => spool.append(message(n))));
    expect(await spool.size()).toBe(3);
    const peeked = await spool.peek(2);
    expect(peeked.map((e) => e.message)).toEqual([message(1), message(2)]);
    expect(peeked[0]!.message.sentAt).toBeInstanceOf(Date);
    expect((await spool.peek(10)).map((e) => e.message.telegramMessageId)).toEqual(['1', '2', '3']);
  });

  it('removes only the head it was given, once', async () => {
    const spool = await place().open();
    for (const n of [1, 2, 3]) await spool.append(message(n));
    const [first, second, third] = (await spool.peek(3)).map((e) => e.id);
    await spool.removeHead(second!);
    expect(await spool.size()).toBe(3);
    await spool.removeHead(first!);
    await spool.removeHead(first!);
    expect((await spool.peek(10)).map((e) => e.id)).toEqual([second, third]);
  });

  it('survives being reopened, before and after it empties', async () => {
    const p = place();
    let spool = await p.open();
    for (const n of [1, 2, 3]) await spool.append(message(n));
    await spool.removeHead((await spool.peek(1))[0]!.id);
    await spool.close();
    open.splice(0);

    spool = await p.open();
    expect((await spool.peek(10)).map((e) => e.message)).toEqual([message(2), message(3)]);
    for (const entry of await spool.peek(10)) await spool.removeHead(entry.id);
    expect(await spool.size()).toBe(0);
    await spool.append(message(4));
    await spool.close();
    open.splice(0);

    spool = await p.open();
    expect((await spool.peek(10)).map((e) => e.message)).toEqual([message(4)]);
  });
});

describe('file spool after a crash in the middle of an append', () => {
  it('drops the torn line, which was never acknowledged, and keeps everything before and after it', async () => {
    const dir = tempDir();
    try {
      const path = join(dir.dir, 'spool');
      let spool = await FileSpool.open(path);
      await spool.append(message(1));
      await spool.close();
      appendFileSync(join(path, 'inbound.jsonl'), '{"id":"torn","message":{"acc');
      spool = await FileSpool.open(path);
      await spool.append(message(2));
      await spool.close();
      spool = await FileSpool.open(path);
      expect((await spool.peek(10)).map((e) => e.message)).toEqual([message(1), message(2)]);
      await spool.close();
    } finally {
      dir.remove();
    }
  });
});
