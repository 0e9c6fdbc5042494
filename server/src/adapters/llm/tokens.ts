import { type Config, contextTokensOf } from '../../config.js';
import type { TokenBudget } from '../../ports.js';

/** UTF-8 bytes / 3, rounded up: the offline drafter's count, which loads no tokenizer (it has no model to fit). */
export const estimateTokens = (text: string) => Math.ceil(Buffer.byteLength(text, 'utf8') / 3);

type Encoding = 'o200k_base' | 'cl100k_base';

/** GPT-4 (not 4o or 4.1), GPT-3.5 and the older embeddings use cl100k; newer and unknown models o200k. */
export const encodingOf = (model: string): Encoding =>
  /^(gpt-4(?![o.])|gpt-3\.5|text-embedding-(ada|3))/.test(model) ? 'cl100k_base' : 'o200k_base';

const loaded = new Map<Encoding, Promise<(text: string) => number>>();

/**
 * gpt-tokenizer's encoding for `model`, imported on first use (o200k costs about 20 MiB of heap, so a
 * process that never calls a model never loads it). Special tokens in a person's text count as plain text,
 * as the API reads them.
 */
export function tokenizerOf(model: string): Promise<(text: string) => number> {
  const encoding = encodingOf(model);
  let counter = loaded.get(encoding);
  if (!counter) {
    const plain = { disallowedSpecial: new Set<string>() };
    counter = (
      encoding === 'cl100k_base'
        ? import('gpt-tokenizer/encoding/cl100k_base')
        : import('gpt-tokenizer/encoding/o200k_base')
    ).then((m) => (text: string) => m.countTokens(text, plain));
    loaded.set(encoding, counter);
  }
  return counter;
}

/** Prompt tokens a call to these models may use: the smallest context less the reply's reserve, capped. */
export function promptLimit(config: Config, models: string[]): number {
  const context = Math.min(...models.map((m) => contextTokensOf(config, m)));
  return Math.min(context - config.LLM_REPLY_RESERVE_TOKENS, config.LLM_MAX_PROMPT_TOKENS);
}

/** The budget of an offline process: the default context, counted by estimate. */
export function estimatedBudget(config: Config): TokenBudget {
  return {
    limit: Math.min(config.LLM_CONTEXT_TOKENS - config.LLM_REPLY_RESERVE_TOKENS, config.LLM_MAX_PROMPT_TOKENS),
    counter: 'estimate',
    count: estimateTokens,
  };
}
