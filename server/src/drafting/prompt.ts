import type { DraftRequest, DraftTurn } from '../ports.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What the drafter saw for one draft, stored with it (`Draft.context`) for the training export. */
export interface DraftContext {
  persona: { name: string; prompt: string };
  contactName: string;
  customerStatus: string;
  profileSummary: string;
  history: DraftTurn[];
}

/**
 * The draft stage's conversation: the system prompt (the persona first and unchanged, so provider prompt
 * caching applies; then the person), the remembered turns, and the person's burst.
 */
export function draftMessages(request: Omit<DraftRequest, 'draftId'>): ChatMessage[] {
  const system = `${request.persona}\n\nPerson: ${request.contactName} (status ${request.customerStatus}).${
    request.profileSummary ? `\nWhat we know: ${request.profileSummary}` : ''
  }`;
  return [
    { role: 'system', content: system },
    ...request.history.map((t) => ({ role: t.role, content: t.text })),
    { role: 'user', content: request.inbound },
  ];
}
