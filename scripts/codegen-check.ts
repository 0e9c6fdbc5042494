/**
 * Fails when client/src/gql, server/test/gql or examples/integration/src/gql is not what `pnpm codegen` would write now:
 * regenerates both into a temporary directory and compares file by file. Leaves the work tree untouched.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');

/** Each output of codegen.ts, and the variable that sends it elsewhere. */
const outputs = [
  { committed: 'client/src/gql', env: 'CODEGEN_OUT_DIR' },
  { committed: 'server/test/gql', env: 'CODEGEN_TEST_OUT_DIR' },
  { committed: 'examples/integration/src/gql', env: 'CODEGEN_EXAMPLE_OUT_DIR' },
];

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

async function compare(freshDir: string, committed: string): Promise<{ problems: string[]; files: number }> {
  const committedDir = path.join(root, committed);
  const [want, have] = await Promise.all([listFiles(freshDir), listFiles(committedDir)]);
  const problems: string[] = [];
  for (const file of want) {
    if (!have.includes(file)) problems.push(`missing: ${committed}/${file}`);
    else if (
      (await readFile(path.join(freshDir, file), 'utf8')) !== (await readFile(path.join(committedDir, file), 'utf8'))
    ) {
      problems.push(`out of date: ${committed}/${file}`);
    }
  }
  for (const file of have) if (!want.includes(file)) problems.push(`not generated (remove it): ${committed}/${file}`);
  return { problems, files: want.length };
}

const fresh = await mkdtemp(path.join(tmpdir(), 'codegen-check-'));
try {
  const env = { ...process.env };
  for (const [i, output] of outputs.entries()) env[output.env] = path.join(fresh, String(i));
  await promisify(execFile)(
    path.join(root, 'node_modules/.bin/graphql-codegen'),
    ['--config', 'codegen.ts', '--silent'],
    {
      cwd: root,
      env,
    },
  );
  let failed = false;
  for (const [i, output] of outputs.entries()) {
    const { problems, files } = await compare(path.join(fresh, String(i)), output.committed);
    if (problems.length > 0) {
      failed = true;
      console.error(
        `${output.committed} does not match the schema and operations; run \`pnpm codegen\`:\n  ${problems.join('\n  ')}`,
      );
    } else {
      console.log(`${output.committed} is up to date (${files} files).`);
    }
  }
  if (failed) process.exitCode = 1;
} finally {
  await rm(fresh, { recursive: true, force: true });
}
