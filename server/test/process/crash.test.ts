import { afterAll, describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { ApproveDraftMutation, ReviewQueueQuery, SandboxChatQuery } from '../support/documents.js';
import { createTestClient, login, overNetwork, type TestClient } from '../support/graphql.js';
import { ADMIN, eventually, type Mode, modeEnv } from '../support/harness.js';
import { freePort, type ServerProcess, startServerProcess } from '../support/process.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

/** Signs in to a server process as the admin. */
async function signIn(server: ServerProcess): Promise<TestClient> {
  const endpoint = overNetwork(`${server.url}/graphql`);
  return createTestClient(endpoint, await login(endpoint, ADMIN.email, ADMIN.password));
}

async function draftsFor(admin: TestClient, telegramUserId: string) {
  const queue = await admin.execute(ReviewQueueQuery);
  return queue
    .data!.reviewQueue.edges.map((e) => e.node)
    .filter((d) => d.contact.displayName.endsWith(telegramUserId) || d.contact.displayName === telegramUserId);
}

async function outbound(admin: TestClient, telegramUserId: string): Promise<string[]> {
  const chat = await admin.execute(SandboxChatQuery, { telegramUserId });
  return chat.data!.sandboxChat.filter((m) => m.direction === 'OUTBOUND').map((m) => m.text);
}

describe.each(modes)('a process killed at any point loses nothing and sends nothing twice (%s mode)', (mode) => {
  const running: ServerProcess[] = [];
  let cleanup = async () => {};
  afterAll(async () => {
    for (const p of running) await p.kill();
    await cleanup();
  });

  async function start(env: Record<string, string>, port: number) {
    const p = await startServerProcess(env, port);
    running.push(p);
    return p;
  }

  it('between receiving a burst and drafting it, and between approval and delivery', async () => {
    const m = await modeEnv(mode);
    cleanup = m.cleanup;
    // Slow debounce and human pacing widen the windows the kills land in.
    const env = { ...m.env, TYPING_DEBOUNCE_DELAY: '2', ENABLE_TYPING_PACING: 'true', LOG_LEVEL: 'warn' };
    const port = await freePort();

    let server = await start(env, port);
    let admin = await signIn(server);
    for (const text of ['Are you open on Sunday?', 'And on Monday?']) {
      const sent = await admin.execute(SandboxSendDocument, {
        input: { telegramUserId: '8001', text, firstName: 'Kai' },
      });
      expect(sent.data!.sandboxSend.__typename).toBe('SandboxSendSuccess');
    }
    expect(await draftsFor(admin, 'Kai')).toEqual([]);
    await server.kill();

    server = await start(env, port);
    admin = await signIn(server);
    const [draft] = await eventually(
      async () => {
        const drafts = await draftsFor(admin, 'Kai');
        return drafts.length > 0 ? drafts : null;
      },
      20_000,
      'the buffered burst to be drafted after the restart',
    );
    expect(draft!.inboundText).toBe('Are you open on Sunday?\nAnd on Monday?');

    // Short bubbles keep the typing pauses (about 1 s per 5 characters) short.
    const bubbles = ['Sunday: 10 to 4.', 'Monday: 9 to 6.'];
    const approved = await admin.execute(ApproveDraftMutation, { input: { draftId: draft!.id, bubbles, claim: true } });
    expect(approved.data!.approveDraft.__typename).toBe('ApproveDraftSuccess');
    // Killed right after the approval committed: the reading pause means nothing was sent yet.
    await server.kill();

    server = await start(env, port);
    admin = await signIn(server);
    // Killed again as soon as the first bubble is out, before the second one is typed.
    // Up to one job lease (10 s) passes before the dead process's delivery job is handed on.
    await eventually(async () => (await outbound(admin, '8001')).length >= 1, 30_000, 'the first bubble');
    await server.kill();

    server = await start(env, port);
    admin = await signIn(server);
    await eventually(async () => (await outbound(admin, '8001')).length >= 2, 30_000, 'both bubbles');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await outbound(admin, '8001')).toEqual(bubbles);
    expect(await draftsFor(admin, 'Kai')).toEqual([]);
    await server.kill();
  }, 180_000);

  it('inside the undo window: the reply goes out once, and not before the window ends', async () => {
    const m = await modeEnv(mode);
    const previous = cleanup;
    cleanup = async () => {
      await previous();
      await m.cleanup();
    };
    // Long enough that the restarted process is up inside it (its start-up reconciles the delivery at once).
    const window = 12;
    const env = { ...m.env, APPROVAL_UNDO_SECONDS: String(window), LOG_LEVEL: 'warn' };
    const port = await freePort();

    let server = await start(env, port);
    let admin = await signIn(server);
    const sent = await admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '8002', text: 'Do you deliver?', firstName: 'Noa' },
    });
    expect(sent.data!.sandboxSend.__typename).toBe('SandboxSendSuccess');
    const [draft] = await eventually(
      async () => {
        const drafts = await draftsFor(admin, 'Noa');
        return drafts.length > 0 ? drafts : null;
      },
      20_000,
      'a draft',
    );
    const approved = await admin.execute(ApproveDraftMutation, {
      input: { draftId: draft!.id, bubbles: ['We do, every weekday.'], claim: true },
    });
    expect(approved.data!.approveDraft.__typename).toBe('ApproveDraftSuccess');
    const windowEnds = Date.now() + window * 1000;
    // Killed inside the window: its delivery job is scheduled for the window's end and nothing was sent.
    await new Promise((r) => setTimeout(r, 1000));
    await server.kill();

    server = await start(env, port);
    admin = await signIn(server);
    // The restarted process reconciles undelivered approvals at once; it must still wait for the window.
    const firstSeen = await eventually(
      async () => ((await outbound(admin, '8002')).length > 0 ? Date.now() : null),
      40_000,
      'the reply after the window',
    );
    expect(firstSeen).toBeGreaterThanOrEqual(windowEnds - 100);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await outbound(admin, '8002')).toEqual(['We do, every weekday.']);
    await server.kill();
  }, 120_000);
});
