/**
 * Fails when an import in client/src goes the wrong way. Imports flow one way:
 *
 *   main.tsx, App.tsx → pages/<page>/ → components/ → app modules (api, auth, cache, live, notice,
 *   router) → lib/ → gql/ (generated)
 *
 * A page's folder holds what only that page uses, so no page imports another page's folder.
 * Run by `pnpm --filter client typecheck`; plain Node, no dependencies.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src', import.meta.url));

/** What each layer may import, besides itself (a page: only its own folder). */
const ALLOWED = {
  entry: ['entry', 'pages', 'components', 'app', 'lib', 'gql'],
  pages: ['components', 'app', 'lib', 'gql'],
  components: ['components', 'app', 'lib', 'gql'],
  app: ['app', 'lib', 'gql'],
  lib: ['lib', 'gql'],
  gql: ['gql'],
};

/** The layer of a file (a path relative to src, with / separators), and for pages, which page. */
function layerOf(file) {
  const [first, second] = file.split('/');
  if (file === 'main.tsx' || file === 'App.tsx') return { layer: 'entry' };
  if (first === 'pages') return { layer: 'pages', page: second };
  if (first === 'components' || first === 'lib' || first === 'gql') return { layer: first };
  // The Integrations page's sections (API keys, webhooks) sit with the shared components.
  if (first === 'integrations') return { layer: 'components' };
  if (!file.includes('/')) return { layer: 'app' };
  return null;
}

/** The file an import names (relative to src), the way the bundler finds it; null: none. */
function resolve(target) {
  const base = target.replace(/\.js$/, '');
  for (const candidate of [target, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(src, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return null;
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(src, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.[^']*)'/g;

const problems = [];
const files = sourceFiles(src);
for (const file of files) {
  const from = layerOf(file);
  if (!from) {
    problems.push(`${file}: not in a known place (pages/<page>/, components/, lib/ or the top of src/)`);
    continue;
  }
  const text = readFileSync(path.join(src, file), 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const target = resolve(path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1])));
    const to = target === null ? null : layerOf(target);
    const line = text.slice(0, match.index).split('\n').length;
    const where = `${file}:${line} imports '${match[1]}'`;
    if (!to) problems.push(`${where}, which is not a file in a known place in src/`);
    else if (to.layer === 'pages' && from.layer === 'pages' && to.page !== from.page)
      problems.push(`${where}: another page's folder (move what both use to components/)`);
    else if (to.layer !== from.layer && !ALLOWED[from.layer].includes(to.layer))
      problems.push(`${where}: ${from.layer} must not import ${to.layer}`);
  }
}

if (problems.length > 0) {
  console.error(`Imports must flow pages → components → app modules → lib:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`client imports flow one way (${files.length} files).`);
