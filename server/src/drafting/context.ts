import type { Core } from '../core.js';
import { type MemoryView, readAnalyticsHistory, readMemory } from '../memory/memory.js';
import type { TokenBudget } from '../ports.js';
import { readProfile } from '../profile/read.js';
import { activePersona } from './persona.js';
import { type FittedPrompt, fitPrompt } from './prompt.js';

export interface DraftSubject {
  draftId: string;
  contactId: string;
  contactName: string;
  customerStatus: string;
  inbound: string;
  /** The Telegram account the person wrote to: its persona, if it has one. */
  account?: string;
}

export interface AssembledContext {
  persona: { name: string; prompt: string };
  prompt: FittedPrompt;
  /** Rapport could not be read: drafted from the analytics history, without the profile or older summaries. */
  withoutProfile: boolean;
}

/**
 * What the drafter is given for one draft: the persona, the person's profile and memory from rapport (or,
 * while rapport is down, the analytics history), fitted to the model's token budget.
 */
export async function assembleContext(
  core: Core,
  subject: DraftSubject,
  budget: TokenBudget,
): Promise<AssembledContext> {
  const { contactId, draftId } = subject;
  const unavailable = (error: unknown) => {
    core.log.warn({ draftId, contactId, err: String(error) }, 'rapport unavailable; drafting without profile');
    return null;
  };
  const [persona, memory, profile] = await Promise.all([
    activePersona(core, subject.account),
    readMemory(core, contactId).catch(unavailable),
    readProfile(core, contactId).then((p) => ({ p }), unavailable),
  ]);
  const withoutProfile = memory === null || profile === null;
  const remembered: MemoryView = memory ?? {
    earlier: [],
    turns: await readAnalyticsHistory(core, contactId, draftId),
  };
  const prompt = fitPrompt(
    {
      persona: persona.prompt,
      contactName: subject.contactName,
      customerStatus: subject.customerStatus,
      profile: profile?.p ?? null,
      turns: remembered.turns,
      earlier: remembered.earlier,
      inbound: subject.inbound,
    },
    budget,
  );
  if (prompt.trimmed) {
    core.log.info(
      { draftId, contactId, tokens: prompt.tokens, limit: prompt.limit, counter: budget.counter, ...prompt.trimming },
      'draft context trimmed',
    );
  }
  return { persona, prompt, withoutProfile };
}
