import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setAccountState } from '../accounts/accounts.js';
import type { Core } from '../core.js';
import type { AccountState } from '../db.js';
import type { InboundSpool, Lease, TelegramConnector, TelegramPort } from '../ports.js';
import { listenForIntake } from './gateway.js';
import { CatchUpLoop } from './recovery.js';
import { SpooledIntake } from './spool.js';

interface Held {
  lease: Lease;
  telegram: TelegramPort | null;
  catchUp: CatchUpLoop | null;
  /** The sealed secret's IV when connected: another one (a new login, a new token) reconnects. */
  version: string;
}

/** Where the accounts this process holds are sent from: the router asks here. */
export interface HeldConnections {
  attach(accountId: string, telegram: TelegramPort): void;
  detach(accountId: string): void;
}

/**
 * Serves the Telegram accounts added in the app: each has its own gateway lease, and the process holding it
 * holds the account's connection. Every gateway process contends for every account; one holding more accounts
 * waits longer before taking a free one, so the accounts spread among the processes, and a standby takes
 * over an account within a lease TTL when its holder stops. The account's `state` and `stateDetail` say what
 * happens, live; a revoked session moves it to NEEDS_LOGIN and nobody retries it until it is signed in again.
 */
export class AccountGateways {
  private readonly held = new Map<string, Held>();
  /** Ticks each free account has waited here: a process takes one once it waited longer than it holds accounts. */
  private readonly waited = new Map<string, number>();
  /** Accounts that failed to connect here, and the tick before which this process does not try them again. */
  private readonly backoff = new Map<string, { until: number; failures: number }>();
  private readonly intake: SpooledIntake;
  /** Names this gateway in the account's state detail (one Node process may run several apps in tests). */
  readonly me = `${hostname()}/${process.pid}/${randomBytes(2).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;
  /** Every account added in the app, as the last look at the table found it: connected somewhere, or not. */
  private known = new Map<string, 'elsewhere' | 'down'>();
  private ticking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly core: Core,
    private readonly leaseFor: (accountId: string) => Lease,
    private readonly connector: TelegramConnector,
    private readonly connections: HeldConnections,
    spool: InboundSpool,
    private readonly hooks: { holding(any: boolean): void },
    private readonly ttlMs: number,
  ) {
    this.intake = new SpooledIntake(core, spool);
  }

  /** Where an account is connected when this process does not hold it (for the channel router); null: not ours. */
  locate(account: string): 'elsewhere' | 'down' | null {
    return this.known.get(account) ?? null;
  }

  /** The accounts this process holds now. */
  get accounts(): string[] {
    return [...this.held.keys()];
  }

  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(
      () => {
        if (!this.ticking) this.ticking = this.tick().finally(() => (this.ticking = null));
      },
      Math.floor(this.ttlMs / 3),
    );
  }

  private async setState(id: string, state: AccountState, stateDetail: string): Promise<void> {
    await setAccountState(this.core, id, state, stateDetail).catch((error: unknown) =>
      this.core.log.warn({ account: id, state, err: String(error) }, 'could not record the account state'),
    );
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.ticks += 1;
    let rows: Array<{ id: string; secretIv: Uint8Array | null; state: AccountState; disabledAt: Date | null }>;
    try {
      rows = await this.core.analytics.telegramAccount.findMany({
        where: { kind: { in: ['USER', 'BOT'] }, source: 'app', removedAt: null },
        select: { id: true, secretIv: true, state: true, disabledAt: true },
        orderBy: { createdAt: 'asc' },
      });
    } catch (error) {
      this.core.log.warn({ err: String(error) }, 'could not list Telegram accounts; holding what is held');
      for (const [id, h] of this.held) await this.renew(id, h);
      return;
    }
    this.known = new Map(rows.map((r) => [r.id, r.state === 'CONNECTED' ? 'elsewhere' : 'down']));
    const accounts = rows.filter((r) => !r.disabledAt && r.state !== 'NEEDS_LOGIN');
    const wanted = new Map(accounts.map((a) => [a.id, Buffer.from(a.secretIv ?? []).toString('hex')]));
    for (const [id, h] of this.held) {
      const version = wanted.get(id);
      // Removed, disabled or signed out: let go. A newer row (signed in again): reconnect with its secret.
      if (version === undefined || version !== h.version) await this.drop(id, true);
      else await this.renew(id, h);
    }
    let taken = false;
    for (const { id } of accounts) {
      if (this.held.has(id) || this.stopped) continue;
      const waited = (this.waited.get(id) ?? 0) + 1;
      this.waited.set(id, waited);
      if (taken || waited <= this.held.size || (this.backoff.get(id)?.until ?? 0) > this.ticks) continue;
      const lease = this.leaseFor(id);
      let got = false;
      try {
        got = await lease.hold(this.ttlMs);
      } catch (error) {
        this.core.log.warn({ account: id, err: String(error) }, 'account lease unreachable');
      }
      if (!got) continue;
      taken = true;
      this.waited.delete(id);
      await this.take(id, lease, wanted.get(id)!);
    }
    this.hooks.holding(this.held.size > 0);
  }

  private async renew(id: string, h: Held): Promise<void> {
    let still = false;
    try {
      still = await h.lease.hold(this.ttlMs);
    } catch (error) {
      this.core.log.warn({ account: id, err: String(error) }, 'account lease unreachable');
    }
    // Someone else may be connected now: stop at once rather than risk two connections.
    if (!still) {
      this.core.log.warn({ account: id }, 'account lease lost: letting the account go');
      await this.drop(id, false, false);
    }
  }

  private async take(id: string, lease: Lease, version: string): Promise<void> {
    const h: Held = { lease, telegram: null, catchUp: null, version };
    this.held.set(id, h);
    if (this.held.size === 1) this.intake.start();
    await this.setState(id, 'CONNECTING', `Connecting from gateway ${this.me}`);
    this.core.log.info({ account: id }, 'account lease taken: connecting');
    try {
      const row = await this.core.analytics.telegramAccount.findUniqueOrThrow({ where: { id } });
      const secret = this.core.secrets.openColumns(row);
      if (secret === null) throw new Error('the account has no stored session or token');
      const telegram = await this.connector.open({ id, kind: row.kind === 'BOT' ? 'BOT' : 'USER', secret });
      h.telegram = telegram;
      await telegram.connect();
      if (telegram.account !== id) throw new Error(`the session belongs to ${telegram.account}, not ${id}`);
      if (this.held.get(id) !== h) return;
      listenForIntake(this.core, telegram, this.intake, () => h.catchUp?.trigger());
      this.connections.attach(id, telegram);
      h.catchUp = new CatchUpLoop(this.core, telegram, this.intake, (error) => void this.failed(id, h, error));
      h.catchUp.start();
      this.backoff.delete(id);
      await this.setState(id, 'CONNECTED', `Connected from gateway ${this.me}`);
    } catch (error) {
      await this.failed(id, h, error);
    }
  }

  /** A connection that failed: a revoked session needs a new login; anything else is retried with backoff. */
  private async failed(id: string, h: Held, error: unknown): Promise<void> {
    if (this.held.get(id) !== h) return;
    const revoked = this.connector.revoked(error);
    if (revoked) {
      this.core.log.warn(
        { account: id, telegramError: revoked },
        'Telegram ended the session: the account needs a login',
      );
      await this.drop(id, true);
      await this.setState(id, 'NEEDS_LOGIN', `Telegram ended the session (${revoked}): sign in again`);
      return;
    }
    // A working connection whose catch-up failed once keeps going (the loop retries); a failed connect lets go.
    if (h.catchUp) return;
    const failures = (this.backoff.get(id)?.failures ?? 0) + 1;
    this.backoff.set(id, { failures, until: this.ticks + Math.min(2 ** failures, 60) });
    const reason = error instanceof Error ? error.message : String(error);
    this.core.log.warn({ account: id, err: reason, failures }, 'Telegram account failed to connect; will retry');
    await this.drop(id, true);
    await this.setState(id, 'ERROR', `Could not connect (${reason.slice(0, 200)}); retrying`);
  }

  /** Lets an account go: its connection closed, and its lease released when `release` (else it ran out). */
  private async drop(id: string, release: boolean, standby = false): Promise<void> {
    const h = this.held.get(id);
    if (!h) return;
    this.held.delete(id);
    this.connections.detach(id);
    await h.catchUp?.stop();
    await h.telegram?.disconnect().catch(() => {});
    if (release) await h.lease.release().catch(() => {});
    if (standby) await this.setState(id, 'STANDBY', 'Waiting for a gateway process to take it over');
    if (this.held.size === 0) this.hooks.holding(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    for (const id of [...this.held.keys()]) await this.drop(id, true, true);
    await this.intake.stop();
  }
}
