/** Human pacing: read the incoming words, then "type" each bubble. All durations in ms. */
export function readingPauseMs(incoming: string): number {
  const words = incoming.trim().split(/\s+/).filter(Boolean).length;
  return clamp((words / 250) * 60_000, 500, 5000);
}

export function typingMs(bubble: string, random = Math.random, capMs = 12_000): number {
  const factor = 0.8 + random() * 0.4;
  return Math.min((bubble.length / 5) * 1000 * factor, capMs);
}

export function betweenBubblesMs(random = Math.random): number {
  return 500 + random() * 1500;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
