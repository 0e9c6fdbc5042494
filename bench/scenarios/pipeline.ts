import pg from 'pg';
import { describeError, gql, socket, subscribe } from '../lib/gql.js';
import { cpuMs, type ServerProcess } from '../lib/server.js';
import { committedTransactions, databaseUrl, query } from '../lib/services.js';
import { pooled, type Summary, sleep, summarise, until } from '../lib/stats.js';

export const SANDBOX_SEND = `mutation SandboxSend($input: SandboxSendInput!) {
  sandboxSend(input: $input) { __typename ... on SandboxSendSuccess { sent { id } } ... on Error { message } } }`;

// The fields the web app's queue asks for, plus the time the draft entered the queue.
export const DRAFT_QUEUED = `subscription DraftQueued { draftQueued {
  id status priority queueAt createdAt updatedAt inboundText failureReason
  contact { id displayName telegramUserId customerStatus }
  safety { recommendation risk } claimedBy { id displayName }
  deliveries { id index status failureReason sentAt } } }`;

const CLAIM = `mutation Claim($id: ID!) { claimDraft(id: $id) { __typename ... on Error { message } } }`;
const APPROVE = `mutation Approve($input: ApproveDraftInput!) { approveDraft(input: $input) { __typename ... on Error { message } } }`;
const SANDBOX_MESSAGE = `subscription SandboxMessage($telegramUserId: String!) {
  sandboxMessage(telegramUserId: $telegramUserId) { id direction text sentAt } }`;
const TRIVIAL = '{ __typename }';

export interface Context {
  server: ServerProcess;
  token: string;
  analyticsDb: string;
}

/** Each person's pending draft, by Telegram user id. */
export async function pendingDrafts(
  ctx: Pick<Context, 'analyticsDb'>,
  telegramIds: string[],
): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl(ctx.analyticsDb) });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; telegramUserId: string }>(
      `SELECT d.id, c."telegramUserId" FROM "Draft" d JOIN "Contact" c ON c.id = d."contactId"
       WHERE d.status = 'PENDING' AND c."telegramUserId" = ANY($1)`,
      [telegramIds],
    );
    return new Map(rows.map((r) => [r.telegramUserId, r.id]));
  } finally {
    await client.end();
  }
}

/** `count` sandbox Telegram user ids from `from` on. */
export function people(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(from + i));
}

/** `{ __typename }` at the given concurrency: the cost of an authenticated request that does nothing. */
export async function trivialRequests(ctx: Context, requests: number, concurrency: number) {
  const cpuBefore = cpuMs(ctx.server.pid);
  const started = performance.now();
  const durations = await pooled(Array.from({ length: requests }), concurrency, () =>
    gql(ctx.server.url, TRIVIAL, {}, ctx.token),
  );
  return {
    latency: summarise(durations),
    requestsPerSecond: requests / ((performance.now() - started) / 1000),
    cpuMsPerRequest: (cpuMs(ctx.server.pid) - cpuBefore) / requests,
  };
}

/**
 * `people × perPerson` messages through sandboxSend, `concurrency` at a time, each person's messages spread
 * through the run as bursts are; then waits until every person has a pending draft.
 */
export async function intake(ctx: Context, count: number, perPerson: number, concurrency: number, settleMs = 11_000) {
  const ids = people(100_000, count);
  const sends = Array.from({ length: perPerson }, (_, k) => ids.map((id) => ({ id, k }))).flat();
  const txBefore = await committedTransactions(ctx.analyticsDb);
  const cpuBefore = cpuMs(ctx.server.pid);
  const started = performance.now();
  const durations = await pooled(sends, concurrency, ({ id, k }) =>
    gql(ctx.server.url, SANDBOX_SEND, { input: { telegramUserId: id, text: `message ${k} from ${id}` } }, ctx.token),
  );
  const seconds = (performance.now() - started) / 1000;
  const intakeCpu = cpuMs(ctx.server.pid) - cpuBefore;
  await until(async () => (await pendingDrafts(ctx, ids)).size === ids.length, 120_000, 'a draft for every person');
  const pipelineCpu = cpuMs(ctx.server.pid) - cpuBefore;
  const pipelineSeconds = (performance.now() - started) / 1000;
  // Idle backends report their transaction counts within 10 s (the smoke run waits 1 s). The server is idle
  // meanwhile: what it burns then shows how much of the figure above is background work.
  const idleBefore = cpuMs(ctx.server.pid);
  const idleStarted = performance.now();
  await sleep(Math.max(settleMs, 1000));
  const idleCpuMsPerSecond = (cpuMs(ctx.server.pid) - idleBefore) / ((performance.now() - idleStarted) / 1000);
  const transactions = (await committedTransactions(ctx.analyticsDb)) - txBefore;
  return {
    messages: sends.length,
    messagesPerSecond: sends.length / seconds,
    latency: summarise(durations),
    transactionsPerMessage: transactions / sends.length,
    intakeCpuMsPerMessage: intakeCpu / sends.length,
    pipelineCpuMsPerMessage: pipelineCpu / sends.length,
    /** From the first send until every person had a pending draft. */
    pipelineSeconds,
    idleCpuMsPerSecond,
  };
}

