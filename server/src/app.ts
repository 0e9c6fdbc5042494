import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';
import { MemoryCache } from './adapters/cache/memory.js';
import { RedisCache } from './adapters/cache/redis.js';
import { type Databases, embeddedTargets, openDatabases } from './adapters/db/clients.js';
import { LocalLease } from './adapters/lease/local.js';
import { RedisLease } from './adapters/lease/redis.js';
import { OfflineDrafter } from './adapters/llm/offline.js';
import { OpenAiDrafter } from './adapters/llm/openai.js';
import { createMemoryPubSub } from './adapters/pubsub/memory.js';
import { createRedisPubSub } from './adapters/pubsub/redis.js';
import { DatabaseJobQueue } from './adapters/queue/database.js';
import { RedisJobQueue } from './adapters/queue/redis.js';
import { WakingQueue } from './adapters/queue/wake.js';
import { createTelegramClient, GramjsTelegram } from './adapters/telegram/gramjs.js';
import { ChannelRouter } from './adapters/telegram/router.js';
import { SandboxChannel } from './adapters/telegram/sandbox.js';
import { bearer, ensureFirstAdmin, reviewerForToken } from './auth/auth.js';
import type { Config } from './config.js';
import type { Core } from './core.js';
import type { Context } from './graphql/builder.js';
import { schema } from './graphql/schema/index.js';
import { checkHealth, type Probe } from './health.js';
import { GatewayLeader } from './intake/gateway.js';
import { JobRunner, type Role } from './jobs.js';
import { createLogger, type Logger } from './logger.js';
import type { Cache, JobQueue, Lease } from './ports.js';

export interface App {
  core: Core;
  /** Resolves with the bound port (pass 0 for any free port). */
  start(port?: number): Promise<number>;
  stop(): Promise<void>;
  /** Yoga's fetch, for tests that skip the network. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  runner: JobRunner | null;
}

const CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

function serveClient(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const requested = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = resolve(join(CLIENT_DIST, requested));
  if (!file.startsWith(CLIENT_DIST) || !existsSync(file) || statSync(file).isDirectory())
    file = join(CLIENT_DIST, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The web app is not built. Run `pnpm --filter client build`, or use `pnpm start`, which builds it.\n');
    return;
  }
  const headers: Record<string, string> = { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' };
  if (file.includes(`${join(CLIENT_DIST, 'assets')}`)) headers['cache-control'] = 'public, max-age=31536000, immutable';
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}

export interface BuildOptions {
  logger?: Logger;
  /** A Telegram port built elsewhere (tests feed it gramjs updates); `connected` skips connect(). */
  telegram?: { port: GramjsTelegram; connected: boolean };
}

