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
  /** draftQueued subscribers on each API process. */
  subscribersPerApi: number;
  /** Drafts approved on one API process whose replies are watched on the other. */
  deliveries: number;
  /** People who write while a worker is killed. */
  killPeople: number;
}

interface Integrity {
  /** Messages sent that are not stored. */
  lost: number;
  /** Messages stored more than once. */
  duplicated: number;
  /** People without exactly one open draft, pending. */
  withoutOneDraft: number;
  stored: number;
}

/** Every message stored once, and each person with exactly one open draft, which is pending. */
async function integrity(database: string, ids: string[], perPerson: number): Promise<Integrity> {
  const messages = await query<{ stored: string; distinct: string }>(
    database,
    `SELECT count(*) AS stored, count(DISTINCT (c."telegramUserId", m.text)) AS distinct
     FROM "Message" m JOIN "Contact" c ON c.id = m."contactId"
     WHERE m.direction = 'INBOUND' AND c."telegramUserId" = ANY($1)`,
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
  };
}

/**
 * The roles as separate processes against one PostgreSQL and Redis: two API processes (ROLES=api), two
 * workers, one gateway. The same intake load as the single process, spread over both API processes, with
 * draftQueued subscribers on each; then more people write while one worker is killed (SIGKILL).
 */
export async function severalProcesses(options: ProcessesOptions) {
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

    // Subscribers on both API processes: how many saw each draft.
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
    const subscribers = clients.length;
    // The subscriptions settle meanwhile; what the five burn at rest shows how much of the CPU figure it is.
    const idleBefore = processes.reduce((sum, p) => sum + cpuMs(p.pid), 0);
    await sleep(2000);
    const idleCpuMsPerSecond = (processes.reduce((sum, p) => sum + cpuMs(p.pid), 0) - idleBefore) / 2;

    let refused = 0;
    const send = (ids: string[]) => {
      const sends = Array.from({ length: options.perPerson }, (_, k) => ids.map((id) => ({ id, k }))).flat();
      return {
        sends,
        run: (onEach?: (done: number) => void) => {
          let done = 0;
          return pooled(sends, options.concurrency, async ({ id, k }, i) => {
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
            onEach?.(++done);
          });
        },
      };
    };
    const ctx = { analyticsDb: services.analytics };
    const cpuOf = (list: ServerProcess[]) => list.reduce((sum, p) => sum + cpuMs(p.pid), 0);

    // The load, as the single process had it.
    const ids = people(100_000, options.people);
    const load = send(ids);
    const cpuBefore = cpuOf(processes);
    const started = performance.now();
    await load.run();
    const seconds = (performance.now() - started) / 1000;
    const refusedUnderLoad = refused;
    const drafts = await until(
      async () => {
        const pending = await pendingDrafts(ctx, ids);
        return pending.size === ids.length ? pending : null;
      },
      120_000,
      'a draft for every person (several processes)',
    );
    const cpu = cpuOf(processes) - cpuBefore;
    const pipelineSeconds = (performance.now() - started) / 1000;
    const everyoneSaw = () => [...drafts.values()].filter((id) => seen.get(id) === subscribers).length;
    await until(async () => everyoneSaw() === drafts.size, 30_000, 'every subscriber to see every draft').catch(
      () => undefined,
    );
    const seenByAll = everyoneSaw();
    const loaded = await integrity(services.analytics, ids, options.perPerson);

    // Replies approved on one API process, delivered by the gateway process, seen live on the other.
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

    // More people write, and one worker dies halfway through their messages.
    const killIds = people(700_000, options.killPeople);
    const killLoad = send(killIds);
    let killed: Promise<void> | null = null;
    const killStarted = performance.now();
    await killLoad.run((done) => {
      if (!killed && done >= killLoad.sends.length / 2) {
        killedWorker = worker1;
        killed = worker1.kill();
      }
    });
    await killed;
    const recovered = await until(
      async () => (await pendingDrafts(ctx, killIds)).size === killIds.length,
      120_000,
      'a draft for every person after a worker was killed',
    ).then(
      () => true,
      () => false,
    );
    const killSeconds = (performance.now() - killStarted) / 1000;
    const afterKill = await integrity(services.analytics, killIds, options.perPerson);

    return {
      /** Sends the API processes answered with an error (and the client sent again), under load / while killing. */
      refused: { load: refusedUnderLoad, kill: refused - refusedUnderLoad },
      messages: load.sends.length,
      messagesPerSecond: load.sends.length / seconds,
      cpuMsPerMessage: cpu / load.sends.length,
      idleCpuMsPerSecond,
      /** Of the CPU per message, what the five would have burnt at rest over the same time. */
      idleCpuMsPerMessage: (idleCpuMsPerSecond * pipelineSeconds) / load.sends.length,
      subscribers,
      drafts: drafts.size,
      seenByAll,
      loaded,
      approved: approved.length,
      delivery,
      killMessages: killLoad.sends.length,
      killPeople: killIds.length,
      recovered,
      /** From the first message of the kill phase until every one of its people had a pending draft. */
      killSeconds,
      afterKill,
    };
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