/**
 * `subscribers` sockets subscribed to draftQueued while `count` new people write once each: the time from a
 * draft entering the queue (its updatedAt) to its frame arriving on each socket.
 */
export async function fanOut(ctx: Context, subscribers: number, count: number, settleMs = 11_000) {
  const ids = people(200_000, count);
  const latencies: number[] = [];
  const seen = new Map<string, number>();
  const clients = Array.from({ length: subscribers }, () => socket(ctx.server.wsUrl, ctx.token));
  const disposers = clients.map((client) =>
    subscribe<{ draftQueued: { id: string; updatedAt: string } }>(client, DRAFT_QUEUED, ({ draftQueued }) => {
      latencies.push(Date.now() - Date.parse(draftQueued.updatedAt));
      seen.set(draftQueued.id, (seen.get(draftQueued.id) ?? 0) + 1);
    }),
  );
  await sleep(1500);
  const txBefore = await committedTransactions(ctx.analyticsDb);
  await pooled(ids, 50, (id) =>
    gql(ctx.server.url, SANDBOX_SEND, { input: { telegramUserId: id, text: `hello from ${id}` } }, ctx.token),
  );
  const drafts = await until(
    async () => {
      const pending = await pendingDrafts(ctx, ids);
      return pending.size === ids.length ? pending : null;
    },
    120_000,
    'a draft for every person',
  );
  await until(
    async () => [...drafts.values()].every((id) => seen.get(id) === subscribers),
    60_000,
    'every subscriber to see every draft',
  ).catch(() => undefined);
  await sleep(settleMs);
  const transactions = (await committedTransactions(ctx.analyticsDb)) - txBefore;
  const complete = [...drafts.values()].filter((id) => seen.get(id) === subscribers).length;
  for (const dispose of disposers) dispose();
  await Promise.all(clients.map((c) => c.dispose()));
  return { latency: summarise(latencies), drafts, complete, transactionsPerDraft: transactions / ids.length };
}

/** `count` new people write once each; their pending drafts, by Telegram user id (for `--only decisions`). */
export async function freshDrafts(ctx: Context, count: number): Promise<Map<string, string>> {
  const ids = people(250_000, count);
  await pooled(ids, 50, (id) =>
    gql(ctx.server.url, SANDBOX_SEND, { input: { telegramUserId: id, text: `hello from ${id}` } }, ctx.token),
  );
  return until(
    async () => {
      const pending = await pendingDrafts(ctx, ids);
      return pending.size === ids.length ? pending : null;
    },
    120_000,
    'a draft for every person',
  );
}

/**
 * Waits until the server's background work (drafting, extraction) has finished: its CPU stays under 5 % for a
 * second, so a latency figure is the request's own; returns how long that took (at most `timeoutMs`).
 */
export async function settle(ctx: Context, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  while (performance.now() - started < timeoutMs && quiet < 4) {
    const before = cpuMs(ctx.server.pid);
    await sleep(250);
    quiet = cpuMs(ctx.server.pid) - before < 12.5 ? quiet + 1 : 0;
  }
  return performance.now() - started;
}

