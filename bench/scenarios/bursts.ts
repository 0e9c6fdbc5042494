import { gql, login } from '../lib/gql.js';
import { fakeModel } from '../lib/llm.js';
import { startServer } from '../lib/server.js';
import { query, redisBytes, scratch } from '../lib/services.js';
import { pooled, sleep, until } from '../lib/stats.js';
import { pendingDrafts, people, SANDBOX_SEND } from './pipeline.js';

export interface BurstOptions {
  people: number;
  /** Messages in each person's burst. */
  burst: number;
  concurrency: number;
  /** TYPING_DEBOUNCE_DELAY of this server. */
  debounceSeconds: number;
  /** How long the fake model takes per call. */
  modelDelayMs: number;
}

/**
 * Bursty people against a server drafting with an OpenAI-compatible endpoint (a local fake that counts calls):
 * every person writes `burst` messages, round by round, each round well inside the debounce window. Counts the
 * model calls per inbound message, and what Redis holds for these people while every burst is buffered and
 * once each person has a pending draft (MEMORY USAGE over the server's prefix, less what it held before).
 */
export async function bursts(options: BurstOptions) {
  const model = await fakeModel(options.modelDelayMs);
  const services = await scratch('bursts');
  const server = await startServer(
    {
      ...services.env,
      OPENAI_BASE_URL: model.url,
      OPENAI_API_KEY: 'bench',
      TYPING_DEBOUNCE_DELAY: String(options.debounceSeconds),
      DEBOUNCE_MAX_WAIT: '60',
      ENABLE_TYPING_PACING: 'false',
    },
    'bursts server',
  );
  try {
    const token = await login(server.url);
    await sleep(500);
    const before = await redisBytes(services.prefix);
    const ids = people(400_000, options.people);
    const started = performance.now();
    for (let k = 0; k < options.burst; k++) {
      await pooled(ids, options.concurrency, (id) =>
        gql(
          server.url,
          SANDBOX_SEND,
          { input: { telegramUserId: id, text: `part ${k + 1} of what ${id} says` } },
          token,
        ),
      );
    }
    const sendSeconds = (performance.now() - started) / 1000;
    const buffered = await redisBytes(services.prefix);
    const ctx = { analyticsDb: services.analytics };
    await until(async () => (await pendingDrafts(ctx, ids)).size === ids.length, 120_000, 'a draft for every person');
    // A draft superseded while it was being written may still be calling the model.
    await sleep(1000);
    const settled = await redisBytes(services.prefix);
    const [counts] = await query<{ messages: string; drafts: string; drafted: string; calls: string }>(
      services.analytics,
      `SELECT (SELECT count(*) FROM "Message" WHERE direction = 'INBOUND') AS messages,
              (SELECT count(*) FROM "Draft") AS drafts,
              (SELECT count(DISTINCT "draftId") FROM "LlmCall") AS drafted,
              (SELECT count(*) FROM "LlmCall") AS calls`,
    );
    const messages = Number(counts?.messages);
    const drafts = Number(counts?.drafts);
    const drafted = Number(counts?.drafted);
    const calls = model.calls();
    if (messages !== ids.length * options.burst)
      throw new Error(`bursts: ${messages} messages stored, expected ${ids.length * options.burst}`);
    return {
      messages,
      drafts,
      calls,
      recordedCalls: Number(counts?.calls),
      /** Longest a person waited between two messages of their burst, at most: one round. */
      roundSeconds: sendSeconds / options.burst,
      callsPerMessage: calls / messages,
      drafted,
      /** Model calls one drafting makes (draft + refine), from the calls the server recorded per draft. */
      callsPerDrafting: Number(counts?.calls) / Math.max(drafted, 1),
      redisBufferedBytes: buffered.bytes - before.bytes,
      redisSettledBytes: settled.bytes - before.bytes,
      redisKeys: { before: before.keys, buffered: buffered.keys, settled: settled.keys },
    };
  } catch (error) {
    console.error(server.output().slice(-4000));
    throw error;
  } finally {
    await server.stop();
    await services.drop();
    await model.close();
  }
}
