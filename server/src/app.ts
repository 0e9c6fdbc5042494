import type { AddressInfo } from 'node:net';
import { type AdapterOptions, openAdapters } from './adapters/open.js';
import { WakingQueue } from './adapters/queue/wake.js';
import type { GramjsTelegram } from './adapters/telegram/gramjs.js';
import { announceFirstAdmin, sweepExpiredSessions } from './auth/auth.js';
import type { Config } from './config.js';
import type { Core } from './core.js';
import { createGraphQLServer } from './graphql/server.js';
import { checkHealth } from './health.js';
import { trainingExport } from './http/export.js';
import { createHttpServer } from './http/server.js';
import { CLIENT_DIST } from './http/static.js';
import { GatewayLeader, telegramProbe } from './intake/gateway.js';
import { intakeProbe } from './intake/spool.js';
import { checkJobs } from './jobs/failures.js';
import type { Role } from './jobs/handlers.js';
import { Jobs } from './jobs/kinds.js';
import { JobRunner } from './jobs/runner.js';
import { createLogger, type Logger } from './logger.js';

/** How often expired sessions are deleted (they are refused on use in any case). */
const SESSION_SWEEP_MS = 10 * 60_000;

export interface App {
  core: Core;
  /** Resolves with the bound port (pass 0 for any free port). */
  start(port?: number): Promise<number>;
  stop(): Promise<void>;
  /** Yoga's fetch, for tests that skip the network. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  runner: JobRunner | null;
}

export interface BuildOptions {
  logger?: Logger;
  /** A Telegram port built elsewhere (tests feed it gramjs updates); `connected` skips connect(). */
  telegram?: { port: GramjsTelegram; connected: boolean };
  /** Where the built web app is served from (tests give a directory of their own). */
  clientDir?: string;
}

/** Builds the parts of the configured mode and roles; `start` and `stop` run them. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const log = options.logger ?? createLogger(config.LOG_LEVEL);
  const adapterOptions: AdapterOptions = options.telegram ? { telegram: options.telegram.port } : {};
  const adapters = await openAdapters(config, log, adapterOptions);

  // The runner is built below; work enqueued in this process wakes it instead of waiting for its poll.
  let runner: JobRunner | null = null;
  const queue = new WakingQueue(adapters.queue, () => runner?.nudge());
  const { analytics, rapport } = adapters.databases;
  const core: Core = {
    config,
    log,
    analytics,
    rapport,
    queue,
    jobs: new Jobs(queue),
    cache: adapters.cache,
    attempts: adapters.attempts,
    pubsub: adapters.pubsub,
    channel: adapters.channel,
    drafter: adapters.drafter,
  };
  await announceFirstAdmin(core);

  const roles = config.ROLES.filter((r): r is Role => r === 'worker' || r === 'gateway');
  runner = roles.length > 0 ? new JobRunner(core, roles) : null;
  const jobs = runner;
  const leader =
    jobs && config.ROLES.includes('gateway')
      ? new GatewayLeader(
          core,
          adapters.gatewayLease,
          { setActive: (active) => jobs.setGatewayActive(active) },
          adapters.telegram,
          adapters.inboundSpool,
          options.telegram?.connected ?? false,
          config.GATEWAY_LEASE_SECONDS * 1000,
        )
      : null;

  const probes = {
    ...adapters.probes,
    intake: intakeProbe(adapters.inboundSpool),
    telegram: telegramProbe(leader, adapters.telegram, adapters.channel.name),
    jobs: () => checkJobs(core),
  };
  const health = () => checkHealth(config.mode, probes, ['analytics']);
  const graphql = createGraphQLServer(core, health);
  const server = createHttpServer(
    {
      graphql,
      clientDir: options.clientDir ?? CLIENT_DIST,
      liveness: () => ({ status: 'ok', mode: config.mode, pid: process.pid }),
      trainingExport: trainingExport(core),
    },
    config,
    log,
  );
  // Attached once the port is ours: a WebSocket server on a failed listen re-emits its error with a stack trace.
  let closeWebSockets: (() => Promise<void>) | null = null;

  let listening = false;
  let sessionSweep: NodeJS.Timeout | null = null;
  return {
    core,
    runner,
    fetch: (input, init) => Promise.resolve(graphql.yoga.fetch(input as URL, init ?? {})),
    async start(port = config.PORT) {
      await new Promise<void>((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolveListen());
      });
      listening = true;
      closeWebSockets = graphql.attachWebSocket(server);
      if (config.ROLES.includes('api')) {
        // Expired sessions are refused on use; this also deletes those nobody comes back with.
        const sweep = () =>
          sweepExpiredSessions(core).catch((err) => log.warn({ err: String(err) }, 'session sweep failed'));
        void sweep();
        sessionSweep = setInterval(sweep, SESSION_SWEEP_MS).unref();
      }
      await runner?.start();
      await leader?.start();
      const bound = (server.address() as AddressInfo).port;
      log.info(
        {
          port: bound,
          mode: config.mode,
          roles: config.ROLES,
          telegram: adapters.channel.name,
          llm: adapters.drafter.name,
        },
        'countersign listening',
      );
      return bound;
    },
    async stop() {
      if (sessionSweep) clearInterval(sessionSweep);
      await leader?.stop();
      await runner?.stop();
      await closeWebSockets?.();
      if (listening) {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }
      await adapters.close();
    },
  };
}
