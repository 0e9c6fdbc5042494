import { AsyncLocalStorage } from 'node:async_hooks';
import { Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { REDIS_URL } from './services.js';

/**
 * What one operation sent: every statement to PostgreSQL over every pool of the process (a round trip each), the
 * transactions among them, and its writes to Redis on every connection (commands sent in one tick share one).
 */
export interface IoTally {
  statements: Array<{ text: string; values: unknown[] }>;
  transactions: number;
  redisWrites: number;
}

const scope = new AsyncLocalStorage<IoTally>();
const REDIS_PORT = Number(new URL(REDIS_URL).port || 6379);

/** Counts, for the describe block it is called in, what each `tally(work)` sends while `work` runs. */
export function useIoTally(): (work: () => Promise<unknown>) => Promise<IoTally> {
  const query = pg.Client.prototype.query;
  const write = Socket.prototype.write;
  beforeAll(() => {
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const counted = scope.getStore();
      if (counted) {
        const first = args[0] as string | { text?: string; values?: unknown[] };
        const text = typeof first === 'string' ? first : (first?.text ?? '');
        const values = typeof first === 'string' ? ((args[1] as unknown[] | undefined) ?? []) : (first?.values ?? []);
        counted.statements.push({ text, values });
        if (/^BEGIN\b/i.test(text)) counted.transactions += 1;
      }
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    Socket.prototype.write = function (this: Socket, ...args: unknown[]) {
      const counted = scope.getStore();
      if (counted && this.remotePort === REDIS_PORT) counted.redisWrites += 1;
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as typeof write;
  });
  afterAll(() => {
    pg.Client.prototype.query = query;
    Socket.prototype.write = write;
  });
  return async (work) => {
    const counted: IoTally = { statements: [], transactions: 0, redisWrites: 0 };
    await scope.run(counted, work);
    return counted;
  };
}
