/**
 * The JavaScript a first visit downloads: every script and module preload that dist/index.html names,
 * gzipped, summed; chunks loaded on demand (React.lazy) are listed apart. Fails above the budget.
 * Run after `pnpm --filter client build`: `pnpm --filter client size`. Plain Node, no dependencies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');

const gzipKb = (file) => gzipSync(readFileSync(path.join(dist, file))).length / 1000;
const named = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map(
  (m) => m[1],
);
const initial = new Set(named);
const lazy = readdirSync(path.join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `assets/${f}`)
  .filter((f) => !initial.has(f));

const total = named.reduce((sum, file) => sum + gzipKb(file), 0);
for (const file of named) console.log(`first load  ${gzipKb(file).toFixed(1).padStart(7)} kB  ${file}`);
for (const file of lazy) console.log(`on demand   ${gzipKb(file).toFixed(1).padStart(7)} kB  ${file}`);
console.log(`first-load JavaScript: ${total.toFixed(1)} kB gzipped (budget ${BUDGET_KB} kB)`);
if (named.length === 0) {
  console.error('index.html names no script: is dist built?');
  process.exit(1);
}
if (total > BUDGET_KB) {
  console.error(`over budget by ${(total - BUDGET_KB).toFixed(1)} kB: load the heavy page on demand (React.lazy)`);
  process.exit(1);
}
