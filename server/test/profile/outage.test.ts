import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { flushBuffer } from '../../src/intake/flush.js';
import { extractTurn, reconcileExtraction } from '../../src/profile/extract.js';
import { readProfile } from '../../src/profile/read.js';
import { DraftQueuedSubscription } from '../support/documents.js';
import { eventually, useApp, useOutageApp } from '../support/harness.js';
import { servicesAvailable, setReachable } from '../support/services.js';

describe.skipIf(!servicesAvailable)('a rapport outage delays extraction but loses nothing (services mode)', () => {
  const app = useOutageApp('RAPPORT_DATABASE_URL');

  it('drafts while rapport is down, and folds the turn into the profile when it returns', async () => {
    const { t } = app;
    const queued = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((r) => setTimeout(r, 200));
    await setReachable(app.storage.database, false);

    await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '7401', text: 'I love sailing' } });
    const draft = (await queued.until(() => true, 15_000)).draftQueued;
    await new Promise((r) => setTimeout(r, 2000));
    const waiting = await t.app.core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id } });
    expect(waiting.extractedAt).toBeNull();

    await setReachable(app.storage.database, true);
    await eventually(
      async () => (await t.app.core.analytics.draft.findUniqueOrThrow({ where: { id: draft.id } })).extractedAt,
      30_000,
      'the extraction after rapport returned',
    );
    const profile = await readProfile(t.app.core, waiting.contactId);
    expect(profile!.preferences.map((p) => [p.topic, p.stance])).toEqual([['sailing', 'LIKES']]);
  }, 60_000);
});

describe('the extract sweep', () => {
  // No worker: nothing runs the queue, so the test can take the job away as a crash would.
  const app = useApp('embedded', { ROLES: 'api' });

  it('queues again a turn whose extract job was lost, and it is extracted once', async () => {
    const core = app.t.app.core;
    await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '7402', text: 'I enjoy pottery' } });
    const contact = await core.analytics.contact.findFirstOrThrow({ where: { telegramUserId: '7402' } });
    // Fold the burst by hand, as the debounce job would, then lose its extract job.
    const draftId = await eventually(() => flushBuffer(core, contact.id), 10_000, 'the burst to fold');
    await core.jobs.remove('extract', { draftId });
    expect(await core.jobs.size('extract')).toBe(0);

    await reconcileExtraction(core);
    expect(await core.jobs.size('extract')).toBe(1);
    await extractTurn(core, draftId);
    await extractTurn(core, draftId);
    const profile = await readProfile(core, contact.id);
    // Stated once: the confidence of one statement (a second run would have raised it to 0.75).
    expect(profile!.preferences.map((p) => [p.topic, p.stance, Number(p.confidence.toFixed(3))])).toEqual([
      ['pottery', 'LIKES', 0.5],
    ]);
    expect(profile!.style.messages).toBe(1);
  });
});
