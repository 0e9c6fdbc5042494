import OpenAI from 'openai';
import { clipToTokens, draftMessages, promptTokens } from '../../drafting/prompt.js';
import type {
  Drafter,
  DraftRequest,
  DraftResult,
  LlmUsage,
  SummaryRequest,
  SummaryResult,
  TokenBudget,
} from '../../ports.js';
import { encodingOf, tokenizerOf } from './tokens.js';

/** USD per million tokens: input, cached input, output. Unknown models cost 0 and say so in logs. */
const PRICES: Record<string, [number, number, number]> = {
  'gpt-4o-mini': [0.15, 0.075, 0.6],
  'gpt-4o': [2.5, 1.25, 10],
  'gpt-4.1-mini': [0.4, 0.1, 1.6],
  'gpt-4.1': [2, 0.5, 8],
};

export function costOf(model: string, input: number, cached: number, output: number): number {
  const price = PRICES[model];
  if (!price) return 0;
  return ((input - cached) * price[0] + cached * price[1] + output * price[2]) / 1_000_000;
}

const SUMMARY_INSTRUCTIONS =
  'These turns are leaving the chat history kept for drafting replies. Summarise them in one or two sentences: ' +
  'facts about the person, what they asked or wanted, what we promised or answered. Plain text, no preamble.';

const REFINE_INSTRUCTIONS =
  'Edit the draft reply below; do not add new content. Split it into 1 to 3 chat bubbles of at most 500 characters each. ' +
  'Answer with JSON only: {"bubbles": ["...", "..."]}';

export interface OpenAiDrafterOptions {
  apiKey?: string;
  baseURL?: string;
  draftModel: string;
  refineModel: string;
  fallbackModel?: string;
  /** Prompt tokens the draft stage may use (its model and the fallback); see `promptLimit`. */
  draftPromptTokens: number;
  /** Prompt tokens the refine and summary stages may use (the refine model and the fallback). */
  refinePromptTokens: number;
  timeoutMs: number;
  /** Told of every call as it ends, failed ones too (the draft's result only carries a successful draft's). */
  onCall?: (usage: LlmUsage) => void;
}

export class OpenAiDrafter implements Drafter {
  readonly name = 'openai';
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiDrafterOptions) {
    this.client = new OpenAI({
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: 2,
    });
  }

  private record(usage: LlmUsage[], call: LlmUsage): void {
    usage.push(call);
    this.options.onCall?.(call);
  }

  private async complete(
    stage: string,
    model: string,
    temperature: number,
    messages: OpenAI.Chat.ChatCompletionMessageParam[],
    usage: LlmUsage[],
  ): Promise<string> {
    const models = [
      model,
      ...(this.options.fallbackModel && this.options.fallbackModel !== model ? [this.options.fallbackModel] : []),
    ];
    let lastError: unknown;
    for (const m of models) {
      const started = Date.now();
      try {
        const response = await this.client.chat.completions.create({ model: m, temperature, messages });
        const u = response.usage;
        const input = u?.prompt_tokens ?? 0;
        const cached = u?.prompt_tokens_details?.cached_tokens ?? 0;
        const output = u?.completion_tokens ?? 0;
        this.record(usage, {
          stage,
          model: m,
          inputTokens: input,
          cachedTokens: cached,
          outputTokens: output,
          costUsd: costOf(m, input, cached, output),
          latencyMs: Date.now() - started,
        });
        const text = response.choices[0]?.message?.content?.trim();
        if (!text) throw new Error(`${m} returned an empty answer`);
        return text;
      } catch (error) {
        lastError = error;
        this.record(usage, {
          stage,
          model: m,
          inputTokens: 0,
          cachedTokens: 0,
          outputTokens: 0,
          costUsd: 0,
          latencyMs: Date.now() - started,
          error: String(error).slice(0, 500),
        });
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }

  async budget(): Promise<TokenBudget> {
    return {
      limit: this.options.draftPromptTokens,
      counter: encodingOf(this.options.draftModel),
      count: await tokenizerOf(this.options.draftModel),
    };
  }

  /** A two-message call whose second message is clipped (`keep`) to the refine model's budget. */
  private async fitted(instructions: string, text: string, keep: 'head' | 'tail') {
    const count = await tokenizerOf(this.options.refineModel);
    const room = this.options.refinePromptTokens - promptTokens([{ role: 'system', content: instructions }], count) - 4;
    return [
      { role: 'system' as const, content: instructions },
      { role: 'user' as const, content: clipToTokens(text, Math.max(1, room), count, keep) },
    ];
  }

  async draft(request: DraftRequest): Promise<DraftResult> {
    const usage: LlmUsage[] = [];
    const draft = await this.complete('draft', this.options.draftModel, 0.8, draftMessages(request), usage);
    const refined = await this.complete(
      'refine',
      this.options.refineModel,
      0.3,
      await this.fitted(REFINE_INSTRUCTIONS, draft, 'head'),
      usage,
    );
    return {
      bubbles: parseBubbles(refined, draft),
      drafter: `${this.options.draftModel} → ${this.options.refineModel}`,
      usage,
    };
  }

  /**
   * The refine model's summary of turns leaving the history (the newest kept if they must be clipped); null
   * when every model failed, and the caller keeps its own line summary.
   */
  async summarise(request: SummaryRequest): Promise<SummaryResult> {
    const usage: LlmUsage[] = [];
    const transcript = request.turns
      .map((t) => `${t.role === 'assistant' ? 'We' : request.contactName}: ${t.text}`)
      .join('\n');
    try {
      const messages = await this.fitted(SUMMARY_INSTRUCTIONS, transcript, 'tail');
      const text = await this.complete('summarise', this.options.refineModel, 0.2, messages, usage);
      return { text: text.replace(/\s+/g, ' ').trim(), usage };
    } catch {
      return { text: null, usage };
    }
  }
}

/** Accepts the refine stage's JSON, or falls back to the draft split on blank lines. */
export function parseBubbles(refined: string, draft: string): string[] {
  const json = refined.replace(/^```(?:json)?\s*|\s*```$/g, '');
  try {
    const parsed = JSON.parse(json) as { bubbles?: unknown };
    if (Array.isArray(parsed.bubbles)) {
      const bubbles = parsed.bubbles.filter((b): b is string => typeof b === 'string' && b.trim().length > 0);
      if (bubbles.length > 0) return bubbles.slice(0, 3).map((b) => b.trim().slice(0, 500));
    }
  } catch {
    // Not JSON: use the draft itself.
  }
  return draft
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .slice(0, 3)
    .map((b) => b.slice(0, 500));
}
