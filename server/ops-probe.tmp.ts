// temporary: counts analytics operations per stage for one person's burst (services mode, in process)
import pg from 'pg';
import { buildApp } from './src/app.js';
import { loadConfig } from './src/config.js';
import { createLogger } from './src/logger.js';
import { sandboxSend } from './src/intake/sandbox.js';

const tag = Math.random().toString(36).slice(2, 8);
const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
const env = {
  NODE_ENV: 'test', LOG_LEVEL: 'warn', ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: 'correct-horse-battery',
  TYPING_DEBOUNCE_DELAY: '0.5', DEBOUNCE_MAX_WAIT: '5', ENABLE_TYPING_PACING: 'false',
  DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/probe_${tag}_a`, RAPPORT_DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/probe_${tag}_r`,
  REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: `probe${tag}`,
};
const config = loadConfig(env);
const app = await buildApp(config, { logger: createLogger('warn') });
await app.start(0);
const ops: string[] = [];
const original = app.core.analytics;
app.core.analytics = original.$extends({ query: { $allOperations({ model, operation, args, query }) { ops.push(`${model ?? '-'}.${operation}`); return query(args); } } }) as never;
const stage = (name: string) => { console.log(`--- ${name}: ${ops.length} ops`); const m = new Map<string, number>(); for (const o of ops) m.set(o, (m.get(o) ?? 0) + 1); for (const [k, v] of m) console.log('  ', v, k); ops.length = 0; };
for (let i = 0; i < 5; i++) await sandboxSend(app.core, { telegramUserId: '4242', text: `hello ${i}` });
stage('intake of 5 messages');
for (;;) { const d = await original.draft.findFirst({ where: { status: 'PENDING' } }); if (d) break; await new Promise((r) => setTimeout(r, 50)); }
await new Promise((r) => setTimeout(r, 500));
stage('flush + draft job until PENDING');
await app.stop();
for (const n of [`probe_${tag}_a`, `probe_${tag}_r`]) await admin.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
await admin.end();
process.exit(0);
