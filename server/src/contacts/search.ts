import type { Core } from '../core.js';
import { type CustomerStatus, Prisma } from '../db.js';

/** Longest search text considered; the rest is ignored. */
export const MAX_SEARCH_LENGTH = 200;
/** Words of a search beyond these are ignored: each one narrows the match, and each costs an index scan. */
const MAX_TERMS = 8;

/**
 * A search as-you-type in PostgreSQL's tsquery syntax: every word must match the start of a word
 * ("ana mü" finds "Ana Müller"). Each word is quoted, so the operators of the syntax (`& | ! ( ) : * <->`)
 * are read as text, never as operators; the 'simple' configuration's parser then drops what is not a word.
 * Returns null when nothing searchable is left.
 */
export function prefixQuery(search: string): string | null {
  const terms = search
    .replaceAll(String.fromCharCode(0), '') // PostgreSQL text cannot hold NUL
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_TERMS)
    .map((term) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`);
  return terms.length > 0 ? terms.join(' & ') : null;
}

/** A Telegram user id typed whole: matched exactly. */
const telegramId = (search: string) => (/^\d{1,20}$/.test(search) ? search : null);

export interface ContactSearch {
  search: string;
  status?: CustomerStatus | null;
  /** Only people of this Telegram account. */
  account?: string | null;
  /** Prisma's page arguments, as Pothos's connection passes them: a row to start from, rows to skip, how many. */
  cursor?: string | null;
  skip?: number;
  take?: number;
}

/**
 * The ids of the people a search finds, most recently updated first (the contacts list's order), one page.
 * People match by the words of their name and username, by the words of any message in their
 * conversation, or by their Telegram id. Both text matches use the GIN expression indexes of migration
 * contacts_search (the expressions here must stay the same as there).
 */
export async function searchContactIds(core: Core, page: ContactSearch): Promise<string[]> {
  const search = page.search.trim().slice(0, MAX_SEARCH_LENGTH);
  const query = prefixQuery(search);
  const id = telegramId(search);
  if (!query && !id) return [];
  const take = page.take ?? 50;
  const backwards = take < 0;

  const byText = query
    ? Prisma.sql`
      SELECT c."id" FROM "Contact" c
      WHERE to_tsvector('simple'::regconfig, c."displayName" || ' ' || coalesce(c."username", ''))
            @@ to_tsquery('simple'::regconfig, ${query})
      UNION
      SELECT m."contactId" FROM "Message" m
      WHERE to_tsvector('simple'::regconfig, m."text") @@ to_tsquery('simple'::regconfig, ${query})`
    : null;
  const byId = id ? Prisma.sql`SELECT c."id" FROM "Contact" c WHERE c."telegramUserId" = ${id}` : null;
  const matched = byText && byId ? Prisma.sql`${byText} UNION ${byId}` : (byText ?? byId)!;

  // Prisma's cursor: forwards the page starts at that row in the list's order (updatedAt desc, id asc),
  // backwards it ends there.
  const cursor = page.cursor
    ? Prisma.sql`JOIN (SELECT x."updatedAt" AS at FROM "Contact" x WHERE x."id" = ${page.cursor}::uuid) cur
        ON ${
          backwards
            ? Prisma.sql`c."updatedAt" > cur.at OR (c."updatedAt" = cur.at AND c."id" <= ${page.cursor}::uuid)`
            : Prisma.sql`c."updatedAt" < cur.at OR (c."updatedAt" = cur.at AND c."id" >= ${page.cursor}::uuid)`
        }`
    : Prisma.empty;
  const order = backwards ? Prisma.sql`c."updatedAt" ASC, c."id" DESC` : Prisma.sql`c."updatedAt" DESC, c."id" ASC`;
  // The matches as an array: the planner then fetches them by primary key instead of joining the whole table
  // (GIN's estimate of a prefix match is far above the few people a search usually finds).
  const rows = await core.analytics.$queryRaw<Array<{ id: string }>>`
    SELECT c."id" FROM "Contact" c ${cursor}
    WHERE c."id" = ANY(ARRAY(${matched}))
    ${page.status ? Prisma.sql`AND c."customerStatus" = ${page.status}::"CustomerStatus"` : Prisma.empty}
    ${page.account ? Prisma.sql`AND c."account" = ${page.account}` : Prisma.empty}
    ORDER BY ${order}
    OFFSET ${page.skip ?? 0} LIMIT ${Math.abs(take)}`;
  const ids = rows.map((r) => r.id);
  return backwards ? ids.reverse() : ids;
}
