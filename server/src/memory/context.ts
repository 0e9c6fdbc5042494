/** The per-person context object drafting reads, kept under MEMORY_MAX_CONTEXT_KB. */
export interface MemoryContext {
  identity: { name: string; username: string | null; telegramUserId: string | null };
  preferences?: Record<string, string>;
  counters?: { exchanges: number; messagesReceived: number; bubblesSent: number };
  /** What older turns said, once they have left the history. */
  summary?: string;
}

export type CompressionLevel = 'none' | 'essential' | 'aggressive';

export const sizeOf = (context: MemoryContext) => Buffer.byteLength(JSON.stringify(context), 'utf8');

/**
 * Fits the context under `maxBytes` in steps: first drop the summary (essential: identity,
 * preferences and counters remain), then everything but identity (aggressive).
 */
export function fitContext(
  context: MemoryContext,
  maxBytes: number,
): { context: MemoryContext; level: CompressionLevel; sizeBytes: number } {
  if (sizeOf(context) <= maxBytes) return { context, level: 'none', sizeBytes: sizeOf(context) };
  const essential: MemoryContext = {
    identity: context.identity,
    preferences: context.preferences,
    counters: context.counters,
  };
  if (sizeOf(essential) <= maxBytes) return { context: essential, level: 'essential', sizeBytes: sizeOf(essential) };
  const name = context.identity.name.slice(0, 200);
  const aggressive: MemoryContext = { identity: { ...context.identity, name } };
  return { context: aggressive, level: 'aggressive', sizeBytes: sizeOf(aggressive) };
}

/** One line per dropped exchange, clipped, oldest first: a summary needs no model to stay useful. */
export function summarise(previous: string | undefined, dropped: Array<{ role: string; text: string }>): string {
  const clip = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text).replace(/\s+/g, ' ');
  const lines = dropped.map((t) => `${t.role === 'assistant' ? 'We' : 'They'}: ${clip(t.text)}`);
  return [previous, ...lines].filter(Boolean).join('\n');
}
