/**
 * Fails when client/src/gql is not what `pnpm codegen` would write now: regenerates into a
 * temporary directory and compares file by file. Leaves the work tree untouched.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const committed = path.join(root, 'client/src/gql');

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const fresh = await mkdtemp(path.join(tmpdir(), 'codegen-check-'));
try {
  await promisify(execFile)(
    path.join(root, 'node_modules/.bin/graphql-codegen'),
    ['--config', 'codegen.ts', '--silent'],
    {
      cwd: root,
      env: { ...process.env, CODEGEN_OUT_DIR: fresh },
    },
  );
  const [want, have] = await Promise.all([listFiles(fresh), listFiles(committed)]);
  const problems: string[] = [];
  for (const file of want) {
    if (!have.includes(file)) problems.push(`missing: client/src/gql/${file}`);
    else if (
      (await readFile(path.join(fresh, file), 'utf8')) !== (await readFile(path.join(committed, file), 'utf8'))
    ) {
      problems.push(`out of date: client/src/gql/${file}`);
    }
  }
  for (const file of have) if (!want.includes(file)) problems.push(`not generated (remove it): client/src/gql/${file}`);
  if (problems.length > 0) {
    console.error(
      `client/src/gql does not match the schema and operations; run \`pnpm codegen\`:\n  ${problems.join('\n  ')}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`client/src/gql is up to date (${want.length} files).`);
  }
} finally {
  await rm(fresh, { recursive: true, force: true });
}
