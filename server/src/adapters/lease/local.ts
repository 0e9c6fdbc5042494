import type { Lease } from '../../ports.js';

/** Embedded mode runs one process, which always holds the lease. */
export class LocalLease implements Lease {
  async hold(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
}
