import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type Mode, useApp } from './harness.js';
import { tempDir } from './services.js';

export interface RawResponse {
  /** 0 when the server closed the connection without an answer. */
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one request byte for byte (fetch and node:http would normalise or refuse hostile paths) and reads
 * the answer until the server closes the connection.
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<RawResponse> {
  const all: Record<string, string> = { host: `127.0.0.1:${port}`, connection: 'close', ...headers };
  const sized = Object.keys(all).some((k) => /^(content-length|transfer-encoding)$/i.test(k));
  if (!sized && (body || ['POST', 'PUT', 'PATCH'].includes(method)))
    all['content-length'] = String(Buffer.byteLength(body));
  const head = Object.entries(all)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return rawExchange(port, `${method} ${path} HTTP/1.1\r\n${head}\r\n${body}`);
}

/** Writes `bytes` as they are (a request, part of one, or several) and reads until the server closes. */
export function rawExchange(port: number, bytes: string, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer to ${bytes.slice(0, 80)}`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    // A reset after the answer (the server closing on a body it will not read) still leaves the answer.
    socket.on('error', (error) => (chunks.length > 0 ? undefined : reject(error)));
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks).toString('latin1'))));
    socket.write(bytes, 'latin1');
  });
}

function parseResponse(text: string): RawResponse {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  if (!match) return { status: 0, headers: {}, body: text };
  const end = text.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, end).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(end + 4);
  return { status: Number(match[1]), headers, body: headers['transfer-encoding'] === 'chunked' ? dechunk(body) : body };
}

function dechunk(body: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = Number.parseInt(body.slice(at, lineEnd), 16);
    if (lineEnd < 0 || !(size > 0)) return out;
    out += body.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

export const SITE_INDEX = '<!doctype html><title>site under test</title><script src="/assets/app-1a2b3c.js"></script>';
export const SITE_ASSET = 'console.log("asset under test")';
export const OUTSIDE_SECRET = 'a file outside the web root';

/** A built web app of two files, with a file beside it that must never be served. */
export function fakeClientBuild(): { dir: string; remove(): void } {
  const root = tempDir('countersign-site-');
  const dir = join(root.dir, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), SITE_INDEX);
  writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), SITE_ASSET);
  writeFileSync(join(root.dir, 'secret.txt'), OUTSIDE_SECRET);
  return { dir, remove: root.remove };
}

/** useApp serving fakeClientBuild() as the web app; `port` is the app's, for rawRequest. */
export function useWebApp(mode: Mode, overrides: Record<string, string> = {}): { readonly port: number } {
  const site = fakeClientBuild();
  afterAll(() => site.remove());
  const app = useApp(mode, overrides, undefined, { clientDir: site.dir });
  return {
    get port() {
      return Number(new URL(app.t.endpoint.url).port);
    },
  };
}
