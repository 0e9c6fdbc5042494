import { importConfiguredAccount, setAccountState } from '../accounts/accounts.js';
import type { Core } from '../core.js';
import type { InboundSpool, Lease, TelegramPort } from '../ports.js';
import { noteTyping } from './intake.js';
import { CatchUpLoop } from './recovery.js';
import { SpooledIntake } from './spool.js';

/**
 * Connects the Telegram port to intake: live messages and typing, and a call to `reconnected` when
 * gramjs reports the connection back (the catch-up then fetches what arrived meanwhile).
 */
export async function startGateway(
  core: Core,
  telegram: TelegramPort,
  intake: SpooledIntake,
  opts: { connect: boolean; listen: boolean; reconnected(): void },
): Promise<void> {
  if (opts.connect) await telegram.connect();
  const account = telegram.account;
  // The TELEGRAM_* account is an account like any other: recorded (a user account's id is known only now).
  await importConfiguredAccount(core, account)
    .then(() => setAccountState(core, account, 'CONNECTED'))
    .catch((err: unknown) => core.log.warn({ account, err: String(err) }, 'TELEGRAM_* account not recorded'));
  if (opts.listen) listenForIntake(core, telegram, intake, opts.reconnected);
  core.log.info({ account }, 'telegram gateway ready');
}

/** Feeds a connected account's messages and typing to intake; `reconnected` runs when gramjs is back. */
export function listenForIntake(
  core: Core,
  telegram: TelegramPort,
  intake: SpooledIntake,
  reconnected: () => void,
): void {
  const account = telegram.account;
  telegram.listen({
    message: (m) =>
      intake
        .accept(m)
        .catch((error) =>
          core.log.error(
            { telegramMessageId: m.telegramMessageId, chatId: m.chatId, err: String(error) },
            'inbound message lost: neither stored nor spooled',
          ),
        ),
    typing: (userId) => noteTyping(core, account, userId).catch(() => {}),
    reconnected,
  });
}

export const GATEWAY_LEASE_TTL_MS = 15_000;

/**
 * Runs the gateway role only while this process holds the gateway lease: one active gateway per
 * Telegram account, standbys taking over within a lease TTL when it dies.
 */
export class GatewayLeader {
  private timer: NodeJS.Timeout | null = null;
  private active = false;
  private telegramReady: string | null = null;
  private listening = false;
  private readonly intake: SpooledIntake;
  private catchUp: CatchUpLoop | null = null;
  private stopped = false;

  constructor(
    private readonly core: Core,
    private readonly lease: Lease,
    private readonly hooks: { setActive(active: boolean): void },
    private readonly telegram: TelegramPort | null,
    spool: InboundSpool,
    private readonly telegramConnected: boolean,
    private readonly ttlMs = GATEWAY_LEASE_TTL_MS,
  ) {
    this.intake = new SpooledIntake(core, spool);
  }

  get state(): 'active' | 'standby' {
    return this.active ? 'active' : 'standby';
  }

  get telegramAccount(): string | null {
    return this.telegramReady;
  }

  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.floor(this.ttlMs / 3));
  }

  private async tick(): Promise<void> {
    let held = false;
    try {
      held = await this.lease.hold(this.ttlMs);
    } catch (error) {
      this.core.log.warn({ err: String(error) }, 'gateway lease unreachable');
    }
    if (this.stopped) return;
    if (held && !this.active) {
      this.active = true;
      this.core.log.info('gateway lease taken: this process delivers and holds the Telegram connection');
      this.hooks.setActive(true);
      this.intake.start();
      if (this.telegram) void this.connectTelegram(this.telegram);
    } else if (!held && this.active) {
      // Someone else may now be sending: stop at once rather than risk two senders.
      this.active = false;
      this.core.log.warn('gateway lease lost: standing by');
      this.hooks.setActive(false);
      this.telegramReady = null;
      void this.catchUp?.stop();
      this.catchUp = null;
      await this.telegram?.pause().catch(() => {});
    }
  }

  private async connectTelegram(telegram: TelegramPort): Promise<void> {
    try {
      // A Telegram outage must not keep the review desk down, so this runs in the background.
      await startGateway(this.core, telegram, this.intake, {
        connect: !this.telegramConnected || this.listening,
        listen: !this.listening,
        reconnected: () => this.catchUp?.trigger(),
      });
      this.listening = true;
      this.telegramReady = telegram.account;
      if (this.active && !this.stopped) {
        this.catchUp = new CatchUpLoop(this.core, telegram, this.intake);
        this.catchUp.start();
      }
    } catch (error) {
      this.core.log.error({ err: String(error) }, 'telegram gateway failed to start');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.catchUp?.stop();
    await this.intake.stop();
    if (this.active) await this.lease.release().catch(() => {});
    this.active = false;
  }
}

/** The health probe of this process's Telegram side: its role, its lease and its connection. */
export function telegramProbe(leader: GatewayLeader | null, telegram: TelegramPort | null, channel: string) {
  return async (): Promise<string> => {
    if (!leader) return 'no gateway role in this process';
    if (leader.state === 'standby') return 'standby: another process holds the gateway lease';
    if (!telegram) return `${channel} channel`;
    if (!leader.telegramAccount) throw new Error(`${telegram.name} not connected`);
    return `${telegram.name} ${leader.telegramAccount} + sandbox`;
  };
}
