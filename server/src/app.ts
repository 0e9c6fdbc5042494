import type { AddressInfo } from 'node:net';
import { importConfiguredAccount } from './accounts/accounts.js';
import { ACCOUNT_COLUMNS, AccountDirectory } from './accounts/directory.js';
import { openSecretBox, reencryptSecrets } from './accounts/secrets.js';
import { type AdapterOptions, openAdapters } from './adapters/open.js';
import { WakingQueue } from './adapters/queue/wake.js';
import type { GramjsTelegram } from './adapters/telegram/gramjs.js';
import { announceFirstAdmin, sweepExpiredSessions } from './auth/auth.js';
import { Sessions } from './auth/sessions.js';
import type { Config } from './config.js';
import type { Core } from './core.js';
import { createGraphQLServer } from './graphql/server.js';
import { checkHealth } from './health.js';
import { RequestActivity } from './http/activity.js';
import { trainingExport } from './http/export.js';
import { metricsRoute } from './http/metrics.js';
import { createHttpServer } from './http/server.js';
import { CLIENT_DIST } from './http/static.js';
import { AccountGateways } from './intake/account-gateways.js';
import { GatewayLeader, telegramProbe } from './intake/gateway.js';
import { intakeProbe } from './intake/spool.js';
import { checkJobs } from './jobs/failures.js';
import type { Role } from './jobs/handlers.js';
import { JOB_KINDS, type JobKind, Jobs } from './jobs/kinds.js';
import { JobRunner } from './jobs/runner.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics, readDeployment } from './metrics.js';
import { sweepIntervalMs, sweepPresence } from './presence/presence.js';
import { WebhookSubscribers } from './webhooks/subscribers.js';

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
  /** gramjs clients for sign-ins from the app, and connections for the accounts added there (tests fake Telegram). */
  signInClients?: AdapterOptions['signInClients'];
  connector?: AdapterOptions['connector'];
  /** Where the built web app is served from (tests give a directory of their own). */
  clientDir?: string;
}

