import type { Core } from '../core.js';
import { AppError } from '../errors.js';
import type { Probe } from '../health.js';
import type { InboundMessage, InboundSpool, SpooledMessage } from '../ports.js';
import { receiveMessage } from './intake.js';

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5_000;

const ids = (m: InboundMessage) => ({ account: m.account, chatId: m.chatId, telegramMessageId: m.telegramMessageId });

/**
 * Telegram intake that never drops a message it could not store. While storing fails (the analytics
 * database is unreachable), messages wait in a durable spool and new ones go behind them, so order is
 * kept; a drain loop stores the oldest, then removes it, retrying with backoff until the spool is
 * empty, and only then do messages go straight to the database again.
 */
export class SpooledIntake {
  /** Until a drain finds the spool empty, every message goes behind the spooled ones. */
  private spooling = true;
  private tail: Promise<unknown> = Promise.resolve();
  private draining: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly core: Core,
    private readonly spool: InboundSpool,
  ) {}

  /** Drains whatever an earlier run left in the spool. */
  start(): void {
    this.stopped = false;
    this.drain();
  }

  /** Resolves once the message is stored or durably spooled; rejects only if neither was possible. */
  accept(message: InboundMessage): Promise<void> {
    return this.serially(async () => {
      if (!this.spooling) {
        try {
          await this.store(message);
          return;
        } catch (error) {
          this.core.log.warn({ ...ids(message), err: String(error) }, 'inbound message not stored: spooling it');
          this.spooling = true;
        }
      }
      await this.spool.append(message);
      this.drain();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.draining;
    await this.tail;
  }

  /** Stores a message; one the inbox refuses for good (invalid input) is logged and dropped, not retried. */
  private async store(message: InboundMessage): Promise<void> {
    try {
      await receiveMessage(this.core, message);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.core.log.error({ ...ids(message), err: error.message }, 'inbound message refused');
    }
  }

  /** Arrivals and the switch back to direct storage happen one at a time, in order. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => {});
    return run;
  }

  private drain(): void {
    if (this.draining || this.stopped) return;
    this.draining = this.drainLoop().finally(() => {
      this.draining = null;
    });
  }

  private async drainLoop(): Promise<void> {
    let delay = RETRY_FIRST_MS;
    let stored = 0;
    let failing = false;
    while (!this.stopped) {
      let batch: SpooledMessage[];
      try {
        batch = await this.spool.peek(50);
        if (batch.length === 0) {
          // Checked again in line with arrivals: nothing can be stored ahead of a spooled message.
          const empty = await this.serially(async () => {
            if ((await this.spool.size()) > 0) return false;
            this.spooling = false;
            return true;
          });
          if (!empty) continue;
          if (stored > 0) this.core.log.info({ stored }, 'spooled inbound messages stored');
          return;
        }
        for (const entry of batch) {
          await this.store(entry.message);
          await this.spool.removeHead(entry.id);
          stored += 1;
        }
        delay = RETRY_FIRST_MS;
        failing = false;
      } catch (error) {
        if (!failing) this.core.log.warn({ err: String(error) }, 'spooled inbound messages wait; retrying');
        failing = true;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    }
  }
}

/** The health of intake: degraded while received messages wait in the spool for the database. */
export function intakeProbe(spool: InboundSpool): Probe {
  return async () => {
    const waiting = await spool.size();
    if (waiting === 0) return 'storing directly';
    return {
      state: 'degraded',
      detail: `${waiting} received message${waiting === 1 ? '' : 's'} waiting for the analytics database`,
    };
  };
}
