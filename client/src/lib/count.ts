/** "1 message", "3 messages": a number with its noun (an English plural in -s). */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
