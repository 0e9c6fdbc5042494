import type { AccountKind, AccountState } from '../db.js';

/** A Telegram account as the API and domain code see it: every column but the secret. */
export interface AccountView {
  id: string;
  kind: AccountKind;
  label: string;
  username: string | null;
  state: AccountState;
  stateDetail: string | null;
  stateChangedAt: Date;
  personaId: string | null;
  adminTelegramIds: string[];
  /** Whether a secret (session or token) is stored; the secret itself never leaves the accounts module. */
  hasSecret: boolean;
  source: string;
  disabledAt: Date | null;
  removedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An AccountView as it travels through pub/sub (JSON: dates as ISO strings). */
export type AccountWire = Omit<
  AccountView,
  'stateChangedAt' | 'disabledAt' | 'removedAt' | 'createdAt' | 'updatedAt'
> & {
  stateChangedAt: string;
  disabledAt: string | null;
  removedAt: string | null;
  createdAt: string;
  updatedAt: string;
};