/** claimDraft, then approveDraft, for each draft, `concurrency` at a time. */
export async function claimAndApprove(ctx: Context, draftIds: string[], concurrency: number) {
  const cpu0 = cpuMs(ctx.server.pid);
  const claims = await pooled(draftIds, concurrency, async (id) => {
    const data = await gql<{ claimDraft: { __typename: string; message?: string } }>(
      ctx.server.url,
      CLAIM,
      { id },
      ctx.token,
    );
    if (data.claimDraft.__typename !== 'ClaimDraftSuccess') throw new Error(`claim: ${data.claimDraft.message}`);
  });
  const cpu1 = cpuMs(ctx.server.pid);
  const approvals = await pooled(draftIds, concurrency, async (id) => {
    const data = await gql<{ approveDraft: { __typename: string; message?: string } }>(
      ctx.server.url,
      APPROVE,
      { input: { draftId: id, bubbles: ['Thanks, all good!'] } },
      ctx.token,
    );
    if (data.approveDraft.__typename !== 'ApproveDraftSuccess') {
      throw new Error(`approve: ${data.approveDraft.message}`);
    }
  });
  return {
    claim: summarise(claims),
    approve: summarise(approvals),
    claimCpuMs: (cpu1 - cpu0) / draftIds.length,
    // Each approval's delivery runs in the same process meanwhile, and is counted with it.
    approveCpuMs: (cpuMs(ctx.server.pid) - cpu1) / draftIds.length,
  };
}

/**
 * From the approve response to the reply's frame in the person's sandbox chat, watched on `watchWsUrl` (the
 * same server unless another process is named).
 */
export async function approveToDelivery(
  ctx: Context,
  drafts: Array<{ draftId: string; telegramUserId: string }>,
  concurrency: number,
  watchWsUrl = ctx.server.wsUrl,
): Promise<Summary> {
  const client = socket(watchWsUrl, ctx.token);
  const approvedAt = new Map<string, number>();
  const deliveredAt = new Map<string, number>();
  const disposers = drafts.map(({ telegramUserId }) =>
    client.subscribe<{ sandboxMessage: { text: string } }>(
      { query: SANDBOX_MESSAGE, variables: { telegramUserId } },
      {
        next: () => {
          if (!deliveredAt.has(telegramUserId)) deliveredAt.set(telegramUserId, performance.now());
        },
        error: (error) => console.error(`sandboxMessage error: ${describeError(error)}`),
        complete: () => {},
      },
    ),
  );
  await sleep(1000);
  await pooled(drafts, concurrency, async ({ draftId }) => {
    await gql(ctx.server.url, CLAIM, { id: draftId }, ctx.token);
  });
  await pooled(drafts, concurrency, async ({ draftId, telegramUserId }) => {
    await gql(ctx.server.url, APPROVE, { input: { draftId, bubbles: ['On its way.'] } }, ctx.token);
    approvedAt.set(telegramUserId, performance.now());
  });
  await until(async () => deliveredAt.size >= drafts.length, 60_000, 'every reply to arrive');
  // A reply can reach its chat before the approve response is read: that counts as no wait at all.
  const latencies = drafts.map(({ telegramUserId }) =>
    Math.max(0, (deliveredAt.get(telegramUserId) ?? 0) - (approvedAt.get(telegramUserId) ?? 0)),
  );
  for (const dispose of disposers) dispose();
  await client.dispose();
  return summarise(latencies);
}

async function pendingCount(ctx: Pick<Context, 'analyticsDb'>): Promise<number> {
  const [row] = await query<{ n: string }>(
    ctx.analyticsDb,
    `SELECT count(*) AS n FROM "Draft" WHERE status = 'PENDING'`,
  );
  return Number(row?.n ?? 0);
}

/** New people write once each until `target` drafts are pending (none are approved meanwhile). */
export async function topUpQueue(ctx: Context, target: number): Promise<void> {
  const missing = target - (await pendingCount(ctx));
  if (missing <= 0) return;
  await pooled(people(300_000, missing), 50, (id) =>
    gql(ctx.server.url, SANDBOX_SEND, { input: { telegramUserId: id, text: `hello from ${id}` } }, ctx.token),
  );
  await until(async () => (await pendingCount(ctx)) >= target, 120_000, `${target} pending drafts`);
}
