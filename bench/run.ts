/**
 * `pnpm bench`: measures Countersign on this machine against floors measured in the same run (see
 * docs/benchmarks.md). `--smoke` runs every scenario at a tiny size in seconds, for CI, so the suite cannot rot;
 * its figures mean nothing. Results are written to .tmp/bench/<time>.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { login } from './lib/gql.js';
import { ROOT, rssMiB, startServer } from './lib/server.js';
import { query, redisKeyFloor, scratch } from './lib/services.js';
import { sleep } from './lib/stats.js';
import { CHROMIUM, launchBrowser, queueRender, wholeQueue } from './scenarios/browser.js';
import { bursts } from './scenarios/bursts.js';
import { contextAssembly } from './scenarios/context.js';
import { broadcastFloor, insertFloor } from './scenarios/floors.js';
import { insightsQueries, seedDecisions } from './scenarios/insights.js';
import {
  approveToDelivery,
  claimAndApprove,
  fanOut,
  freshDrafts,
  intake,
  settle,
  topUpQueue,
  trivialRequests,
} from './scenarios/pipeline.js';
import { type Integrity, severalProcesses } from './scenarios/processes.js';

const smoke = process.argv.includes('--smoke');
/**
 * `--only <scenario>[,<scenario>…]` runs parts of the single-process run, at the size chosen (`--smoke` for the tiny one),
 * on a server of its own: `intake`, `fan-out`, or `decisions` (claim, approve, and approve → delivered, on drafts
 * made for it). Its figures are for comparing one change, not for docs/benchmarks.md.
 */
const SCENARIOS = ['intake', 'fan-out', 'decisions'] as const;
type Scenario = (typeof SCENARIOS)[number];
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '') : undefined;
const chosen = only?.split(',') ?? [];
if (onlyArg >= 0 && (chosen.length === 0 || !chosen.every((s) => SCENARIOS.includes(s as Scenario)))) {
  throw new Error(`--only takes one or more of ${SCENARIOS.join(', ')}, separated by commas`);
}
const runs = (scenario: Scenario) => only === undefined || chosen.includes(scenario);
const SIZE = smoke
  ? {
      people: 10,
      perPerson: 2,
      concurrency: 5,
      subscribers: 3,
      fanOutPeople: 10,
      decisions: 5,
      warmUp: 2,
      deliveries: 3,
      settleMs: 0,
      contextPeople: 3,
      contextExchanges: 26,
      contextRounds: 3,
      queuePending: 60,
      queueLoads: 2,
      burstPeople: 5,
      burst: 3,
      burstDebounce: 1,
      subscribersPerApi: 2,
      livePeople: 10,
      killPeople: 6,
    }
  : {
      people: 400,
      perPerson: 5,
      concurrency: 50,
      subscribers: 200,
      fanOutPeople: 400,
      decisions: 200,
      warmUp: 20,
      deliveries: 50,
      settleMs: 11_000,
      contextPeople: 40,
      contextExchanges: 26,
      contextRounds: 5,
      queuePending: 1000,
      queueLoads: 9,
      burstPeople: 100,
      burst: 4,
      burstDebounce: 5,
      subscribersPerApi: 20,
      livePeople: 400,
      killPeople: 100,
    };
const INSIGHTS = smoke ? { drafts: 1000, rounds: 3 } : { drafts: 100_000, rounds: 20 };
/** Drafts per page of the web app's queue (client/src/pages/queue/QueuePage.tsx). */
const QUEUE_PAGE_SIZE = 50;

interface Row {
  what: string;
  figure: number;
  unit: string;
  floor?: { what: string; figure: number };
  /** figure ÷ floor, or floor ÷ figure for throughput, so that a bigger ratio is always "further from the floor". */
  ratio?: number;
  target?: string;
  met?: boolean;
}

const rows: Row[] = [];
/** Seconds each part of the run took, to keep the suite within its time (about 5 minutes; smoke about 1). */
const phases: Record<string, number> = {};
let phaseStarted = performance.now();
function phaseDone(name: string): void {
  phases[name] = round((performance.now() - phaseStarted) / 1000);
  phaseStarted = performance.now();
}
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function row(r: Row): void {
  rows.push(r);
  const floor = r.floor ? `${round(r.floor.figure)} (${r.floor.what})` : '';
  const ratio = r.ratio !== undefined ? `${round(r.ratio, 2)}×` : '';
  const met = r.met === undefined ? '' : r.met ? 'yes' : 'NO';
  const figure = Number.isNaN(r.figure) ? '' : `${round(r.figure)} `;
  console.log(`| ${r.what} | ${figure}${r.unit} | ${floor} | ${ratio} | ${r.target ?? ''} | ${met} |`);
}

