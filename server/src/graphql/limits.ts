import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { type CostLimitOptions, costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { type MaxAliasesOptions, maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { type MaxDepthOptions, maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { type MaxDirectivesOptions, maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { type MaxTokensOptions, maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';

/** The code of every refused document: the one Yoga gives graphql-js's own validation errors. */
export const LIMIT_ERROR_CODE = 'GRAPHQL_VALIDATION_FAILED';

export interface GraphQLLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  cost: number;
}

export function limitsOf(config: Config): GraphQLLimits {
  return {
    depth: config.GRAPHQL_MAX_DEPTH,
    aliases: config.GRAPHQL_MAX_ALIASES,
    directives: config.GRAPHQL_MAX_DIRECTIVES,
    tokens: config.GRAPHQL_MAX_TOKENS,
    cost: config.GRAPHQL_MAX_COST,
  };
}

/**
 * Armor reports "Syntax Error: Query depth limit of 12 exceeded, found 13." without a code. Each refusal
 * is thrown again as a typed validation error naming the limit and its variable, with no stack or node.
 */
function refuse(variable: string) {
  return (_ctx: unknown, error: GraphQLError): never => {
    const message = error.message.replace(/^Syntax Error:\s*/, '');
    throw new GraphQLError(`${message} (${variable})`, { extensions: { code: LIMIT_ERROR_CODE, limit: variable } });
  };
}

/** Armor's options for each limit; exported so a test can measure documents with the very same rules. */
export function armorOptions(limits: GraphQLLimits) {
  // Each limit names its variable in the refusal, and tells the client the bound.
  const limit = (n: number, variable: string) => ({
    n,
    exposeLimits: true,
    propagateOnRejection: true,
    onReject: [refuse(variable)],
  });
  // Introspection is measured like any other query, so a signed-in user's introspection has bounds too.
  // A fragment spread is not a level of its own: depth and cost count fields, however they are written.
  const measured = { ignoreIntrospection: false, flattenFragments: true };
  // The cost plugin calls its bound maxCost.
  const { n: maxCost, ...costLimit } = limit(limits.cost, 'GRAPHQL_MAX_COST');
  return {
    depth: { ...limit(limits.depth, 'GRAPHQL_MAX_DEPTH'), ...measured } satisfies MaxDepthOptions,
    aliases: limit(limits.aliases, 'GRAPHQL_MAX_ALIASES') satisfies MaxAliasesOptions,
    directives: limit(limits.directives, 'GRAPHQL_MAX_DIRECTIVES') satisfies MaxDirectivesOptions,
    tokens: limit(limits.tokens, 'GRAPHQL_MAX_TOKENS') satisfies MaxTokensOptions,
    cost: { ...costLimit, ...measured, maxCost } satisfies CostLimitOptions,
  };
}

/**
 * GraphQL Armor's limits as Envelop plugins: tokens while parsing, then depth, aliases, directives and cost
 * as validation rules, so a refused document never executes, over HTTP or over graphql-ws. Field
 * suggestions ("Did you mean ...") are removed from every validation error, so the schema cannot be
 * guessed field by field.
 */
export function limitPlugins(limits: GraphQLLimits): Plugin[] {
  const options = armorOptions(limits);
  return [
    maxTokensPlugin(options.tokens),
    maxDepthPlugin(options.depth),
    maxAliasesPlugin(options.aliases),
    maxDirectivesPlugin(options.directives),
    costLimitPlugin(options.cost),
    blockFieldSuggestionsPlugin({ mask: '' }),
  ];
}
