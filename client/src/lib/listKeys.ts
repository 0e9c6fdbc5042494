/**
 * React keys for a list of values without ids (the lines of a message, say): each value's own
 * text with how often it came before, so repeated values still get keys of their own and a
 * value keeps its key wherever it moves.
 */
export function keyedByContent<T>(items: readonly T[], text: (item: T) => string): Array<{ key: string; item: T }> {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const content = text(item);
    const before = seen.get(content) ?? 0;
    seen.set(content, before + 1);
    return { key: `${before}:${content}`, item };
  });
}
