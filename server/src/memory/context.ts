/** The per-person context object drafting reads, kept under MEMORY_MAX_CONTEXT_KB. */
export interface MemoryContext {
  identity: { name: string; username: string | null; telegramUserId: string | null };
  preferences?: Record<string, string>;
  counters?: { exchanges: number; messagesReceived: number; bubblesSent: number };
  /** What older turns said, once they have left the history. */
  summary?: string;
}

/**
 * How far a context was compressed: `partial` kept the newest summary lines, `essential` no summary,
 * `aggressive` dropped preferences (oldest first) or clipped the name.
 */
export type CompressionLevel = 'none' | 'partial' | 'essential' | 'aggressive';

export const sizeOf = (context: MemoryContext) => Buffer.byteLength(JSON.stringify(context), 'utf8');

/** The largest `n` in 0..max for which `fits(n)`, given that it holds for 0 and stops holding past some n. */
function largest(max: number, fits: (n: number) => boolean): number {
  let low = 0;
  let high = max;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Fits the context under `maxBytes` in grades, each keeping the newest essential facts: the summary's oldest
 * lines go first (partial), then the rest of the summary (essential: identity, preferences and counters
 * remain), then preferences, oldest first, and at last everything but identity, its name clipped (aggressive).
 */
export function fitContext(
  context: MemoryContext,
  maxBytes: number,
): { context: MemoryContext; level: CompressionLevel; sizeBytes: number } {
  const result = (c: MemoryContext, level: CompressionLevel) => ({ context: c, level, sizeBytes: sizeOf(c) });
  if (sizeOf(context) <= maxBytes) return result(context, 'none');
  const essential: MemoryContext = {
    identity: context.identity,
    preferences: context.preferences,
    counters: context.counters,
  };
  const lines = context.summary ? context.summary.split('\n') : [];
  const withNewest = (n: number): MemoryContext => ({
    ...essential,
    summary: lines.slice(lines.length - n).join('\n'),
  });
  const kept = largest(lines.length, (n) => n === 0 || sizeOf(withNewest(n)) <= maxBytes);
  if (kept > 0) return result(withNewest(kept), 'partial');
  if (sizeOf(essential) <= maxBytes) return result(essential, 'essential');
  const preferences = Object.entries(context.preferences ?? {});
  const withNewestPreferences = (n: number): MemoryContext => ({
    ...essential,
    preferences: Object.fromEntries(preferences.slice(preferences.length - n)),
  });
  const fewer = withNewestPreferences(largest(preferences.length, (n) => sizeOf(withNewestPreferences(n)) <= maxBytes));
  if (sizeOf(fewer) <= maxBytes) return result(fewer, 'aggressive');
  const name = context.identity.name.slice(0, 200);
  return result({ identity: { ...context.identity, name } }, 'aggressive');
}

/** One line per dropped exchange, clipped, oldest first: a summary needs no model to stay useful. */
export function summarise(previous: string | undefined, dropped: Array<{ role: string; text: string }>): string {
  const clip = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text).replace(/\s+/g, ' ');
  const lines = dropped.map((t) => `${t.role === 'assistant' ? 'We' : 'They'}: ${clip(t.text)}`);
  return [previous, ...lines].filter(Boolean).join('\n');
}
