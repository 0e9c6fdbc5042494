import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a webhook receiver got: its headers (lower-case names), raw body and arrival time. */
export interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

/**
 * A local HTTP endpoint standing in for an integrator's: it records every POST and answers with the next status
 * of `statuses` (the last one repeats), after `delayMs`.
 */
export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  statuses: number[];
  delayMs: number;
  /** The bodies received, parsed. */
  events(): Array<{ id: string; type: string; timestamp: string; data: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startReceiver(statuses: number[] = [204], delayMs = 0): Promise<Receiver> {
  let server: Server | null = null;
  const receiver: Receiver = {
    url: '',
    port: 0,
    received: [],
    statuses,
    delayMs,
    events: () => receiver.received.map((r) => JSON.parse(r.body)),
    close: () =>
      new Promise<void>((resolve) => {
        server?.closeAllConnections();
        server?.close(() => resolve());
      }),
  };
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      );
      const n = receiver.received.length;
      receiver.received.push({ headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const status = receiver.statuses[Math.min(n, receiver.statuses.length - 1)] ?? 204;
      setTimeout(() => {
        if (!response.destroyed) response.writeHead(status).end();
      }, receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  return receiver;
}
