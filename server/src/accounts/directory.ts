import type { AccountView, AccountWire } from './view.js';

export type { AccountView, AccountWire };

import type { Logger } from '../logger.js';
import type { PubSub } from '../pubsub.js';

/** The columns an AccountView is read from: never the secret's ciphertext. */
export const ACCOUNT_COLUMNS = {
  id: true,
  kind: true,
  label: true,
  username: true,
  state: true,
  stateDetail: true,
  stateChangedAt: true,
  personaId: true,
  adminTelegramIds: true,
  secretKeyId: true,
  source: true,
  disabledAt: true,
  removedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

type AccountRow = Omit<AccountView, 'hasSecret'> & { secretKeyId: string | null };

export function toView({ secretKeyId, ...row }: AccountRow): AccountView {
  return { ...row, hasSecret: secretKeyId !== null };
}

export function toWire(a: AccountView): AccountWire {
  return {
    ...a,
    stateChangedAt: a.stateChangedAt.toISOString(),
    disabledAt: a.disabledAt?.toISOString() ?? null,
    removedAt: a.removedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function fromWire(w: AccountWire): AccountView {
  const date = (s: string | null) => (s === null ? null : new Date(s));
  return {
    ...w,
    stateChangedAt: new Date(w.stateChangedAt),
    disabledAt: date(w.disabledAt),
    removedAt: date(w.removedAt),
    createdAt: new Date(w.createdAt),
    updatedAt: new Date(w.updatedAt),
  };
}

/** Whether intake takes messages for the account: it exists, is not removed and not disabled. */
export const takesMessages = (a: AccountView) => a.removedAt === null && a.disabledAt === null;

/** How long a process trusts its copy without hearing of changes (a missed pub/sub event heals by then). */
const REFRESH_MS = 60_000;

/**
 * Every Telegram account of the deployment, kept in memory by each process: read once, then updated from the
 * `telegramAccountUpdated` events every change publishes (they carry the whole account). Intake, drafting,
 * delivery and the Draft.account / Contact.account fields read it without a query; a process re-reads the
 * table at most once a minute in case it missed an event.
 */
export class AccountDirectory {
  private accounts: Map<string, AccountView> | null = null;
  private loading: Promise<Map<string, AccountView>> | null = null;
  private loadedAt = 0;
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly load: () => Promise<AccountRow[]>,
    pubsub: PubSub | null,
    private readonly log?: Logger,
  ) {
    if (pubsub) this.listen(pubsub);
  }

  private listen(pubsub: PubSub): void {
    const events = pubsub.subscribe('telegramAccountUpdated');
    const iterator = events[Symbol.asyncIterator]();
    void (async () => {
      try {
        for await (const event of events) this.apply(fromWire(event.account));
      } catch (err) {
        this.log?.warn({ err: String(err) }, 'stopped hearing account changes; the directory re-reads each minute');
      }
    })();
    this.stopListening = () => void iterator.return?.();
  }

  /** Takes a changed account in; an older copy than the one held is ignored (events may cross). */
  apply(account: AccountView): void {
    const held = this.accounts?.get(account.id);
    if (held && held.updatedAt > account.updatedAt) return;
    this.accounts?.set(account.id, account);
  }

  private async all(): Promise<Map<string, AccountView>> {
    if (this.accounts && Date.now() - this.loadedAt < REFRESH_MS) return this.accounts;
    this.loading ??= this.load()
      .then((rows) => {
        const map = new Map(rows.map((r) => [r.id, toView(r)]));
        // An event applied while the table was read may be newer than what the read saw.
        for (const [id, held] of this.accounts ?? []) {
          const read = map.get(id);
          if (read && held.updatedAt > read.updatedAt) map.set(id, held);
        }
        this.accounts = map;
        this.loadedAt = Date.now();
        return map;
      })
      .finally(() => {
        this.loading = null;
      });
    // A stale copy serves while the refresh runs; the first read waits for it.
    return this.accounts ?? this.loading;
  }

  async get(id: string): Promise<AccountView | null> {
    return (await this.all()).get(id) ?? null;
  }

  /** Accounts not removed, oldest first. */
  async list(): Promise<AccountView[]> {
    return [...(await this.all()).values()]
      .filter((a) => a.removedAt === null)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  /** Forgets the copy: the next read loads the table (tests and a rotation). */
  invalidate(): void {
    this.accounts = null;
  }

  close(): void {
    this.stopListening?.();
  }
}
