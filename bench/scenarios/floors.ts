import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { databaseUrl, PG_ADMIN_URL, REDIS_URL } from '../lib/services.js';
import { pooled, type Summary, summarise, until } from '../lib/stats.js';

/** Plain INSERTs through a pool of 10 at the given concurrency: what the database alone can take here. */
export async function insertFloor(rows: number, concurrency: number): Promise<{ rowsPerSecond: number }> {
  const name = `cs_bench_floor_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const pool = new pg.Pool({ connectionString: databaseUrl(name), max: 10 });
  // Dropping the scratch database ends any connection still open; that is expected, not a failure.
  pool.on('error', () => {});
  try {
    await pool.query(
      'CREATE TABLE m (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), person text, text text, at timestamptz DEFAULT now())',
    );
    const started = performance.now();
    await pooled(
      Array.from({ length: rows }, (_, i) => i),
      concurrency,
      (i) => pool.query('INSERT INTO m (person, text) VALUES ($1, $2)', [`p${i % 400}`, `message ${i}`]),
    );
    return { rowsPerSecond: rows / ((performance.now() - started) / 1000) };
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * A Redis publish forwarded by a bare WebSocket server to `subscribers` sockets: the least a live event can
 * cost on this machine, with no GraphQL, no database and no auth.
 */
export async function broadcastFloor(subscribers: number, events: number): Promise<Summary> {
  const channel = `csbench:floor:${process.pid}`;
  const sub = new Redis(REDIS_URL);
  const pub = new Redis(REDIS_URL);
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  await sub.subscribe(channel);
  sub.on('message', (_channel, message) => {
    for (const client of wss.clients) client.send(message);
  });
  const latencies: number[] = [];
  const sockets = await Promise.all(
    Array.from({ length: subscribers }, async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}`);
      ws.on('message', (data) => {
        const { at } = JSON.parse(String(data)) as { at: number };
        latencies.push(Date.now() - at);
      });
      await new Promise((resolve) => ws.once('open', resolve));
      return ws;
    }),
  );
  for (let i = 0; i < events; i++) {
    await pub.publish(channel, JSON.stringify({ at: Date.now(), i, padding: 'x'.repeat(600) }));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await until(async () => latencies.length >= subscribers * events, 30_000, 'every floor frame');
  for (const ws of sockets) ws.close();
  wss.close();
  http.close();
  sub.disconnect();
  pub.disconnect();
  return summarise(latencies);
}
