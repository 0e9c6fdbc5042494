import { readFileSync } from 'node:fs';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { buildSchema, type DocumentNode, getIntrospectionQuery, parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as webApp from '../../../client/src/gql/graphql.js';
import { loadConfig } from '../../src/config.js';
import { armorOptions, type GraphQLLimits, limitsOf } from '../../src/graphql/limits.js';
import * as testClient from '../gql/graphql.js';

const defaults = limitsOf(loadConfig({}));
// The printed schema (kept equal to the served one by `pnpm schema:check`), built with this module's graphql.
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
type Measure = GraphQLLimits;

/** The server's own Armor rules at the default limits, reporting what each document measures. */
function measure(document: DocumentNode): Measure {
  const found: Measure = { depth: 0, aliases: 0, directives: 0, tokens: 0, cost: 0 };
  const onAccept = (key: keyof Measure) => [
    (_: unknown, details: { n: number }) => {
      found[key] = Math.max(found[key], details.n);
    },
  ];
  const options = armorOptions(defaults);
  const errors = validate(schema, document, [
    maxDepthRule({ ...options.depth, onAccept: onAccept('depth') }),
    maxAliasesRule({ ...options.aliases, onAccept: onAccept('aliases') }),
    maxDirectivesRule({ ...options.directives, onAccept: onAccept('directives') }),
    costLimitRule({ ...options.cost, onAccept: onAccept('cost') }),
  ]);
  expect(errors).toEqual([]);
  const parser = new MaxTokensParserWLexer(print(document), options.tokens);
  parser.parseDocument();
  found.tokens = parser.tokenCount;
  return found;
}

/** Every operation a generated module exports (fragments alone are never sent). */
function operations(module: Record<string, unknown>): Array<[string, DocumentNode]> {
  return Object.entries(module).filter(
    (entry): entry is [string, DocumentNode] =>
      (entry[1] as DocumentNode | undefined)?.kind === 'Document' &&
      (entry[1] as DocumentNode).definitions.some((d) => d.kind === 'OperationDefinition'),
  );
}

function largest(documents: Array<[string, DocumentNode]>): Record<keyof Measure, { n: number; by: string }> {
  const max = {} as Record<keyof Measure, { n: number; by: string }>;
  for (const [name, document] of documents) {
    for (const [key, n] of Object.entries(measure(document)) as Array<[keyof Measure, number]>) {
      if (!max[key] || n > max[key].n) max[key] = { n, by: name };
    }
  }
  return max;
}

function report(what: string, max: Record<keyof Measure, { n: number; by: string }>) {
  const lines = (Object.keys(defaults) as Array<keyof Measure>).map(
    (key) => `  ${key.padEnd(10)} ${String(Math.ceil(max[key].n)).padStart(6)} of ${defaults[key]} (${max[key].by})`,
  );
  console.log(`${what}: largest measure vs default limit\n${lines.join('\n')}`);
}

describe('the documents the web app and the tests send fit under the default limits', () => {
  it.each([
    ['the web app (client/src/gql)', webApp],
    ['the server tests (server/test/gql)', testClient],
  ])('%s: every operation at most half of each limit', (what, module) => {
    const documents = operations(module as Record<string, unknown>);
    expect(documents.length).toBeGreaterThan(10);
    const max = largest(documents);
    report(what, max);
    for (const key of Object.keys(defaults) as Array<keyof Measure>) {
      expect(max[key].n, `${key} of ${max[key].by}`).toBeLessThanOrEqual(defaults[key] / 2);
    }
  });

  it("graphql-js's standard introspection query fits, with every option on", () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    const max = largest([['getIntrospectionQuery', parse(query)]]);
    report('introspection', max);
    for (const key of Object.keys(defaults) as Array<keyof Measure>) {
      expect(max[key].n, key).toBeLessThan(defaults[key]);
    }
  });
});
