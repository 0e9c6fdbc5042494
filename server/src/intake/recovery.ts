import type { Core } from '../core.js';
import type { InboundMessage, TelegramPort, UpdateState } from '../ports.js';

/** A catch-up this often also checkpoints the update state, so a restart asks for little. */
const CATCH_UP_EVERY_MS = 60_000;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;

interface Intake {
  accept(message: InboundMessage): Promise<void>;
}

async function savedState(core: Core, account: string): Promise<UpdateState | null> {
  return core.analytics.telegramState.findUnique({
    where: { account },
    select: { pts: true, qts: true, date: true, seq: true },
  });
}

async function saveState(core: Core, account: string, state: UpdateState): Promise<void> {
  await core.analytics.telegramState.upsert({ where: { account }, create: { account, ...state }, update: state });
}

/**
 * An account seen for the first time has no update state to ask the difference from; before this
 * version recovery read each chat active in the last RECOVERY_MAX_AGE_HOURS, so that is done once more.
 */
async function missedPerChat(core: Core, telegram: TelegramPort): Promise<InboundMessage[]> {
  const hours = core.config.RECOVERY_MAX_AGE_HOURS;
  const chats = await core.analytics.$queryRaw<Array<{ chatId: string; accessHash: string | null; highWater: bigint }>>`
    SELECT m."chatId", MAX(c."accessHash") AS "accessHash", MAX((m."telegramMessageId")::bigint) AS "highWater"
    FROM "Message" m JOIN "Contact" c ON c."id" = m."contactId"
    WHERE m."account" = ${telegram.account} AND m."direction" = 'INBOUND' AND m."telegramMessageId" ~ '^[0-9]+$'
      AND m."sentAt" > ${new Date(Date.now() - hours * 3_600_000)}
    GROUP BY m."chatId"`;
  return telegram.missedMessages(
    chats.map((c) => ({ chatId: c.chatId, accessHash: c.accessHash, highWater: Number(c.highWater) })),
    hours,
  );
}

/**
 * Feeds intake what Telegram holds for the account since its saved update state (messages no older
 * than RECOVERY_MAX_AGE_HOURS; the inbox drops the ones already stored), then saves the new state.
 * The state only moves past messages that are stored or durably spooled.
 */
export async function catchUp(core: Core, telegram: TelegramPort, intake: Intake): Promise<void> {
  const account = telegram.account;
  const oldest = new Date(Date.now() - core.config.RECOVERY_MAX_AGE_HOURS * 3_600_000);
  const saved = await savedState(core, account);
  if (!saved) {
    const missed = await missedPerChat(core, telegram);
    for (const message of missed) await intake.accept(message);
    await saveState(core, account, await telegram.updateState());
    core.log.info({ account, recovered: missed.length }, 'telegram update state noted; later catch-ups start from it');
    return;
  }
  const difference = await telegram.difference(saved, oldest);
  const recent = difference.messages.filter((m) => !m.sentAt || m.sentAt >= oldest);
  for (const message of recent) await intake.accept(message);
  await saveState(core, account, difference.state);
  const tooOld = difference.messages.length - recent.length;
  if (difference.gap) core.log.warn({ account }, 'Telegram could not list every update since the last catch-up');
  if (recent.length > 0 || tooOld > 0)
    core.log.info({ account, fetched: recent.length, tooOld, pts: difference.state.pts }, 'telegram caught up');
}

/**
 * Runs `catchUp` when the gateway starts, whenever gramjs reports the connection back, and every
 * minute; a failed one (Telegram or the database unreachable) is retried with backoff.
 */
export class CatchUpLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failures = 0;
  private interval: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly core: Core,
    private readonly telegram: TelegramPort,
    private readonly intake: Intake,
    /** Told of each failed catch-up (a revoked session shows here first). */
    private readonly onError?: (error: unknown) => void,
  ) {}

  start(): void {
    this.trigger();
    this.interval = setInterval(() => this.trigger(), CATCH_UP_EVERY_MS);
  }

  /** Catches up now, or right after the catch-up in progress. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.trigger();
      }
    });
  }

  private async run(): Promise<void> {
    try {
      await catchUp(this.core, this.telegram, this.intake);
      this.failures = 0;
    } catch (error) {
      this.onError?.(error);
      this.failures += 1;
      if (this.failures === 1 || this.failures % 10 === 0)
        this.core.log.warn({ err: String(error), failures: this.failures }, 'telegram catch-up failed; will retry');
      if (!this.stopped) {
        const delay = Math.min(RETRY_FIRST_MS * 2 ** (this.failures - 1), RETRY_MAX_MS);
        this.retry = setTimeout(() => this.trigger(), delay);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    if (this.retry) clearTimeout(this.retry);
    await this.running;
  }
}
