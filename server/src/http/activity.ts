/** A request ended less than this long ago: the next one of a burst is likely on its way. */
const QUIET_AFTER_MS = 10;

/**
 * The HTTP requests this process is answering, so background work can wait for a quiet moment instead of
 * competing with them for the one JavaScript thread (jobs/runner.ts). Counts requests from their start to
 * the end of their response; WebSocket traffic is not counted.
 */
export class RequestActivity {
  private inFlight = 0;
  private lastEnded = 0;
  private waiting: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;

  /** Call when a request starts; the returned function when its response has ended (or its socket closed). */
  begin(): () => void {
    this.inFlight += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
      this.lastEnded = performance.now();
      if (this.inFlight === 0 && this.waiting.length > 0) this.armQuietTimer();
    };
  }

  /** Whether a request is being answered, or one ended within the last QUIET_AFTER_MS. */
  busy(): boolean {
    return this.inFlight > 0 || performance.now() - this.lastEnded < QUIET_AFTER_MS;
  }

  /** Runs `then` once, at the next quiet moment (at once if it is quiet now). */
  whenQuiet(then: () => void): void {
    if (!this.busy()) {
      then();
      return;
    }
    this.waiting.push(then);
    if (this.inFlight === 0) this.armQuietTimer();
  }

  private armQuietTimer(): void {
    if (this.timer) return;
    const wait = Math.max(0, QUIET_AFTER_MS - (performance.now() - this.lastEnded));
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.busy()) {
        if (this.inFlight === 0) this.armQuietTimer();
        return;
      }
      const waiting = this.waiting;
      this.waiting = [];
      for (const then of waiting) then();
    }, wait + 1);
    this.timer.unref();
  }
}
