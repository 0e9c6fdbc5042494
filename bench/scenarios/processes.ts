import type { Client } from 'graphql-ws';
import { gql, login, socket, subscribe } from '../lib/gql.js';
import { cpuMs, lastError, type ServerProcess, startServer } from '../lib/server.js';
import { query, scratch } from '../lib/services.js';
import { pooled, sleep, until } from '../lib/stats.js';
import { approveToDelivery, DRAFT_QUEUED, pendingDrafts, people, SANDBOX_SEND } from './pipeline.js';

export interface ProcessesOptions {
  people: number;
  perPerson: number;
  concurrency: number;
  /** draftQueued subscribers on each API process, during a second load of `livePeople` × `perPerson`. */
  subscribersPerApi: number;
  livePeople: number;
  /** Drafts approved on one API process whose replies are watched on the other. */
  deliveries: number;
  /** People who write while a worker is killed. */
  killPeople: number;
}

export interface Integrity {
  /** Messages sent that are not stored. */
  lost: number;
  /** Messages stored more than once. */
  duplicated: number;
  /** People without exactly one open draft, pending. */
  withoutOneDraft: number;
  stored: number;
  sent: number;
  /** Drafts made for these people, superseded ones included. */
  drafts: number;
  people: number;
  /** Sends the API processes answered with an error, which the client sent again. */
  refused: number;
}

/** What each part of the run found, handed over as soon as it is known (a later part may fail). */
export interface ProcessesReport {
  load(r: {
    messagesPerSecond: number;
    cpuMsPerMessage: number;
    idleCpuMsPerSecond: number;
    idleCpuMsPerMessage: number;
    integrity: Integrity;
  }): void;
  live(r: { subscribers: number; drafts: number; seenByAll: number; integrity: Integrity }): void;
  delivery(r: { approved: number; delivered: number; p99: number }): void;
  kill(r: { recovered: boolean; seconds: number; integrity: Integrity }): void;
}

/** Every message stored once, and each person with exactly one open draft, which is pending. */
async function integrity(database: string, ids: string[], perPerson: number, refused: number): Promise<Integrity> {
  const messages = await query<{ stored: string; distinct: string }>(
    database,
    `SELECT count(*) AS stored, count(DISTINCT (c."telegramUserId", m.text)) AS distinct
     FROM "Message" m JOIN "Contact" c ON c.id = m."contactId"
     WHERE m.direction = 'INBOUND' AND c."telegramUserId" = ANY($1)`,
    [ids],
  );
  const made = await query<{ n: string }>(
    database,
    `SELECT count(*) AS n FROM "Draft" d JOIN "Contact" c ON c.id = d."contactId" WHERE c."telegramUserId" = ANY($1)`,
    [ids],
  );
  const drafts = await query<{ people: string }>(
    database,
    `SELECT count(*) AS people FROM (
       SELECT c.id FROM "Contact" c JOIN "Draft" d ON d."contactId" = c.id
       WHERE c."telegramUserId" = ANY($1) AND d.status IN ('GENERATING', 'PENDING', 'CLAIMED')
       GROUP BY c.id HAVING count(*) = 1 AND bool_and(d.status = 'PENDING')) ok`,
    [ids],
  );
  const stored = Number(messages[0]?.stored ?? 0);
  const distinct = Number(messages[0]?.distinct ?? 0);
  return {
    lost: ids.length * perPerson - distinct,
    duplicated: stored - distinct,
    withoutOneDraft: ids.length - Number(drafts[0]?.people ?? 0),
    stored,
    sent: ids.length * perPerson,
    drafts: Number(made[0]?.n ?? 0),
    people: ids.length,
    refused,
  };
}

/**
 * The roles as separate processes against one PostgreSQL and Redis: two API processes (ROLES=api), two
 * workers, one gateway. The single process's intake load, spread over both API processes (no subscriber, as
 * there); a load of the same shape with draftQueued subscribers on both API processes; replies approved on one API
 * process and watched on the other; then more people write while one worker is killed (SIGKILL).
 */
