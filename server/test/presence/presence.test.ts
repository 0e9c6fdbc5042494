import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DraftPresenceChangedDocument,
  DraftPresenceDocument,
  LeaveDraftPresenceDocument,
  TouchDraftPresenceDocument,
} from '../../../client/src/gql/graphql.js';
import { CreateReviewerMutation } from '../support/documents.js';
import { createTestClient, login, overNetwork, type TestClient } from '../support/graphql.js';
import { ADMIN, type Mode, modeEnv } from '../support/harness.js';
import { freePort, type ServerProcess, startServerProcess } from '../support/process.js';
import { servicesAvailable } from '../support/services.js';

const TTL_SECONDS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function signIn(server: ServerProcess, email: string, password: string): Promise<TestClient> {
  const endpoint = overNetwork(`${server.url}/graphql`);
  return createTestClient(endpoint, await login(endpoint, email, password));
}

/**
 * Two API processes: services mode shares presence through Redis; embedded mode has one process, so both
 * "sides" are the same process there.
 */
// The adapters themselves are covered by test/adapters/presence.contract.test.ts.
const modes: Mode[] = servicesAvailable ? ['services'] : ['embedded'];

describe.each(modes)('presence (%s mode)', (mode) => {
  const processes: ServerProcess[] = [];
  let cleanup = async () => {};
  let ana: TestClient;
  let ben: TestClient;
  let watcher: TestClient;

  beforeAll(async () => {
    const m = await modeEnv(mode);
    cleanup = m.cleanup;
    const env = { ...m.env, PRESENCE_TTL_SECONDS: String(TTL_SECONDS), LOG_LEVEL: 'warn' };
    const first = await startServerProcess(
      { ...env, ROLES: mode === 'services' ? 'api' : 'api,worker,gateway' },
      await freePort(),
    );
    processes.push(first);
    const second = mode === 'services' ? await startServerProcess({ ...env, ROLES: 'api' }, await freePort()) : first;
    if (second !== first) processes.push(second);
    const admin = await signIn(first, ADMIN.email, ADMIN.password);
    for (const [email, displayName] of [
      ['ana@example.com', 'Ana'],
      ['ben@example.com', 'Ben'],
    ] as const) {
      const created = await admin.execute(CreateReviewerMutation, {
        input: { email, displayName, password: 'long-password', role: 'REVIEWER' },
      });
      expect(created.data!.createReviewer.__typename).toBe('CreateReviewerSuccess');
    }
    // Ana and Ben work on the first process; the watcher looks from the second.
    ana = await signIn(first, 'ana@example.com', 'long-password');
    ben = await signIn(first, 'ben@example.com', 'long-password');
    watcher = await signIn(second, ADMIN.email, ADMIN.password);
  }, 120_000);

  afterAll(async () => {
    for (const p of processes) await p.kill();
    await cleanup();
  });

  it('a viewer on one process is seen from the other, live and by query, and drops off after the TTL', async () => {
    const draftId = randomUUID();
    const changes = watcher.subscribe(DraftPresenceChangedDocument);
    await sleep(300);
    const forDraft = () => changes.events.filter((e) => e.draftPresence.draftId === draftId);

    const touched = await ana.execute(TouchDraftPresenceDocument, { input: { draftId, editing: true } });
    expect(touched.data!.touchDraftPresence).toEqual({ __typename: 'TouchDraftPresenceSuccess', ttlSeconds: 2 });
    await ben.execute(TouchDraftPresenceDocument, { input: { draftId, editing: false } });
    const both = await changes.until(
      (e) => e.draftPresence.draftId === draftId && e.draftPresence.viewers.length === 2,
    );
    expect(both.draftPresence.viewers).toEqual([
      { __typename: 'DraftViewer', reviewerId: expect.any(String), displayName: 'Ana', editing: true },
      { __typename: 'DraftViewer', reviewerId: expect.any(String), displayName: 'Ben', editing: false },
    ]);
    const listed = (await watcher.execute(DraftPresenceDocument)).data!.draftPresence;
    expect(listed.find((d) => d.draftId === draftId)?.viewers.map((v) => v.displayName)).toEqual(['Ana', 'Ben']);

    // Ben leaves at once; Ana's heartbeats keep her, and a heartbeat that changes nothing announces nothing.
    await ben.execute(LeaveDraftPresenceDocument, { draftId });
    await changes.until((e) => e.draftPresence.draftId === draftId && e.draftPresence.viewers.length === 1);
    for (let i = 0; i < 4; i++) {
      await sleep(TTL_SECONDS * 250);
      await ana.execute(TouchDraftPresenceDocument, { input: { draftId, editing: true } });
    }
    expect(forDraft()).toHaveLength(3);
    expect(
      forDraft()
        .at(-1)!
        .draftPresence.viewers.map((v) => v.displayName),
    ).toEqual(['Ana']);

    // Ana's tab goes away: no more heartbeats. She is gone about a TTL after the last one, announced once.
    const lastBeat = Date.now();
    await changes.until(
      (e) => e.draftPresence.draftId === draftId && e.draftPresence.viewers.length === 0,
      TTL_SECONDS * 1000 + 5000,
    );
    const gone = Date.now() - lastBeat;
    expect(gone).toBeGreaterThanOrEqual(TTL_SECONDS * 1000 - 300);
    expect(gone).toBeLessThan(TTL_SECONDS * 1000 + 3000);
    await sleep(1000);
    expect(forDraft()).toHaveLength(4);
    const after = (await watcher.execute(DraftPresenceDocument)).data!.draftPresence;
    expect(after.find((d) => d.draftId === draftId)).toBeUndefined();
    changes.dispose();
  }, 60_000);

  it('refuses a malformed draft id with a typed error', async () => {
    const touched = await ana.execute(TouchDraftPresenceDocument, { input: { draftId: 'nope', editing: false } });
    expect(touched.data!.touchDraftPresence.__typename).toBe('NotFoundError');
  });
});