/** A latency row against the `{ __typename }` floor; met when its p99 is at most `maxP99` ms. */
function latencyRow(what: string, latency: { p50: number; p99: number }, floorP99: number, maxP99: number): void {
  row({
    what,
    figure: latency.p99,
    unit: `ms p99 (p50 ${round(latency.p50)} ms)`,
    floor: { what: '{ __typename } p99 ms', figure: floorP99 },
    ratio: latency.p99 / floorP99,
    target: `p99 ≤ ${maxP99} ms`,
    met: latency.p99 <= maxP99,
  });
}

/** A memory row against a bare node process; met when it is at most `maxMiB`. */
function memoryRow(what: string, mib: number, bareMiB: number, maxMiB: number): void {
  row({
    what,
    figure: mib,
    unit: 'MiB',
    floor: { what: 'a bare node process, MiB', figure: bareMiB },
    ratio: mib / bareMiB,
    target: `≤ ${maxMiB} MiB`,
    met: mib <= maxMiB,
  });
}

/** Nothing lost, nothing stored twice, one pending draft per person: a count of what is not so, met at 0. */
function integrityRow(what: string, i: Integrity, more = '', moreProblems = 0): void {
  const problems = i.lost + i.duplicated + i.withoutOneDraft + moreProblems;
  row({
    what,
    figure: problems,
    unit:
      `(${i.stored}/${i.sent} stored, ${i.lost} lost, ${i.duplicated} duplicated; ` +
      `${i.people - i.withoutOneDraft}/${i.people} with one pending draft; ` +
      `${i.refused} sends refused with an error and sent again${more})`,
    target: '0',
    met: problems === 0,
  });
}