/** Builds the parts of the configured mode and roles; `start` and `stop` run them. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const log = options.logger ?? createLogger(config.LOG_LEVEL);
  const metrics = new Metrics({ processMetrics: config.METRICS_TOKEN !== undefined });
  const adapterOptions: AdapterOptions = {
    onLlmCall: (usage) => metrics.llmCall(usage),
    ...(options.telegram ? { telegram: options.telegram.port } : {}),
    ...(options.signInClients ? { signInClients: options.signInClients } : {}),
    ...(options.connector ? { connector: options.connector } : {}),
  };
  const adapters = await openAdapters(config, log, adapterOptions);

  // The runner is built below. Work due now wakes the runners of its kind instead of waiting for their poll:
  // this process's directly, the other processes' through pub/sub (services mode runs roles apart).
  let runner: JobRunner | null = null;
  const queue = new WakingQueue(adapters.queue, (kind) => {
    runner?.nudge(kind as JobKind);
    // Other processes are told only of work this one does not run itself: it claims its own at once.
    if (config.mode === 'services' && !runner?.runsKind(kind as JobKind)) adapters.pubsub.publish('jobsDue', kind);
  });
  const { analytics, rapport } = adapters.databases;
  const core: Core = {
    config,
    log,
    metrics,
    analytics,
    sql: adapters.databases.sql,
    sqlTransaction: adapters.databases.sqlTransaction,
    rapport,
    rapportTransaction: adapters.databases.rapportTransaction,
    queue,
    jobs: new Jobs(queue),
    cache: adapters.cache,
    attempts: adapters.attempts,
    presence: adapters.presence,
    pubsub: adapters.pubsub,
    sessions: new Sessions(analytics, config, adapters.pubsub, log),
    webhooks: new WebhookSubscribers(analytics, adapters.pubsub, log),
    channel: adapters.channel,
    accounts: new AccountDirectory(
      () => analytics.telegramAccount.findMany({ select: ACCOUNT_COLUMNS }),
      adapters.pubsub,
      log,
    ),
    secrets: await openSecretBox(config),
    telegramSignIn: adapters.telegramSignIn,
    drafter: adapters.drafter,
    extractor: adapters.extractor,
  };
  await announceFirstAdmin(core);
  await startAccounts(core);
  // Deployment-wide gauges come from the processes that serve the API, not from every worker.
  if (config.ROLES.includes('api')) {
    metrics.watchDeployment(readDeployment(core), config.METRICS_CACHE_SECONDS * 1000, log);
  }

  const roles = config.ROLES.filter((r): r is Role => r === 'worker' || r === 'gateway');
  // Requests this process is answering: its background jobs wait for a quiet moment (jobs/runner.ts).
  const activity = new RequestActivity();
  runner = roles.length > 0 ? new JobRunner(core, roles, { activity }) : null;
  const jobs = runner;
  // Delivery runs in a process holding the environment's gateway lease or any account added in the app.
  const active = { leader: false, accounts: false };
  const setActive = (part: keyof typeof active, value: boolean) => {
    active[part] = value;
    jobs?.setGatewayActive(active.leader || active.accounts);
  };
  const leader =
    jobs && config.ROLES.includes('gateway')
      ? new GatewayLeader(
          core,
          adapters.gatewayLease,
          { setActive: (value) => setActive('leader', value) },
          adapters.telegram,
          adapters.inboundSpool,
          options.telegram?.connected ?? false,
          config.GATEWAY_LEASE_SECONDS * 1000,
        )
      : null;

  const accountGateways =
    jobs && config.ROLES.includes('gateway') && adapters.connector
      ? new AccountGateways(
          core,
          adapters.accountLease,
          adapters.connector,
          adapters.channel,
          adapters.inboundSpool,
          { holding: (value) => setActive('accounts', value) },
          config.GATEWAY_LEASE_SECONDS * 1000,
        )
      : null;
  if (accountGateways) adapters.locateAccounts((account) => accountGateways.locate(account));

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
      metrics: metricsRoute(config.METRICS_TOKEN, metrics),
    },
    config,
    log,
    activity,
  );
  // Attached once the port is ours: a WebSocket server on a failed listen re-emits its error with a stack trace.
  let closeWebSockets: (() => Promise<void>) | null = null;

  let listening = false;
  let sessionSweep: NodeJS.Timeout | null = null;
  let presenceSweep: NodeJS.Timeout | null = null;
  let stopHearingJobs: (() => void) | null = null;
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
        // Every API process sweeps; the store reports each expiry to one of them.
        const sweepViewers = () =>
          sweepPresence(core).catch((err) => log.warn({ err: String(err) }, 'presence sweep failed'));
        presenceSweep = setInterval(sweepViewers, sweepIntervalMs(core)).unref();
      }
      await runner?.start();
      if (runner && config.mode === 'services') stopHearingJobs = hearJobs(core, runner);
      await leader?.start();
      await accountGateways?.start();
      const bound = (server.address() as AddressInfo).port;
      log.info(
        {
          port: bound,
          mode: config.mode,
          roles: config.ROLES,
          telegram: adapters.channel.name,
          llm: adapters.drafter.name,
          metrics: config.METRICS_TOKEN ? '/metrics (token required)' : 'off',
        },
        'countersign listening',
      );
      return bound;
    },
    async stop() {
      if (sessionSweep) clearInterval(sessionSweep);
      if (presenceSweep) clearInterval(presenceSweep);
      stopHearingJobs?.();
      await accountGateways?.stop();
      await leader?.stop();
      await runner?.stop();
      await closeWebSockets?.();
      core.sessions.close();
      core.webhooks.close();
      core.accounts.close();
      if (listening) {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }
      await adapters.close();
    },
  };
}

/**
 * Secrets sealed with an earlier key are re-sealed with the current one (as `pnpm accounts:rotate-key` does),
 * and the TELEGRAM_* account is imported (a bot here; a user account once its gateway has connected).
 */
async function startAccounts(core: Core): Promise<void> {
  if (core.secrets.canSeal) {
    const moved = await reencryptSecrets(core.analytics, core.secrets).catch((err: unknown) => {
      core.log.warn({ err: String(err) }, 'account secrets not re-encrypted: a key they need is missing');
      return 0;
    });
    if (moved > 0) core.log.info({ accounts: moved }, 'account secrets re-encrypted with the current key');
  }
  await importConfiguredAccount(core);
  // Read now, so the first inbound message does not wait for it.
  await core.accounts.list();
}

/** Work another process enqueued for now wakes this process's runner for that kind; returns a stop function. */
function hearJobs(core: Core, runner: JobRunner): () => void {
  const events = core.pubsub.subscribe('jobsDue');
  const iterator = events[Symbol.asyncIterator]();
  void (async () => {
    try {
      for await (const kind of events)
        if ((JOB_KINDS as readonly string[]).includes(kind)) runner.nudge(kind as JobKind);
    } catch (err) {
      core.log.warn({ err: String(err) }, 'stopped hearing about due jobs; polling finds them');
    }
  })();
  return () => void iterator.return?.();
}
