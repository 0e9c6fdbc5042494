/**
 * `pnpm bench`: measures Countersign on this machine against floors measured in the same run (see
 * docs/benchmarks.md). `--smoke` runs every scenario at a tiny size in seconds, for CI, so the suite cannot rot;
 * its figures mean nothing. Results are written to .tmp/bench/<time>.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { login } from './lib/gql.js';
import { ROOT, rssMiB, startServer } from './lib/server.js';
import { scratch } from './lib/services.js';
import { sleep } from './lib/stats.js';
import { broadcastFloor, insertFloor } from './scenarios/floors.js';
import { insightsQueries, seedDecisions } from './scenarios/insights.js';
import { approveToDelivery, claimAndApprove, fanOut, intake, trivialRequests } from './scenarios/pipeline.js';

const smoke = process.argv.includes('--smoke');
const SIZE = smoke
  ? { people: 10, perPerson: 2, concurrency: 5, subscribers: 3, fanOutPeople: 10, decisions: 5, deliveries: 3 }
  : { people: 400, perPerson: 5, concurrency: 50, subscribers: 200, fanOutPeople: 400, decisions: 200, deliveries: 50 };
const INSIGHTS = smoke ? { drafts: 1000, rounds: 3 } : { drafts: 100_000, rounds: 20 };

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
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function row(r: Row): void {
  rows.push(r);
  const floor = r.floor ? `${round(r.floor.figure)} (${r.floor.what})` : '';
  const ratio = r.ratio !== undefined ? `${round(r.ratio, 2)}×` : '';
  const met = r.met === undefined ? '' : r.met ? 'yes' : 'NO';
  console.log(`| ${r.what} | ${round(r.figure)} ${r.unit} | ${floor} | ${ratio} | ${r.target ?? ''} | ${met} |`);
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

async function main(): Promise<void> {
  console.log(
    `# Countersign benchmark${smoke ? ' (smoke: tiny sizes, figures mean nothing)' : ''}\n` +
      `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
  );
  console.log('building the server (pnpm --filter server build)…');
  execFileSync('pnpm', ['--filter', 'server', 'build'], { cwd: ROOT, stdio: 'ignore' });

  console.log('\n| what | figure | floor (same run) | ratio | must reach | met |\n|---|---|---|---|---|---|');
  const services = await scratch('main');
  const server = await startServer({
    ...services.env,
    TYPING_DEBOUNCE_DELAY: '1',
    DEBOUNCE_MAX_WAIT: '10',
    ENABLE_TYPING_PACING: 'false',
  });
  const bare = Number(execFileSync(process.execPath, ['-e', 'console.log(process.memoryUsage().rss)']).toString());
  try {
    await sleep(2000);
    const startRss = rssMiB(server.pid);
    const token = await login(server.url);
    const ctx = { server, token, analyticsDb: services.analytics };

    const floorInsert = await insertFloor(smoke ? 200 : 5000, SIZE.concurrency);
    const trivial = await trivialRequests(ctx, smoke ? 50 : 2000, 10);

    const inbound = await intake(ctx, SIZE.people, SIZE.perPerson, SIZE.concurrency);
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
      unit: `ms (intake alone ${round(inbound.intakeCpuMsPerMessage, 2)} ms)`,
      floor: { what: 'CPU ms per { __typename } request', figure: trivial.cpuMsPerRequest },
      ratio: inbound.pipelineCpuMsPerMessage / trivial.cpuMsPerRequest,
    });

    const floorBroadcast = await broadcastFloor(SIZE.subscribers, smoke ? 5 : 50);
    const fan = await fanOut(ctx, SIZE.subscribers, SIZE.fanOutPeople);
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

    const drafts = [...fan.drafts.entries()].map(([telegramUserId, draftId]) => ({ telegramUserId, draftId }));
    const decided = drafts.slice(0, SIZE.decisions);
    const delivered = drafts.slice(SIZE.decisions, SIZE.decisions + SIZE.deliveries);
    const decisions = await claimAndApprove(
      ctx,
      decided.map((d) => d.draftId),
      10,
    );
    latencyRow('claimDraft latency, concurrency 10', decisions.claim, trivial.latency.p99, 30);
    latencyRow('approveDraft latency, concurrency 10', decisions.approve, trivial.latency.p99, 30);
    const delivery = await approveToDelivery(ctx, delivered, 10);
    latencyRow(
      `approve response → reply in the sandbox chat, ${delivered.length} approvals at concurrency 10`,
      delivery,
      trivial.latency.p99,
      50,
    );

    const endRss = rssMiB(server.pid);
    memoryRow('server memory right after start', startRss, bare / 2 ** 20, 150);
    memoryRow('server memory after the run', endRss, bare / 2 ** 20, 300);

    // After the memory rows: these only read what was seeded, and must not move the figures above.
    await seedDecisions(services.analytics, INSIGHTS.drafts);
    const insights = await insightsQueries(ctx, INSIGHTS.rounds);
    row({
      what: `reviewStats, 90 days over ${insights.decided} decided drafts, first request (sums the settled days)`,
      figure: insights.first,
      unit: 'ms',
    });
    latencyRow(
      `reviewStats, 90 days over ${insights.decided} decided drafts`,
      insights.reviewStats,
      trivial.latency.p99,
      200,
    );
    latencyRow('funnelStats, 90 days', insights.funnelStats, trivial.latency.p99, 200);
  } catch (error) {
    console.error(`\nbenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error(server.output().slice(-4000));
    process.exitCode = 1;
  } finally {
    await server.stop();
    await services.drop();
  }

  const out = path.join(ROOT, '.tmp', 'bench');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ smoke, size: SIZE, machine: { cores: cpus().length }, rows }, null, 2)}\n`);
  console.log(`\nresults: ${path.relative(ROOT, file)}`);
  if (!smoke && rows.some((r) => r.met === false)) console.log('some targets are not met (NO above)');
}

await main();
