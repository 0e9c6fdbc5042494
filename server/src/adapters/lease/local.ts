import type { Lease } from '../../ports.js';

interface Slot {
  holder: symbol | null;
  expiresAt: number;
}

/**
 * Embedded mode: every contender lives in this process, so the lease is a slot in memory with the
 * same rules as the Redis lease (one holder, renewed by it, free once it stops renewing).
 */
export class LocalLease implements Lease {
  private readonly me = Symbol('holder');

  constructor(private readonly slot: Slot = { holder: null, expiresAt: 0 }) {}

  /** Another contender for the same lease. */
  contender(): LocalLease {
    return new LocalLease(this.slot);
  }

  async hold(ttlMs: number): Promise<boolean> {
    const now = Date.now();
    if (this.slot.holder !== null && this.slot.holder !== this.me && this.slot.expiresAt > now) return false;
    this.slot.holder = this.me;
    this.slot.expiresAt = now + ttlMs;
    return true;
  }

  async release(): Promise<void> {
    if (this.slot.holder === this.me) this.slot.holder = null;
  }
}
