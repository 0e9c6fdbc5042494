import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DRAFT_QUEUED, SANDBOX_CHAT, SANDBOX_SEND } from '../support/documents.js';
import { collect, eventually, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { REDIS_URL, servicesAvailable } from '../support/services.js';

const HEALTH = '{ health { components { name state detail } } }';
const telegramDetail = async (t: TestApp) =>
  (await t.gql(HEALTH)).data.health.components.find((c: any) => c.name === 'telegram').detail as string;

describe.skipIf(!servicesAvailable)('one active gateway per Telegram account (services mode)', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  const apps: TestApp[] = [];
  let redis: Redis;

  beforeAll(async () => {
    const m = await modeEnv('services');
    env = { ...m.env, GATEWAY_LEASE_SECONDS: '1.5' };
    cleanup = m.cleanup;
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const t of apps) await t.stop();
    redis?.disconnect();
    await cleanup?.();
  });

  async function start() {
    const t = await startApp(env);
    apps.push(t);
    return t;
  }

  it('waits while another process holds the lease, and takes over when it expires', async () => {
    const key = `${env.REDIS_PREFIX}:lease:gateway:sandbox`;
    await redis.set(key, 'a-process-that-died', 'PX', 2000);
    const standby = await start();
    expect(await telegramDetail(standby)).toMatch(/^standby/);
    await eventually(async () => !(await telegramDetail(standby)).startsWith('standby'), 6000, 'the takeover');
    expect(await redis.get(key)).not.toBe('a-process-that-died');
  });

  it('a second process stands by; when the active one stops, the standby delivers', async () => {
    const first = apps[0]!;
    const second = await start();
    expect(await telegramDetail(second)).toMatch(/^standby/);

    const token = await second.login();
    const queued = collect(second.ws(token), DRAFT_QUEUED);
    await new Promise((r) => setTimeout(r, 200));
    await second.gql(SANDBOX_SEND, { input: { telegramUserId: '4401', text: 'hello' } }, token);
    const draft = (await queued.until(() => true)).draftQueued;

    await first.stop();
    apps.splice(apps.indexOf(first), 1);
    await eventually(
      async () => !(await telegramDetail(second)).startsWith('standby'),
      6000,
      'the standby to take over',
    );

    await second.gql(APPROVE, { input: { draftId: draft.id, bubbles: ['Delivered by the new gateway'] } }, token);
    const chat = await eventually(
      async () => {
        const c = await second.gql(SANDBOX_CHAT, { telegramUserId: '4401' }, token);
        return c.data.sandboxChat.some((m: any) => m.direction === 'OUTBOUND') ? c.data.sandboxChat : null;
      },
      10_000,
      'the delivery',
    );
    expect(chat.map((m: any) => m.text)).toEqual(['hello', 'Delivered by the new gateway']);
  });
});
