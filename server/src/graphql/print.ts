import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema/index.js';

/** Writes server/schema.graphql; `--check` fails instead when the committed file is stale. */
const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
if (process.argv.includes('--check')) {
  const { readFileSync, existsSync } = await import('node:fs');
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== printed) {
    console.error('server/schema.graphql is out of date: run `pnpm schema:print` and commit it.');
    process.exit(1);
  }
  console.log('server/schema.graphql is current');
} else {
  writeFileSync(target, printed);
  console.log(`wrote ${target}`);
}
