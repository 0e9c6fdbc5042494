/**
 * The language a person writes in, by tinyld (see docs/decisions.md), restricted to the languages the
 * deployment expects so that a short message is not taken for a rare neighbour. Loaded on first use: its
 * n-gram tables take about 20 MB that a process which never extracts should not pay for.
 */
export const DETECTED_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'ru', 'it', 'nl', 'pl', 'uk', 'tr'] as const;

let detector: Promise<typeof import('tinyld')> | null = null;

/** BCP 47 code of the language of `text`, or null when it is too short or unclear to tell. */
export async function detectLanguage(text: string): Promise<string | null> {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return null;
  detector ??= import('tinyld');
  const { detect } = await detector;
  return detect(text, { only: [...DETECTED_LANGUAGES] }) || null;
}
