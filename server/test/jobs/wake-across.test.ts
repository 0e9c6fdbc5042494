import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, modeEnv, startApp, type TestApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

/** Services mode runs roles apart: work an API process enqueues for now wakes the worker process at once. */
describe.skipIf(!servicesAvailable)('due work across processes (services mode)', () => {
  let api: TestApp;
  let worker: TestApp;
  let cleanup: () => Promise<void>;
  const nudged: string[] = [];

  beforeAll(async () => {
    const m = await modeEnv('services');
    cleanup = m.cleanup;
    api = await startApp({ ...m.env, ROLES: 'api' });
    worker = await startApp({ ...m.env, ROLES: 'worker,gateway' });
    // What the worker process hears: the runner is nudged with each kind it hears of.
    void (async () => {
      for await (const kind of worker.app.core.pubsub.subscribe('jobsDue')) nudged.push(kind);
    })();
    await new Promise((r) => setTimeout(r, 300));
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await cleanup?.();
  });

  it('wakes the other process for that kind only when the job is due now', async () => {
    expect(api.app.runner).toBeNull();
    await api.app.core.jobs.enqueue('remember', { draftId: '00000000-0000-4000-8000-000000000001' });
    await eventually(async () => nudged.includes('remember'), 5000, 'the worker to hear of the job');
    nudged.length = 0;
    // A debounce window that ends later wakes nobody: the poll finds it when it is due.
    await api.app.core.jobs.schedule(
      'debounce',
      { contactId: '00000000-0000-4000-8000-000000000002' },
      new Date(Date.now() + 60_000),
    );
    await api.app.core.jobs.enqueue('remember', { draftId: '00000000-0000-4000-8000-000000000003' });
    await eventually(async () => nudged.includes('remember'), 5000, 'the worker to hear of the second job');
    expect(nudged).not.toContain('debounce');
  });
});