export async function severalProcesses(options: ProcessesOptions, report: ProcessesReport): Promise<void> {
  const services = await scratch('procs');
  const env = {
    ...services.env,
    TYPING_DEBOUNCE_DELAY: '1',
    DEBOUNCE_MAX_WAIT: '10',
    ENABLE_TYPING_PACING: 'false',
  };
  const processes: ServerProcess[] = [];
  const clients: Client[] = [];
  const disposers: Array<() => void> = [];
  let killedWorker: ServerProcess | null = null;
  try {
    // The first creates the databases, migrates them and the first admin; the rest start together.
    processes.push(await startServer({ ...env, ROLES: 'api' }, 'api 1'));
    const rest = await Promise.allSettled([
      startServer({ ...env, ROLES: 'api' }, 'api 2'),
      startServer({ ...env, ROLES: 'worker' }, 'worker 1'),
      startServer({ ...env, ROLES: 'worker' }, 'worker 2'),
      startServer({ ...env, ROLES: 'gateway' }, 'gateway'),
    ]);
    for (const r of rest) if (r.status === 'fulfilled') processes.push(r.value);
    for (const r of rest) if (r.status === 'rejected') throw r.reason;
    const [api1, api2, worker1] = processes as [ServerProcess, ServerProcess, ServerProcess];
    const apis = [api1, api2];
    const token = await login(api1.url);
    const ctx = { analyticsDb: services.analytics };
    const cpuOf = (list: ServerProcess[]) => list.reduce((sum, p) => sum + cpuMs(p.pid), 0);

    /** Every person's messages, round by round, alternating between the API processes. */
    const load = async (ids: string[], onEach?: (done: number, total: number) => void) => {
      const sends = Array.from({ length: options.perPerson }, (_, k) => ids.map((id) => ({ id, k }))).flat();
      let done = 0;
      let refused = 0;
      await pooled(sends, options.concurrency, async ({ id, k }, i) => {
        // As a client does: a refused send is sent again, with the same id so it cannot be stored twice.
        const input = { telegramUserId: id, text: `message ${k} from ${id}`, clientMessageId: `${id}-${k}` };
        for (let attempt = 1; ; attempt++) {
          const api = apis[(i + attempt - 1) % apis.length] as ServerProcess;
          try {
            await gql(api.url, SANDBOX_SEND, { input }, token);
            break;
          } catch (error) {
            if (attempt >= 5) throw error;
            refused++;
            await sleep(100 * attempt);
          }
        }
        onEach?.(++done, sends.length);
      });
      return { messages: sends.length, refused };
    };
    const allPending = async (ids: string[], what: string) =>
      until(
        async () => {
          const pending = await pendingDrafts(ctx, ids);
          return pending.size === ids.length ? pending : null;
        },
        120_000,
        `a draft for every person (${what})`,
      );

    // The load, as the single process had it; first what the five burn at rest, to show how much of it that is.
    const idleBefore = cpuOf(processes);
    await sleep(2000);
    const idleCpuMsPerSecond = (cpuOf(processes) - idleBefore) / 2;
    const ids = people(100_000, options.people);
    const cpuBefore = cpuOf(processes);
    const started = performance.now();
    const sent = await load(ids);
    const seconds = (performance.now() - started) / 1000;
    const drafts = await allPending(ids, 'several processes');
    const cpu = cpuOf(processes) - cpuBefore;
    const pipelineSeconds = (performance.now() - started) / 1000;
    report.load({
      messagesPerSecond: sent.messages / seconds,
      cpuMsPerMessage: cpu / sent.messages,
      idleCpuMsPerSecond,
      idleCpuMsPerMessage: (idleCpuMsPerSecond * pipelineSeconds) / sent.messages,
      integrity: await integrity(services.analytics, ids, options.perPerson, sent.refused),
    });

    // The same load again, with subscribers on both API processes: how many saw each draft.
    const seen = new Map<string, number>();
    for (const api of apis) {
      for (let i = 0; i < options.subscribersPerApi; i++) {
        const client = socket(api.wsUrl, token);
        clients.push(client);
        disposers.push(
          subscribe<{ draftQueued: { id: string } }>(
            client,
            DRAFT_QUEUED,
            ({ draftQueued }) => {
              seen.set(draftQueued.id, (seen.get(draftQueued.id) ?? 0) + 1);
            },
            // A subscription that ends shows as drafts its subscriber missed (or as the process that died).
            () => {},
          ),
        );
      }
    }
    await sleep(1500);
    const liveIds = people(200_000, options.livePeople);
    const liveSent = await load(liveIds);
    const liveDrafts = await allPending(liveIds, 'several processes, with subscribers');
    const everyoneSaw = () => [...liveDrafts.values()].filter((id) => seen.get(id) === clients.length).length;
    await until(async () => everyoneSaw() === liveDrafts.size, 30_000, 'every subscriber to see every draft').catch(
      () => undefined,
    );
    report.live({
      subscribers: clients.length,
      drafts: liveDrafts.size,
      seenByAll: everyoneSaw(),
      integrity: await integrity(services.analytics, liveIds, options.perPerson, liveSent.refused),
    });

    // Replies approved on one API process, sent by the gateway process, seen live on the other.
    const approved = [...drafts.entries()]
      .slice(0, options.deliveries)
      .map(([telegramUserId, draftId]) => ({ telegramUserId, draftId }));
    const delivery = await approveToDelivery(
      { server: api2, token, analyticsDb: services.analytics },
      approved,
      10,
      api1.wsUrl,
    )
      .then((latency) => ({ delivered: latency.count, p99: latency.p99 }))
      .catch(() => ({ delivered: 0, p99: Number.NaN }));
    report.delivery({ approved: approved.length, ...delivery });

    // More people write, and one worker dies halfway through their messages.
    const killIds = people(700_000, options.killPeople);
    let killed: Promise<void> | null = null;
    const killStarted = performance.now();
    const killSent = await load(killIds, (done, total) => {
      if (!killed && done >= total / 2) {
        killedWorker = worker1;
        killed = worker1.kill();
      }
    });
    await killed;
    const recovered = await allPending(killIds, 'after a worker was killed').then(
      () => true,
      () => false,
    );
    report.kill({
      recovered,
      seconds: (performance.now() - killStarted) / 1000,
      integrity: await integrity(services.analytics, killIds, options.perPerson, killSent.refused),
    });
  } catch (error) {
    // A process that died on its own is the finding; the client's error is only its echo.
    const died = processes
      .filter((p) => p.ended() && p !== killedWorker)
      .map((p) => `${p.label} died (${p.ended()}): ${lastError(p.output())}`);
    if (died.length === 0) throw error;
    throw new Error(`${died.join('; ')} [the load then failed: ${error instanceof Error ? error.message : error}]`);
  } finally {
    for (const dispose of disposers) dispose();
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all(processes.map((p) => p.stop()));
    await services.drop();
  }
}
