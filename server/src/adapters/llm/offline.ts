import type { Drafter, DraftRequest, DraftResult, TokenBudget } from '../../ports.js';
import { estimateTokens } from './tokens.js';

/**
 * Used when no LLM endpoint is configured, so the review flow always works. Its drafts are
 * plain and labelled as offline; reviewers are expected to edit them.
 */
export class OfflineDrafter implements Drafter {
  readonly name = 'offline';

  /** Its prompt is never sent anywhere; the budget still bounds what a draft records it saw. */
  constructor(
    private readonly tokenBudget: TokenBudget = { limit: 16_000, counter: 'estimate', count: estimateTokens },
  ) {}

  async budget(): Promise<TokenBudget> {
    return this.tokenBudget;
  }

  async draft(request: DraftRequest): Promise<DraftResult> {
    const first = request.contactName.split(/\s+/)[0] || 'there';
    const returning = request.history.length > 0;
    const asked = /\?\s*$/m.test(request.inbound);
    const bubbles = [
      returning ? `Hi ${first}, good to hear from you again.` : `Hi ${first}, thanks for your message!`,
      asked
        ? 'Good question. Let me check the details and get back to you shortly.'
        : 'Noted. Is there anything specific I can help you with today?',
    ];
    return { bubbles, drafter: 'offline (template, no LLM configured)', usage: [] };
  }
}
