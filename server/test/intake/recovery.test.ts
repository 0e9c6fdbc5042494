import { Api } from 'telegram';
import { afterEach, describe, expect, it } from 'vitest';
import { RejectDraftDocument } from '../../../client/src/gql/graphql.js';
import { RecoveryQueueQuery } from '../support/documents.js';
import { eventually, type Mode, modeEnv } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';
import { FakeTelegram, person, pushUpdate, startWithTelegram, type TelegramApp } from '../support/telegram.js';

const BRUNO = person(30001, 'Bruno');
const CARLA = person(30002, 'Carla');
const DANA = person(30003, 'Dana');

const hoursAgo = (h: number) => Math.floor(Date.now() / 1000 - h * 3600);

async function queue(t: TelegramApp): Promise<Array<{ id: string; inboundText: string; name: string }>> {
  return ((await t.admin.execute(RecoveryQueueQuery)).data?.reviewQueue.edges ?? []).map((e) => ({
    id: e.node.id,
    inboundText: e.node.inboundText,
    name: e.node.contact.displayName,
  }));
}

/** The queue once its length passes `ready`. */
function queueWhen(t: TelegramApp, ready: (length: number) => boolean, timeoutMs: number, what: string) {
  return eventually(
    async () => {
      const q = await queue(t);
      return ready(q.length) ? q : null;
    },
    timeoutMs,
    what,
  );
}

const runs: Array<[Mode, 'user' | 'bot']> = [
  ['embedded', 'user'],
  ['embedded', 'bot'],
];
if (servicesAvailable) runs.push(['services', 'user']);

describe.each(runs)('catching up from Telegram’s update state (%s mode, %s)', (mode, kind) => {
  const running: TelegramApp[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const t of running.splice(0)) await t.stop();
    for (const c of cleanups.splice(0)) await c();
  });

  async function start(env: Record<string, string>, telegram: FakeTelegram) {
    const t = await startWithTelegram(env, telegram);
    running.push(t);
    return t;
  }

  /** This mode's storage, cleaned up after the test, and a Telegram of this kind. */
  async function storageAndTelegram() {
    const m = await modeEnv(mode);
    cleanups.push(m.cleanup);
    return { env: m.env, telegram: new FakeTelegram(kind) };
  }

  /** Waits until the gateway has noted Telegram's update state, the point it catches up from. */
  const stateNoted = (telegram: FakeTelegram) =>
    eventually(
      async () => telegram.invoked.some((r) => r instanceof Api.updates.GetState),
      10_000,
      'the gateway to note Telegram’s update state',
    );

  it('after downtime, drafts for a person quiet for two days and a new person, not for a too old message', async () => {
    const { env, telegram } = await storageAndTelegram();
    telegram.sliceSize = 2;

    // Bruno last wrote two days ago; his conversation was dealt with.
    const first = await start(env, telegram);
    pushUpdate(first.client, telegram.update(telegram.receive(BRUNO, 'Thanks, got it!', hoursAgo(48))));
    const [old] = await queueWhen(first, (n) => n === 1, 15_000, "Bruno's old draft");
    const rejected = await first.admin.execute(RejectDraftDocument, { input: { draftId: old!.id, claim: true } });
    expect(rejected.data?.rejectDraft.__typename).toBe('RejectDraftSuccess');
    await first.stop();
    running.splice(0);

    // Down for 14 hours: Dana wrote 13 hours ago (older than RECOVERY_MAX_AGE_HOURS), then Bruno and Carla.
    telegram.receive(DANA, 'Anyone there?', hoursAgo(13));
    telegram.receive(BRUNO, 'Hi again, I need another order', hoursAgo(1));
    telegram.receive(CARLA, 'Hello, first time here', hoursAgo(0.2));
    telegram.receive(CARLA, 'Do you ship to Braga?', hoursAgo(0.1));

    const second = await start(env, telegram);
    const drafted = await queueWhen(second, (n) => n >= 2, 20_000, 'the recovered drafts');
    expect(drafted.map((d) => [d.name, d.inboundText]).sort()).toEqual([
      ['Bruno', 'Hi again, I need another order'],
      ['Carla', 'Hello, first time here\nDo you ship to Braga?'],
    ]);
    const dana = await second.app.core.analytics.message.count({ where: { text: 'Anyone there?' } });
    expect(dana).toBe(0);
  }, 90_000);

  it('fetches what the live stream missed when gramjs reports the connection back', async () => {
    const { env, telegram } = await storageAndTelegram();
    const t = await start(env, telegram);
    await stateNoted(telegram);

    // The connection dropped: these reached Telegram but never came down as live updates.
    telegram.receive(CARLA, 'Are you open on Sunday?');
    telegram.receive(CARLA, 'Around noon?');
    pushUpdate(t.client, 1 /* UpdateConnectionState.connected */);
    const drafted = await queueWhen(t, (n) => n > 0, 15_000, 'the draft of the missed messages');
    expect(drafted.map((d) => [d.name, d.inboundText])).toEqual([['Carla', 'Are you open on Sunday?\nAround noon?']]);
  }, 60_000);

  it.runIf(kind === 'user')(
    'after a gap too long for the difference, a user account reads its recently active chats',
    async () => {
      const { env, telegram } = await storageAndTelegram();
      const first = await start(env, telegram);
      await stateNoted(telegram);
      await first.stop();
      running.splice(0);

      telegram.receive(DANA, 'Anyone there?', hoursAgo(13));
      telegram.receive(BRUNO, 'Hi again, I need another order', hoursAgo(1));
      telegram.receive(CARLA, 'Hello, first time here', hoursAgo(0.2));
      telegram.tooLongBelow = telegram.pts;

      const second = await start(env, telegram);
      const drafted = await queueWhen(second, (n) => n >= 2, 20_000, 'the drafts from the recent chats');
      expect(drafted.map((d) => [d.name, d.inboundText]).sort()).toEqual([
        ['Bruno', 'Hi again, I need another order'],
        ['Carla', 'Hello, first time here'],
      ]);
      expect(await second.app.core.analytics.message.count({ where: { text: 'Anyone there?' } })).toBe(0);
    },
    90_000,
  );
});
