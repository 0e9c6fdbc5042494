import { createHmac, randomBytes } from 'node:crypto';
import type { Core } from '../core.js';

const SALT_KEY = 'export.pseudonym-salt';

/**
 * The secret behind pseudonyms: EXPORT_PSEUDONYM_SALT, or else one generated on first use and kept in the
 * analytics database, so every process of a deployment, and every later export, gives a person the same one.
 */
export async function pseudonymSalt(core: Core): Promise<string> {
  if (core.config.EXPORT_PSEUDONYM_SALT) return core.config.EXPORT_PSEUDONYM_SALT;
  const fresh = randomBytes(32).toString('hex');
  await core.analytics.$executeRaw`
    INSERT INTO "Setting" ("key", "value") VALUES (${SALT_KEY}, ${fresh}) ON CONFLICT ("key") DO NOTHING`;
  const stored = await core.analytics.setting.findUniqueOrThrow({ where: { key: SALT_KEY } });
  return stored.value;
}

/** A stable pseudonym of an id: HMAC-SHA-256 under the salt, 128 bits in hex. Without the salt it names nobody. */
export function pseudonym(salt: string, kind: string, id: string): string {
  return createHmac('sha256', salt).update(`${kind}:${id}`).digest('hex').slice(0, 32);
}

export interface KnownNames {
  displayName: string;
  username: string | null;
  telegramUserId: string;
  /** Other spellings of the name seen (the name the drafter was given). */
  others?: string[];
}

/** The display names intake makes up when Telegram gives none: they are not the person's name. */
const MADE_UP = /^(@\S+|(Sandbox |Telegram )?user \d+)$/i;

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces a person's known names inside a text by placeholders: the display name by {{displayName}}, its
 * first word by {{firstName}}, the username (with or without @) by {{username}}, the Telegram id by
 * {{telegramId}}. Whole words only, any case, longest first; one-letter names are left alone.
 */
export function nameScrubber(names: KnownNames): (text: string) => string {
  const pairs: Array<[string, string]> = [];
  const add = (name: string | null | undefined, placeholder: string) => {
    const value = name?.trim();
    if (value && [...value].length >= 2) pairs.push([value, placeholder]);
  };
  for (const name of [names.displayName, ...(names.others ?? [])]) {
    if (MADE_UP.test(name.trim())) continue;
    add(name, '{{displayName}}');
    const first = name.trim().split(/\s+/)[0];
    if (first !== name.trim()) add(first, '{{firstName}}');
  }
  if (names.username) {
    add(`@${names.username.replace(/^@/, '')}`, '{{username}}');
    add(names.username.replace(/^@/, ''), '{{username}}');
  }
  add(names.telegramUserId, '{{telegramId}}');
  if (pairs.length === 0) return (text) => text;
  pairs.sort((a, b) => b[0].length - a[0].length);
  const placeholders = new Map(pairs.map(([name, placeholder]) => [name.toLowerCase(), placeholder]));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_@])(?:${pairs.map(([name]) => literally(name)).join('|')})(?![\\p{L}\\p{N}_])`,
    'giu',
  );
  return (text) => text.replace(pattern, (match) => placeholders.get(match.toLowerCase()) ?? '{{displayName}}');
}
