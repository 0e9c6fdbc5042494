/**
 * Context assembly, measured in a process of its own with the built server's modules (server/dist) against
 * a benchmark server's scratch databases and Redis prefix: the same compiled code, Prisma clients and Redis
 * cache a worker uses. Run by scenarios/context.ts as `node --import tsx lib/context-probe.ts <json>`; prints
 * one JSON line.
 *
 * Each person first gets a history through the server's own write path (`rememberExchange`, as the remember
 * job writes it), past MEMORY_MAX_HISTORY so older turns are summarised into the context object. Then, one
 * assembly at a time, what `generateDraft` does before calling the drafter: `assembleContext` (the persona,
 * memory and profile behind their caches, the prompt fitted to an o200k-counted budget). Cold: the person's cache entry deleted first.
 * Warm: read again with the entry in place. Floors: one indexed SELECT of the same turns (pg, no Prisma), and
 * one Redis GET of the same cached entry.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ROOT } from './server.js';
import { summarise } from './stats.js';

interface ProbeInput {
  env: Record<string, string>;
  contactIds: string[];
  exchanges: number;
  rounds: number;
}

// The few shapes of the server's modules this probe touches (server/dist has no type declarations).
interface Core {
  config: { MEMORY_MAX_HISTORY: number; REDIS_PREFIX: string };
  log: unknown;
  analytics: unknown;
  rapport: RapportWrites;
  rapportTransaction: unknown;
  cache: unknown;
}
interface RapportWrites {
  userProfile: { update(args: unknown): Promise<unknown> };
  userPreference: { createMany(args: unknown): Promise<unknown> };
  emotionalState: { create(args: unknown): Promise<unknown> };
  interactionStyle: { upsert(args: unknown): Promise<unknown> };
}
interface MemoryModule {
  rememberExchange(core: Core, exchange: Record<string, unknown>): Promise<void>;
  memoryCacheKey(contactId: string): string;
}
interface Budget {
  limit: number;
  counter: string;
  count(text: string): number;
}
interface ContextModule {
  assembleContext(
    core: Core,
    subject: Record<string, string>,
    budget: Budget,
  ): Promise<{ prompt: { tokens: number; trimmed: boolean; request: { history: unknown[]; profileSummary: string } } }>;
}

const dist = (file: string) => import(pathToFileURL(path.join(ROOT, 'server/dist', file)).href);

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as ProbeInput;
  const { loadConfig } = await dist('config.js');
  const { createLogger } = await dist('logger.js');
  const { openDatabases } = await dist('adapters/db/clients.js');
  const { RedisCache } = await dist('adapters/cache/redis.js');
  const memory = (await dist('memory/memory.js')) as MemoryModule;
  const { assembleContext } = (await dist('drafting/context.js')) as ContextModule;
  const { profileCacheKey } = (await dist('profile/read.js')) as { profileCacheKey(contactId: string): string };
  const { tokenizerOf, promptLimit } = (await dist('adapters/llm/tokens.js')) as {
    tokenizerOf(model: string): Promise<(text: string) => number>;
    promptLimit(config: unknown, models: string[]): number;
  };

  const config = loadConfig({ ...input.env, LOG_LEVEL: 'warn' });
  const databases = await openDatabases({
    analytics: { kind: 'postgres', url: input.env.DATABASE_URL },
    rapport: { kind: 'postgres', url: input.env.RAPPORT_DATABASE_URL },
  });
  const redis = new Redis(String(config.REDIS_URL));
  const core: Core = {
    config,
    log: createLogger('warn'),
    analytics: databases.analytics,
    rapport: databases.rapport,
    rapportTransaction: databases.rapportTransaction,
    cache: new RedisCache(redis, config.REDIS_PREFIX),
  };
  const plain = new pg.Pool({ connectionString: input.env.RAPPORT_DATABASE_URL, max: 10 });
  const ids = input.contactIds;

  // History: each person's exchanges, written as the remember job writes them (a few people at a time).
  const seedStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(4, ids.length) }, async () => {
      for (let i = next++; i < ids.length; i = next++) {
        const contactId = ids[i] as string;
        for (let e = 0; e < input.exchanges; e++) {
          await memory.rememberExchange(core, {
            contactId,
            displayName: `Person ${i}`,
            username: `person${i}`,
            telegramUserId: String(900_000 + i),
            // Drafts are uuids in the analytics database; here each only has to be unique per exchange.
            draftId: randomUUID(),
            inbound: `Hello again, this is message ${e}. Could you tell me more about the plan we discussed, and whether the price still holds for next month?`,
            sent: [
              'Thanks for checking in! The plan is the same as we discussed.',
              `The price holds until the end of next month; I can reserve it for you now if you like (ref ${e}).`,
            ],
          });
        }
      }
    }),
  );
  // A profile each, as extraction leaves it: a summary, eight preferences, a mood reading, style statistics.
  for (const [i, contactId] of ids.entries()) {
    await core.rapport.userProfile.update({
      where: { contactId },
      data: {
        language: 'en',
        summary: `Person ${i} runs a small shop and is comparing plans for next month; price matters most to them.`,
        profiledAt: new Date(),
      },
    });
    await core.rapport.userPreference.createMany({
      data: Array.from({ length: 8 }, (_, p) => ({
        contactId,
        topic: `topic ${p}`,
        stance: p % 3 === 0 ? 'DISLIKES' : 'LIKES',
        confidence: 0.4 + p / 20,
        evidence: 1 + p,
        pinned: p === 0,
      })),
      skipDuplicates: true,
    });
    await core.rapport.emotionalState.create({
      data: { contactId, label: 'hopeful', valence: 0.4, intensity: 0.6 },
    });
    await core.rapport.interactionStyle.upsert({
      where: { contactId },
      create: {
        contactId,
        messages: input.exchanges,
        totalLength: input.exchanges * 140,
        emojiMessages: 3,
        questions: input.exchanges,
        replySeconds: [60, 120, 600],
        hourCounts: Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? 2 : 0)),
      },
      update: {},
    });
  }
  const seedMs = performance.now() - seedStarted;
  // The budget of a process with an LLM: gpt-tokenizer's o200k counts, the default limits.
  const budget: Budget = {
    limit: promptLimit(config, ['gpt-4o-mini']),
    counter: 'o200k_base',
    count: await tokenizerOf('gpt-4o-mini'),
  };

  const cold: number[] = [];
  const warm: number[] = [];
  const floorSelect: number[] = [];
  const floorGet: number[] = [];
  let turnsRead = 0;
  let summaryChars = 0;
  let promptTokens = 0;
  let trimmed = false;
  const assemble = (contactId: string) =>
    assembleContext(
      core,
      {
        draftId: randomUUID(),
        contactId,
        contactName: 'Person',
        customerStatus: 'LEAD',
        inbound: 'Is the price the same?',
      },
      budget,
    );
  const time = async <T>(samples: number[], work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work();
    samples.push(performance.now() - started);
    return value;
  };
  // One untimed pass first, so connection pools and prepared plans are the same for every measured call.
  for (const contactId of ids) await assemble(contactId);
  for (let round = 0; round < input.rounds; round++) {
    for (const contactId of ids) {
      const key = `${config.REDIS_PREFIX}:cache:${memory.memoryCacheKey(contactId)}`;
      await redis.del(key, `${config.REDIS_PREFIX}:cache:${profileCacheKey(contactId)}`);
      const { prompt } = await time(cold, () => assemble(contactId));
      turnsRead = prompt.request.history.length;
      summaryChars = prompt.request.profileSummary.length;
      promptTokens = prompt.tokens;
      trimmed = prompt.trimmed;
      await time(warm, () => assemble(contactId));
      await time(floorSelect, () =>
        plain.query('SELECT role, text FROM "MemoryTurn" WHERE "contactId" = $1 ORDER BY "createdAt" DESC LIMIT $2', [
          contactId,
          config.MEMORY_MAX_HISTORY,
        ]),
      );
      await time(floorGet, () => redis.get(key));
    }
  }

  await plain.end();
  redis.disconnect();
  await databases.close();
  console.log(
    JSON.stringify({
      people: ids.length,
      exchanges: input.exchanges,
      turnsRead,
      summaryChars,
      promptTokens,
      trimmed,
      seedMsPerExchange: seedMs / (ids.length * input.exchanges),
      cold: summarise(cold),
      warm: summarise(warm),
      floorSelect: summarise(floorSelect),
      floorGet: summarise(floorGet),
    }),
  );
}

await main();
