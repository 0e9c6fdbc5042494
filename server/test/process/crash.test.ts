import { afterAll, describe, expect, it } from 'vitest';
import { APPROVE, REVIEW_QUEUE, SANDBOX_CHAT, SANDBOX_SEND } from '../support/documents.js';
import { ADMIN, eventually, type Mode, modeEnv } from '../support/harness.js';
import { freePort, gqlAt, type ServerProcess, startServerProcess } from '../support/process.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ... on LoginSuccess { token } } }`;

async function login(url: string): Promise<string> {
  const result = await gqlAt(url, LOGIN, ADMIN);
  return result.data.login.token;
}

async function draftsFor(url: string, token: string, telegramUserId: string) {
  const queue = await gqlAt(url, REVIEW_QUEUE, {}, token);
  return queue.data.reviewQueue.edges
    .map((e: any) => e.node)
    .filter((d: any) => d.contact.displayName.endsWith(telegramUserId) || d.contact.displayName === telegramUserId);
}

async function outbound(url: string, token: string, telegramUserId: string): Promise<string[]> {
  const chat = await gqlAt(url, SANDBOX_CHAT, { telegramUserId }, token);
  return chat.data.sandboxChat.filter((m: any) => m.direction === 'OUTBOUND').map((m: any) => m.text);
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
    let token = await login(server.url);
    for (const text of ['Are you open on Sunday?', 'And on Monday?']) {
      const sent = await gqlAt(
        server.url,
        SANDBOX_SEND,
        { input: { telegramUserId: '8001', text, firstName: 'Kai' } },
        token,
      );
      expect(sent.data.sandboxSend.__typename).toBe('SandboxSendSuccess');
    }
    expect(await draftsFor(server.url, token, 'Kai')).toEqual([]);
    await server.kill();

    server = await start(env, port);
    token = await login(server.url);
    const [draft] = await eventually(
      async () => {
        const drafts = await draftsFor(server.url, token, 'Kai');
        return drafts.length > 0 ? drafts : null;
      },
      20_000,
      'the buffered burst to be drafted after the restart',
    );
    expect(draft.inboundText).toBe('Are you open on Sunday?\nAnd on Monday?');

    // Short bubbles keep the typing pauses (about 1 s per 5 characters) short.
    const bubbles = ['Sunday: 10 to 4.', 'Monday: 9 to 6.'];
    const approved = await gqlAt(server.url, APPROVE, { input: { draftId: draft.id, bubbles } }, token);
    expect(approved.data.approveDraft.__typename).toBe('ApproveDraftSuccess');
    // Killed right after the approval committed: the reading pause means nothing was sent yet.
    await server.kill();

    server = await start(env, port);
    token = await login(server.url);
    // Killed again as soon as the first bubble is out, before the second one is typed.
    // Up to one job lease (10 s) passes before the dead process's delivery job is handed on.
    await eventually(async () => (await outbound(server.url, token, '8001')).length >= 1, 30_000, 'the first bubble');
    await server.kill();

    server = await start(env, port);
    token = await login(server.url);
    await eventually(async () => (await outbound(server.url, token, '8001')).length >= 2, 30_000, 'both bubbles');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await outbound(server.url, token, '8001')).toEqual(bubbles);
    expect(await draftsFor(server.url, token, 'Kai')).toEqual([]);
    await server.kill();
  }, 180_000);
});
