import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { generateDraft } from '../../src/drafting/generate.js';
import { RequestActivity } from '../../src/http/activity.js';
import { flushBuffer } from '../../src/intake/flush.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { approveDraft, claimDraft } from '../../src/review/review.js';
import { addReviewer, eventually, useApp } from '../support/harness.js';

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

describe('background jobs give way to a delivery (embedded, human pacing)', () => {
  // No worker or gateway role: the runner built by the test is the only one. Pacing makes the delivery last a
  // couple of seconds (a reading pause, then typing).
  const app = useApp('embedded', { ROLES: 'api', ENABLE_TYPING_PACING: 'true', APPROVAL_UNDO_SECONDS: '0' });

  it('runs a memory write once the delivery in progress has ended', async () => {
    const core = app.t.app.core;
    const reviewer = await addReviewer(app.t);
    const { contactId } = await sandboxSend(core, { telegramUserId: '95001', text: 'hello there' });
    const draftId = (await flushBuffer(core, contactId))!;
    await generateDraft(core, draftId);
    await claimDraft(core, draftId, reviewer);

    const runner = new JobRunner(core, ['worker', 'gateway'], {
      activity: new RequestActivity(),
      pollMs: 20,
      maxHoldMs: 60_000,
    });
    runner.setGatewayActive(true);
    await runner.start();
    try {
      await approveDraft(core, { draftId, bubbles: ['Thanks, all good!'] }, reviewer);
      const sent = () => core.analytics.outboxBubble.count({ where: { draftId, status: 'SENT' } });
      await eventually(
        async () => (await core.analytics.draft.findUniqueOrThrow({ where: { id: draftId } })).deliveryStartedAt,
        5000,
        'the delivery to start',
      );
      // A memory write queued while the delivery runs.
      await core.queue.enqueue('remember', 'waits', { draftId: randomUUID() });
      await sleep(300);
      // Pacing: the bubble is not out yet, and the memory write has waited for it.
      expect(await sent()).toBe(0);
      expect(await queued('remember')).toBeGreaterThanOrEqual(1);
      await eventually(async () => (await sent()) === 1, 20_000, 'the bubble to be sent');
      // Then the waiting write and the delivered exchange's own are written.
      await eventually(async () => (await queued('remember')) === 0, 3000, 'the memory writes');
      const turns = await core.rapport.memoryTurn.count({ where: { draftId } });
      expect(turns).toBe(2);
    } finally {
      await runner.stop();
    }
  });

  const queued = (kind: string) => app.t.app.core.queue.size(kind);
});
