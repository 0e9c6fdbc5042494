import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';

/** One readable line for the failures a user can fix, instead of a stack trace. */
function explain(error: unknown, port: number): string {
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (e?.code === 'EADDRINUSE') return `port ${port} is already in use: stop the other process or set PORT`;
  if (e?.code === 'ECONNREFUSED')
    return `cannot connect to ${e.address ?? 'a service'}:${e.port ?? ''} (is PostgreSQL or Redis running, and are DATABASE_URL, RAPPORT_DATABASE_URL and REDIS_URL right?)`;
  return error instanceof Error ? error.message : String(error);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

try {
  const app = await buildApp(config);
  await app.start();
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void app.stop().then(() => process.exit(0));
    });
  }
} catch (error) {
  console.error(`Countersign could not start: ${explain(error, config.PORT)}`);
  process.exit(1);
}