/** Names the Telegram account a gateway serves, without exposing its secrets. */
function gatewayIdentity(config: Config): string {
  if (config.telegram === 'bot') return `bot-${config.TELEGRAM_BOT_TOKEN!.split(':')[0]}`;
  if (config.telegram === 'user')
    return `user-${createHash('sha256').update(config.TELEGRAM_SESSION!).digest('hex').slice(0, 16)}`;
  return 'sandbox';
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const log = options.logger ?? createLogger(config.LOG_LEVEL);
  const closers: Array<() => Promise<void>> = [];

  const dbs: Databases = await openDatabases(
    config.mode === 'services'
      ? {
          analytics: { kind: 'postgres', url: config.DATABASE_URL! },
          rapport: { kind: 'postgres', url: config.RAPPORT_DATABASE_URL! },
        }
      : embeddedTargets(config.DATA_DIR),
    (line) => log.info(line),
  );
  closers.push(() => dbs.close());

  let queue: JobQueue;
  let lease: Lease;
  let cache: Cache;
  let pubsubHandle;
  const probes: Record<string, Probe> = {
    analytics: async () => (await dbs.ping.analytics(), 'reachable'),
    rapport: async () => (await dbs.ping.rapport(), 'reachable'),
  };
  if (config.mode === 'services') {
    const redis = new Redis(config.REDIS_URL!, { maxRetriesPerRequest: 3, lazyConnect: false });
    redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
    closers.unshift(async () => void redis.disconnect());
    queue = new RedisJobQueue(redis, config.REDIS_PREFIX);
    cache = new RedisCache(redis, config.REDIS_PREFIX);
    lease = new RedisLease(redis, `${config.REDIS_PREFIX}:lease:gateway:${gatewayIdentity(config)}`);
    pubsubHandle = createRedisPubSub(config.REDIS_URL!, config.REDIS_PREFIX);
    probes.redis = async () => `${await redis.ping()}`;
  } else {
    queue = new DatabaseJobQueue(dbs.analytics);
    lease = new LocalLease();
    cache = new MemoryCache();
    pubsubHandle = createMemoryPubSub();
  }
  closers.unshift(() => pubsubHandle.close());

  const gateway = config.ROLES.includes('gateway');
  let telegram: GramjsTelegram | null = options.telegram?.port ?? null;
  if (!telegram && gateway && config.telegram !== 'sandbox') {
    telegram = new GramjsTelegram(
      createTelegramClient({
        kind: config.telegram,
        apiId: config.TELEGRAM_API_ID!,
        apiHash: config.TELEGRAM_API_HASH!,
        session: config.TELEGRAM_SESSION,
        botToken: config.TELEGRAM_BOT_TOKEN,
      }),
      { kind: config.telegram, botToken: config.TELEGRAM_BOT_TOKEN },
    );
  }
  if (telegram) closers.unshift(() => telegram.disconnect());
  const channel = new ChannelRouter(new SandboxChannel(), telegram);
  const drafter =
    config.llm === 'openai'
      ? new OpenAiDrafter({
          apiKey: config.OPENAI_API_KEY,
          baseURL: config.OPENAI_BASE_URL,
          draftModel: config.LLM_DRAFT_MODEL,
          refineModel: config.LLM_REFINE_MODEL,
          fallbackModel: config.LLM_FALLBACK_MODEL,
          timeoutMs: config.LLM_TIMEOUT_SECONDS * 1000,
        })
      : new OfflineDrafter();
  probes.telegram = async () => {
    if (!leader) return 'no gateway role in this process';
    if (leader.state === 'standby') return 'standby: another process holds the gateway lease';
    if (!telegram) return `${channel.name} channel`;
    if (!leader.telegramAccount) throw new Error(`${telegram.name} not connected`);
    return `${telegram.name} ${leader.telegramAccount} + sandbox`;
  };
  probes.llm = async () =>
    config.llm === 'openai'
      ? `${config.LLM_DRAFT_MODEL} → ${config.LLM_REFINE_MODEL}`
      : 'offline drafter (no LLM configured)';

  // Declared below; enqueues made before it exists have nothing to wake.
  let runner: JobRunner | null = null;
  queue = new WakingQueue(queue, () => runner?.nudge());
  const core: Core = {
    config,
    log,
    analytics: dbs.analytics,
    rapport: dbs.rapport,
    queue,
    cache,
    pubsub: pubsubHandle.pubsub,
    channel,
    drafter,
  };

  const admin = await ensureFirstAdmin(dbs.analytics, {
    email: config.ADMIN_EMAIL,
    password: config.ADMIN_PASSWORD,
    embedded: config.mode === 'embedded',
  });
  if (admin?.password) {
    // Printed once, on the start that created the account.
    console.log(
      `\n  First admin created: ${admin.email} / ${admin.password}\n  Sign in at http://localhost:${config.PORT}. This password is shown only once.\n`,
    );
  } else if (admin) {
    log.info({ email: admin.email }, 'first admin created');
  }

  const health = () => checkHealth(config.mode, probes, ['analytics']);

  const yoga = createYoga<{ req?: IncomingMessage; connectionParams?: Record<string, unknown> }, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    maskedErrors: {
      isDev: false,
      // Sign-in and role errors are meant for the client even when a plugin wrapped them.
      maskError: (error, message) => {
        // Duck-typed: graphql may be loaded twice (ESM and CJS), which defeats instanceof.
        let cause = error as { extensions?: { code?: unknown }; originalError?: unknown; message?: string } | undefined;
        // Errors graphql-js raised itself (bad variables and the like) describe the request, not the server.
        if (error instanceof Error && error.name === 'GraphQLError' && !cause?.originalError)
          return error as GraphQLError;
        while (cause) {
          const code = cause.extensions?.code;
          if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
            const top = error as GraphQLError;
            return new GraphQLError(cause.message ?? message, {
              nodes: top.nodes,
              path: top.path,
              extensions: { code },
            });
          }
          cause = cause.originalError as typeof cause;
        }
        log.error(
          { err: error instanceof Error ? error.stack : String(error) },
          'unexpected error in a GraphQL request',
        );
        return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    landingPage: false,
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...a) => log.warn(a.map(String).join(' ')),
      error: (...a) => log.error(a.map(String).join(' ')),
    },
    context: async ({ request, connectionParams }) => {
      const token =
        bearer(connectionParams?.authorization ?? connectionParams?.Authorization) ??
        bearer(request?.headers.get('authorization'));
      return { core, reviewer: await reviewerForToken(dbs.analytics, token), token, health };
    },
  });

  const runnerRoles = config.ROLES.filter((r): r is Role => r === 'worker' || r === 'gateway');
  runner = runnerRoles.length > 0 ? new JobRunner(core, runnerRoles) : null;
  const leader =
    gateway && runner
      ? new GatewayLeader(
          core,
          lease,
          { setActive: (active) => runner.setGatewayActive(active) },
          telegram,
          options.telegram?.connected ?? false,
          config.GATEWAY_LEASE_SECONDS * 1000,
        )
      : null;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', mode: config.mode, pid: process.pid }));
      return;
    }
    if (path === '/graphql') {
      void yoga.requestListener(req, res);
      return;
    }
    serveClient(req, res);
  });
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const wsServer = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onConnect: async (ctx) => {
        const token = bearer(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization);
        // Refusing here gives the client a clear close code (4403) instead of failing each operation.
        return (await reviewerForToken(dbs.analytics, token)) !== null;
      },
      onSubscribe: async (ctx, _id, params) => {
        const {
          schema: s,
          execute,
          subscribe,
          contextFactory,
          parse,
          validate,
        } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        const args = {
          schema: s,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args;
      },
    },
    wss,
  );

  let started = false;
  return {
    core,
    runner,
    fetch: (input, init) => Promise.resolve(yoga.fetch(input as URL, init ?? {})),
    async start(port = config.PORT) {
      await new Promise<void>((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolveListen());
      });
      started = true;
      await runner?.start();
      await leader?.start();
      const bound = (server.address() as AddressInfo).port;
      log.info(
        { port: bound, mode: config.mode, roles: config.ROLES, telegram: channel.name, llm: drafter.name },
        'countersign listening',
      );
      return bound;
    },
    async stop() {
      await leader?.stop();
      await runner?.stop();
      await wsServer.dispose();
      wss.close();
      if (started) {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }
      for (const close of closers) await close().catch((err) => log.warn({ err: String(err) }, 'close failed'));
    },
  };
}
