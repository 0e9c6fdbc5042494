import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RequestActivity } from '../../src/http/activity.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { eventually, useApp } from '../support/harness.js';

describe('RequestActivity', () => {
  it('is busy while a request is answered and just after, and runs what waits once it is quiet', async () => {
    const activity = new RequestActivity();
    expect(activity.busy()).toBe(false);
    const first = activity.begin();
    const second = activity.begin();
    expect(activity.busy()).toBe(true);
    let ran = 0;
    activity.whenQuiet(() => ran++);
    first();
    first(); // ending twice counts once: the second request is still in flight
    await sleep(40);
    expect(ran).toBe(0);
    expect(activity.busy()).toBe(true);
    second();
    expect(activity.busy()).toBe(true); // a request of the same burst may be on its way
    await sleep(40);
    expect(ran).toBe(1);
    expect(activity.busy()).toBe(false);
    activity.whenQuiet(() => ran++);
    expect(ran).toBe(2); // quiet already: at once
  });
});

describe('background jobs give way to requests (embedded)', () => {
  // No worker role: the runner built by each test is the only one taking jobs.
  const app = useApp('embedded', { ROLES: 'api' });

  const queued = (kind: string) => app.t.app.core.queue.size(kind);

  it('runs a memory write after the request in flight, while other work goes on at once', async () => {
    const core = app.t.app.core;
    const activity = new RequestActivity();
    const runner = new JobRunner(core, ['worker'], { activity, pollMs: 20, maxHoldMs: 60_000 });
    const end = activity.begin();
    // Both for drafts that do not exist: each job finds nothing to do and is acknowledged.
    await core.queue.enqueue('remember', 'held', { draftId: randomUUID() });
    await core.queue.enqueue('draft', 'not-held', { draftId: randomUUID() });
    await runner.start();
    try {
      await eventually(async () => (await queued('draft')) === 0, 5000, 'the drafting job');
      await sleep(300);
      expect(await queued('remember')).toBe(1);
      end();
      const ended = performance.now();
      await eventually(async () => (await queued('remember')) === 0, 5000, 'the memory write');
      expect(performance.now() - ended).toBeLessThan(1000);
    } finally {
      await runner.stop();
    }
  });

  it('holds background work no longer than maxHoldMs under requests that never stop', async () => {
    const core = app.t.app.core;
    const activity = new RequestActivity();
    const runner = new JobRunner(core, ['worker'], { activity, pollMs: 20, maxHoldMs: 500 });
    const end = activity.begin();
    const started = performance.now();
    await core.queue.enqueue('extract', 'steady', { draftId: randomUUID() });
    await runner.start();
    try {
      await eventually(async () => (await queued('extract')) === 0, 5000, 'the extraction job');
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(450);
      expect(waited).toBeLessThan(2500);
      expect(activity.busy()).toBe(true);
    } finally {
      end();
      await runner.stop();
    }
  });
});