async function main(): Promise<void> {
  console.log(
    `# Countersign benchmark${smoke ? ' (smoke: tiny sizes, figures mean nothing)' : ''}\n` +
      `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
  );
  // --no-build reuses the last build (repeated --only runs of an unchanged tree).
  if (!process.argv.includes('--no-build')) {
    console.log('building the web app and the server (pnpm build)…');
    execFileSync('pnpm', ['build'], { cwd: ROOT, stdio: 'ignore' });
  }
  phaseDone('build');
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is not at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);

  console.log('\n| what | figure | floor (same run) | ratio | must reach | met |\n|---|---|---|---|---|---|');
  const services = await scratch('main');
  const server = await startServer({
    ...services.env,
    TYPING_DEBOUNCE_DELAY: '1',
    DEBOUNCE_MAX_WAIT: '10',
    ENABLE_TYPING_PACING: 'false',
  });
  const bare = Number(execFileSync(process.execPath, ['-e', 'console.log(process.memoryUsage().rss)']).toString());
  let inboundCpuMs = Number.NaN;
  let inboundPerSecond = Number.NaN;
  let deliveryP99 = Number.NaN;
  try {
    await sleep(2000);
    const startRss = rssMiB(server.pid);
    const token = await login(server.url);
    const ctx = { server, token, analyticsDb: services.analytics };

    // The queue page with nothing waiting: the floor of the 1,000-draft render below.
    let emptyQueueP50 = Number.NaN;
    if (!only) {
      const browser = await launchBrowser();
      const emptyQueue = await queueRender(browser, server, 0, QUEUE_PAGE_SIZE, SIZE.queueLoads).finally(() =>
        browser.close(),
      );
      emptyQueueP50 = emptyQueue.firstPage.p50;
    }

    const trivial = await trivialRequests(ctx, smoke ? 50 : 2000, 10);
    let fanOutDrafts = new Map<string, string>();
    if (runs('intake')) {
      const floorInsert = await insertFloor(smoke ? 200 : 5000, SIZE.concurrency);
      // What one request per message can reach at all here: a request that does nothing, at the same concurrency.
      const ceiling = await trivialRequests(ctx, smoke ? 50 : 3000, SIZE.concurrency);
      const inbound = await intake(ctx, SIZE.people, SIZE.perPerson, SIZE.concurrency, SIZE.settleMs);
      inboundCpuMs = inbound.pipelineCpuMsPerMessage;
      const [made] = await query<{ n: string }>(services.analytics, 'SELECT count(*) AS n FROM "Draft"');
      inboundPerSecond = inbound.messagesPerSecond;
      row({
        what: `intake: ${SIZE.people} people × ${SIZE.perPerson} messages, concurrency ${SIZE.concurrency}`,
        figure: inbound.messagesPerSecond,
        unit: 'msg/s',
        floor: { what: 'plain INSERT rows/s, pool of 10', figure: floorInsert.rowsPerSecond },
        ratio: floorInsert.rowsPerSecond / inbound.messagesPerSecond,
        target: '≥ 1,000 msg/s and ≥ 25 % of the floor',
        met: inbound.messagesPerSecond >= 1000 && inbound.messagesPerSecond >= 0.25 * floorInsert.rowsPerSecond,
      });
      row({
        what: `{ __typename } requests at concurrency ${SIZE.concurrency}: the most one request per message can reach`,
        figure: ceiling.requestsPerSecond,
        unit: `req/s (intake is ${round((100 * inbound.messagesPerSecond) / ceiling.requestsPerSecond)} % of it)`,
        floor: { what: 'plain INSERT rows/s, pool of 10', figure: floorInsert.rowsPerSecond },
        ratio: floorInsert.rowsPerSecond / ceiling.requestsPerSecond,
      });
      row({
        what: 'sandboxSend latency p50 / p99',
        figure: inbound.latency.p99,
        unit: `ms p99 (p50 ${round(inbound.latency.p50)} ms)`,
        floor: { what: '{ __typename } p99 ms, concurrency 10', figure: trivial.latency.p99 },
        ratio: inbound.latency.p99 / trivial.latency.p99,
      });
      row({
        what: 'analytics transactions per inbound message (intake to pending draft)',
        figure: inbound.transactionsPerMessage,
        unit: 'tx',
        floor: { what: 'one INSERT', figure: 1 },
        ratio: inbound.transactionsPerMessage,
        target: '≤ 3',
        met: inbound.transactionsPerMessage <= 3,
      });
      row({
        what: 'server CPU per inbound message (intake to pending draft)',
        figure: inbound.pipelineCpuMsPerMessage,
        unit:
          `ms (${round(inbound.intakeCpuMsPerMessage, 2)} ms of it while the sends ran; idle server ` +
          `${round(inbound.idleCpuMsPerSecond, 1)} ms/s, ${round((inbound.idleCpuMsPerSecond * inbound.pipelineSeconds) / inbound.messages, 2)} ms per message of it; ` +
          `${made?.n} drafts made for ${SIZE.people} people)`,
        floor: { what: 'CPU ms per { __typename } request', figure: trivial.cpuMsPerRequest },
        ratio: inbound.pipelineCpuMsPerMessage / trivial.cpuMsPerRequest,
      });
    }

    if (runs('fan-out')) {
      const floorBroadcast = await broadcastFloor(SIZE.subscribers, smoke ? 5 : 50);
      const fan = await fanOut(ctx, SIZE.subscribers, SIZE.fanOutPeople, SIZE.settleMs);
      row({
        what: `new draft → ${SIZE.subscribers} subscribed reviewers, ${SIZE.fanOutPeople} drafts (pending → frame)`,
        figure: fan.latency.p99,
        unit: `ms p99 (p50 ${round(fan.latency.p50)} ms; ${fan.complete}/${fan.drafts.size} drafts reached everyone)`,
        floor: { what: 'Redis publish → bare ws to as many sockets, p99 ms', figure: floorBroadcast.p99 },
        ratio: fan.latency.p99 / Math.max(floorBroadcast.p99, 1),
        target: 'p99 ≤ 100 ms',
        met: fan.latency.p99 <= 100 && fan.complete === fan.drafts.size,
      });
      row({
        what: 'analytics transactions per new draft while it reaches every subscriber',
        figure: fan.transactionsPerDraft,
        unit: 'tx',
      });

      fanOutDrafts = fan.drafts;
    }

    if (runs('decisions')) {
      // Alone, the decisions need drafts of their own: one person each writes once.
      const needed = SIZE.warmUp + SIZE.decisions + SIZE.deliveries;
      if (fanOutDrafts.size === 0) fanOutDrafts = await freshDrafts(ctx, needed);
      const drafts = [...fanOutDrafts.entries()].map(([telegramUserId, draftId]) => ({ telegramUserId, draftId }));
      if (drafts.length < needed) throw new Error(`decisions need ${needed} pending drafts, found ${drafts.length}`);
      const [warmUp, decided, delivered] = [
        drafts.slice(0, SIZE.warmUp),
        drafts.slice(SIZE.warmUp, SIZE.warmUp + SIZE.decisions),
        drafts.slice(SIZE.warmUp + SIZE.decisions, needed),
      ];
      // The latencies are the requests' own: the drafting and profile extraction the drafts above started are
      // let finish first, and a few decisions warm the server's code paths (JIT) before any is counted.
      const settledMs = await settle(ctx);
      await claimAndApprove(
        ctx,
        warmUp.map((d) => d.draftId),
        10,
      );
      // The warm-up's own deliveries and memory writes finish before anything is counted.
      await settle(ctx);
      const decisions = await claimAndApprove(
        ctx,
        decided.map((d) => d.draftId),
        10,
      );
      const note = `after ${round(settledMs / 1000, 1)} s for background work to settle and ${SIZE.warmUp} warm-up decisions`;
      latencyRow(`claimDraft latency, concurrency 10 (${note})`, decisions.claim, trivial.latency.p99, 30);
      row({
        what: 'claimDraft / approveDraft server CPU per request',
        figure: decisions.approveCpuMs,
        unit: `ms per approval (claim ${round(decisions.claimCpuMs, 2)} ms)`,
        floor: { what: 'CPU ms per { __typename } request', figure: trivial.cpuMsPerRequest },
        ratio: decisions.approveCpuMs / trivial.cpuMsPerRequest,
      });
      latencyRow('approveDraft latency, concurrency 10', decisions.approve, trivial.latency.p99, 30);
      // The decisions above leave their deliveries' memory writes running: they settle first, as before those.
      const settledAgainMs = await settle(ctx);
      const delivery = await approveToDelivery(ctx, delivered, 10);
      deliveryP99 = delivery.p99;
      latencyRow(
        `approve response → reply in the sandbox chat, ${delivered.length} approvals at concurrency 10 (after ${round(settledAgainMs / 1000, 1)} s to settle)`,
        delivery,
        trivial.latency.p99,
        50,
      );
    }

    if (only) phaseDone(only);
    else {
      const endRss = rssMiB(server.pid);
      memoryRow('server memory right after start', startRss, bare / 2 ** 20, 150);
      memoryRow('server memory after the run', endRss, bare / 2 ** 20, 300);
      phaseDone('one process: intake to delivery');

      const context = await contextAssembly(services, SIZE.contextPeople, SIZE.contextExchanges, SIZE.contextRounds);
      const history = `${SIZE.contextPeople} people with a profile, ${context.turnsRead} turns + ${context.summaryChars} characters of profile and summary each, fitted to ${context.promptTokens} tokens${context.trimmed ? ', trimmed' : ''}`;
      row({
        what: `context assembly, cold (memory and profile caches empty; ${history})`,
        figure: context.cold.p50,
        unit: `ms p50 (p99 ${round(context.cold.p99)} ms)`,
        floor: { what: 'one indexed SELECT of the same turns, p50 ms', figure: context.floorSelect.p50 },
        ratio: context.cold.p50 / context.floorSelect.p50,
      });
      row({
        what: 'context assembly, warm (memory and profile cache hits; the persona still read; the prompt counted and fitted)',
        figure: context.warm.p50,
        unit: `ms p50 (p99 ${round(context.warm.p99)} ms)`,
        floor: { what: 'one Redis GET of the same cached entry, p50 ms', figure: context.floorGet.p50 },
        ratio: context.warm.p50 / context.floorGet.p50,
      });
      phaseDone('context assembly');

      await topUpQueue(ctx, SIZE.queuePending);
      const browser = await launchBrowser();
      try {
        const full = await queueRender(browser, server, SIZE.queuePending, QUEUE_PAGE_SIZE, SIZE.queueLoads);
        row({
          what: `review queue in Chromium, ${SIZE.queuePending} pending: navigation → first ${full.cardsShown} cards`,
          figure: full.firstPage.p50,
          unit: `ms p50 of ${SIZE.queueLoads} loads (p99 ${round(full.firstPage.p99)} ms; long tasks ${round(full.longTaskMs.p50)} ms)`,
          floor: { what: 'the same page with an empty queue, p50 ms', figure: emptyQueueP50 },
          ratio: full.firstPage.p50 / emptyQueueP50,
        });
        const whole = await wholeQueue(browser, server, SIZE.queuePending, SIZE.queueLoads);
        const reachable =
          whole.loaded < SIZE.queuePending ? `; only ${whole.loaded} of ${SIZE.queuePending} reachable` : '';
        row({
          what: `review queue in Chromium, ${SIZE.queuePending} pending: navigation → every draft loaded, scrolling to the end`,
          figure: whole.ms,
          unit: `ms for ${whole.loaded} drafts, ${whole.inDom} cards in the DOM (long tasks ${round(whole.longTaskMs)} ms${reachable})`,
          floor: { what: 'the same DOM as static HTML, ms', figure: whole.staticMs },
          ratio: whole.ms / whole.staticMs,
        });
        row({
          what: `review queue in Chromium, ${whole.loaded} drafts cached: click on "Queue" → cards drawn (virtualised list)`,
          figure: whole.render.p50,
          unit: `ms p50 of ${SIZE.queueLoads} (p99 ${round(whole.render.p99)} ms)`,
          target: 'p50 < 100 ms',
          met: whole.render.p50 < 100,
        });
        row({
          what: `review queue in Chromium, ${whole.loaded} drafts: scrolling top to bottom, 200 px a frame`,
          figure: whole.scrollFrames.p99,
          unit: `ms p99 frame (p50 ${round(whole.scrollFrames.p50)} ms, worst ${round(whole.worstFrameMs)} ms)`,
          floor: { what: 'one frame at 60 Hz, ms', figure: 1000 / 60 },
          ratio: whole.scrollFrames.p99 / (1000 / 60),
        });
      } finally {
        await browser.close();
      }
      phaseDone('review queue in Chromium');

      // Last on this server: 100,000 decided drafts would change every figure above.
      await seedDecisions(services.analytics, INSIGHTS.drafts);
      const insights = await insightsQueries(ctx, INSIGHTS.rounds);
      const span = `90 days over ${insights.decided} decided drafts`;
      row({ what: `reviewStats, ${span}, first request (sums the settled days)`, figure: insights.first, unit: 'ms' });
      latencyRow(`reviewStats, ${span}`, insights.reviewStats, trivial.latency.p99, 200);
      latencyRow('funnelStats, 90 days', insights.funnelStats, trivial.latency.p99, 200);
      phaseDone('insights');
    }
  } catch (error) {
    console.error(`\nbenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error(server.output().slice(-4000));
    process.exitCode = 1;
  } finally {
    await server.stop();
    await services.drop();
  }
  if (process.exitCode || only) return writeResults();

  try {
    const keyFloor = (await redisKeyFloor(1000)) / 1024;
    const b = await bursts({
      people: SIZE.burstPeople,
      burst: SIZE.burst,
      concurrency: SIZE.concurrency,
      debounceSeconds: SIZE.burstDebounce,
      modelDelayMs: 50,
    });
    const per1000 = (bytes: number) => (bytes / SIZE.burstPeople) * 1000;
    row({
      what: `LLM calls per inbound message: ${SIZE.burstPeople} people × bursts of ${SIZE.burst} (debounce ${SIZE.burstDebounce} s, OpenAI-compatible fake)`,
      figure: b.callsPerMessage,
      unit: `calls (${b.calls} calls, ${b.drafted} draftings, ${b.messages} messages; rounds of ${round(b.roundSeconds, 2)} s)`,
      floor: { what: 'one drafting per message, without debouncing: its calls', figure: b.callsPerDrafting },
      ratio: b.callsPerMessage / b.callsPerDrafting,
    });
    row({
      what: 'Redis per 1,000 active people, every burst buffered (MEMORY USAGE of the prefix’s keys, less idle)',
      figure: per1000(b.redisBufferedBytes) / 1024,
      unit: `KiB (settled, each with a pending draft: ${round(per1000(b.redisSettledBytes) / 1024)} KiB; keys ${b.redisKeys.before} → ${b.redisKeys.buffered} → ${b.redisKeys.settled})`,
      floor: { what: 'one key holding a uuid per person, KiB per 1,000', figure: keyFloor },
      ratio: per1000(b.redisBufferedBytes) / 1024 / keyFloor,
    });
    phaseDone('bursts with a model');

    await severalProcesses(
      {
        people: SIZE.people,
        perPerson: SIZE.perPerson,
        concurrency: SIZE.concurrency,
        subscribersPerApi: SIZE.subscribersPerApi,
        livePeople: SIZE.livePeople,
        deliveries: SIZE.deliveries,
        killPeople: SIZE.killPeople,
      },
      {
        load: (r) => {
          row({
            what: `several processes (2 api, 2 worker, 1 gateway): intake ${SIZE.people} × ${SIZE.perPerson} over both API processes`,
            figure: r.messagesPerSecond,
            unit: 'msg/s',
            floor: { what: 'one process, the same load above, msg/s', figure: inboundPerSecond },
            ratio: inboundPerSecond / r.messagesPerSecond,
          });
          row({
            what: 'several processes: CPU per inbound message, summed over all five (intake to pending draft)',
            figure: r.cpuMsPerMessage,
            unit:
              `ms (the five at rest ${round(r.idleCpuMsPerSecond)} ms/s, ${round(r.idleCpuMsPerMessage, 2)} ms per message of it; ` +
              `${r.integrity.drafts} drafts made for ${r.integrity.people} people)`,
            floor: { what: 'one process, ms', figure: inboundCpuMs },
            ratio: r.cpuMsPerMessage / inboundCpuMs,
          });
          integrityRow(
            'several processes, that load: messages lost or duplicated, people without one pending draft',
            r.integrity,
          );
        },
        live: (r) => {
          const missed = r.drafts - r.seenByAll;
          integrityRow(
            `several processes, ${SIZE.livePeople} more people × ${SIZE.perPerson} with ${r.subscribers} draftQueued subscribers on both API processes: the same, and drafts a subscriber missed`,
            r.integrity,
            `; ${r.seenByAll}/${r.drafts} pending drafts seen by every subscriber`,
            missed,
          );
        },
        delivery: (r) =>
          row({
            what: `several processes: ${r.approved} replies approved on API process 2, sent by the gateway, seen on API process 1`,
            figure: r.p99,
            unit: `ms p99 approve → reply (${r.delivered}/${r.approved} delivered)`,
            floor: { what: 'one process, p99 ms', figure: deliveryP99 },
            ratio: r.p99 / deliveryP99,
            target: `all ${r.approved} delivered`,
            met: r.delivered === r.approved,
          }),
        kill: (r) =>
          integrityRow(
            `several processes: a worker SIGKILLed halfway through ${SIZE.killPeople} more people × ${SIZE.perPerson}`,
            r.integrity,
            r.recovered ? `; ${round(r.seconds)} s from first message to last draft` : '; not every person got a draft',
            r.recovered ? 0 : 1,
          ),
      },
    ).catch((error: unknown) => {
      // A process that dies under the load is a result, printed as one; the run still fails.
      row({
        what: 'several processes (2 api, 2 worker, 1 gateway)',
        figure: Number.NaN,
        unit: `FAILED: ${error instanceof Error ? error.message : String(error)}`,
        met: false,
      });
      process.exitCode = 1;
    });
    phaseDone('several processes');
  } catch (error) {
    console.error(`\nbenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
  writeResults();
}

function writeResults(): void {
  const out = path.join(ROOT, '.tmp', 'bench');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`);
  const result = { smoke, size: SIZE, machine: { cores: cpus().length }, rows, phases };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  const took = Object.entries(phases).map(([name, seconds]) => `${name} ${seconds} s`);
  console.log(`\nresults: ${path.relative(ROOT, file)}\ntook ${round(performance.now() / 1000)} s: ${took.join(', ')}`);
  if (!smoke && rows.some((r) => r.met === false)) console.log('some targets are not met (NO above)');
}

await main();
