import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import {
  ApproveDraftMutation,
  ComponentDetailQuery,
  DraftQueuedSubscription,
  SandboxChatQuery,
} from '../support/documents.js';
import { eventually, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { REDIS_URL, servicesAvailable } from '../support/services.js';

/** Asked as an admin (component details are for admins only); one session serves every process here. */
let adminToken: string;
const telegramDetail = async (t: TestApp) =>
  (await t.as(adminToken).execute(ComponentDetailQuery)).data!.health.components.find((c) => c.name === 'telegram')!
    .detail as string;

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
    // Signed in ahead, by a process without the gateway role, so no test waits on a sign-in.
    const api = await startApp({ ...env, ROLES: 'api' });
    adminToken = await api.login();
    await api.stop();
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

    const admin = second.as(await second.login());
    const queued = admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await admin.execute(SandboxSendDocument, { input: { telegramUserId: '4401', text: 'hello' } });
    const draft = (await queued.until(() => true)).draftQueued;

    await first.stop();
    apps.splice(apps.indexOf(first), 1);
    await eventually(
      async () => !(await telegramDetail(second)).startsWith('standby'),
      6000,
      'the standby to take over',
    );

    await admin.execute(ApproveDraftMutation, {
      input: { draftId: draft.id, bubbles: ['Delivered by the new gateway'], claim: true },
    });
    const chat = await eventually(
      async () => {
        const c = await admin.execute(SandboxChatQuery, { telegramUserId: '4401' });
        return c.data!.sandboxChat.some((m) => m.direction === 'OUTBOUND') ? c.data!.sandboxChat : null;
      },
      10_000,
      'the delivery',
    );
    expect(chat.map((m) => m.text)).toEqual(['hello', 'Delivered by the new gateway']);
  });
});
