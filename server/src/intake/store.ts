import { randomUUID } from 'node:crypto';
import type { Core } from '../core.js';
import { Prisma } from '../db.js';
import type { InboundMessage, SqlRunner } from '../ports.js';
import { flushDeadline } from './debounce.js';
import { supersedeOpenDrafts } from './supersede.js';

/** An inbound message checked and ready to store: its text validated, its display name settled. */
export interface Arrival extends InboundMessage {
  text: string;
  displayName: string;
}

export interface Stored {
  messageId: string;
  contactId: string;
  duplicate: boolean;
  /** Drafts of this person superseded by the message, and the draft a reviewer holds (sees it live). */
  superseded: string[];
  claimed: string | null;
  /** When the person's burst is due (null for a duplicate). */
  flushAt: Date | null;
}

/** At most this many messages share one transaction. */
const MAX_GROUP = 200;

/**
 * Group commit for the inbox. Messages that arrive while a transaction is being written wait for it, then
 * go together in the next one: a quiet inbox stores each message at once, a busy one stores dozens per
 * transaction instead of one, with a fixed handful of statements whatever their number. Nothing is
 * acknowledged before its transaction commits. If a group fails, each of its messages is tried alone,
 * so one message's problem is its own.
 */
export class Inbox {
  private waiting: Array<{ arrival: Arrival; resolve(stored: Stored): void; reject(error: unknown): void }> = [];
  private writing = false;

  constructor(private readonly core: Core) {}

  store(arrival: Arrival): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ arrival, resolve, reject });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_GROUP);
        try {
          const stored = await storeGroup(
            this.core,
            group.map((w) => w.arrival),
          );
          for (const [i, w] of group.entries()) w.resolve(stored[i]!);
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(error);
            continue;
          }
          this.core.log.warn({ err: String(error), messages: group.length }, 'storing a group failed; one by one');
          for (const w of group) await storeGroup(this.core, [w.arrival]).then(([s]) => w.resolve(s!), w.reject);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

const key = (account: string, telegramUserId: string) => `${account}\u0000${telegramUserId}`;
const messageKey = (m: { account: string; chatId: string; telegramMessageId: string | null }) =>
  `${m.account}\u0000${m.chatId}\u0000${m.telegramMessageId}`;

/**
 * Stores messages in one transaction: their people (created on first contact), the messages (idempotent
 * on account + chat + Telegram id), the supersede of their open drafts, and when each person's burst is
 * due. People are locked in one global order, so concurrent groups and other writers never deadlock. Raw
 * statements straight on the driver (`core.sqlTransaction`): this is intake's hot path (docs/decisions.md).
 */
async function storeGroup(core: Core, arrivals: Arrival[]): Promise<Stored[]> {
  return core.sqlTransaction(async (sql) => {
    const contacts = await upsertContacts(sql, arrivals, new Date());
    const contactIds = [...new Set(contacts.values())].sort();
    await sql(Prisma.sql`
      SELECT 1 FROM (SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtext(id) AS k FROM unnest(${contactIds}::text[]) AS id ORDER BY k) l) locked`);
    // Times are taken under the locks: a draft a worker made while this waited is older than these messages,
    // so the supersede below replaces it. Distinct, strictly increasing times keep a burst's order when its
    // messages share a group.
    let last = 0;
    const stamps = arrivals.map(() => {
      last = Math.max(Date.now(), last + 1);
      return new Date(last);
    });
    const now = stamps.at(-1)!;

    const ids = arrivals.map(() => randomUUID());
    const rows = arrivals.map((a, i) => ({
      ...a,
      id: ids[i]!,
      contactId: contacts.get(key(a.account, a.telegramUserId))!,
    }));
    const inserted = new Set(
      (
        await sql<{ id: string }>(Prisma.sql`
          INSERT INTO "Message" ("id", "contactId", "account", "chatId", "direction", "telegramMessageId", "text",
                                 "sentAt", "createdAt", "bufferedAt")
          SELECT m.id, m."contactId", m.account, m."chatId", 'INBOUND'::"MessageDirection", m."telegramMessageId",
                 m.text, m."sentAt", m.at, m.at
          FROM unnest(${ids}::uuid[], ${rows.map((r) => r.contactId)}::uuid[], ${rows.map((r) => r.account)}::text[],
                      ${rows.map((r) => r.chatId)}::text[], ${rows.map((r) => r.telegramMessageId)}::text[],
                      ${rows.map((r) => r.text)}::text[],
                      ${rows.map((r, i) => (r.sentAt ?? stamps[i]!).toISOString())}::timestamp(3)[],
                      ${stamps.map((s) => s.toISOString())}::timestamp(3)[])
               AS m(id, "contactId", account, "chatId", "telegramMessageId", text, "sentAt", at)
          ON CONFLICT ("account", "chatId", "direction", "telegramMessageId") DO NOTHING
          RETURNING "id"`)
      ).map((r) => r.id),
    );
    const duplicates = rows.filter((r) => !inserted.has(r.id));
    const earlier = duplicates.length > 0 ? await storedBefore(sql, duplicates) : new Map<string, string>();

    // Only people with a new message supersede their open drafts and have a burst to schedule.
    const fresh = [...new Set(rows.filter((r) => inserted.has(r.id)).map((r) => r.contactId))];
    const superseded = fresh.length > 0 ? await supersedeOpenDrafts(sql, fresh, now) : new Map<string, string[]>();
    const { claimed, due } = fresh.length > 0 ? await claimsAndBursts(core, sql, fresh, now) : NONE_WAITING;

    // A person's supersedes and claim are reported once, with their first new message.
    const reported = new Set<string>();
    return rows.map((r): Stored => {
      if (!inserted.has(r.id)) {
        // Telegram delivered it before, or twice in this group: the first copy stands.
        const first =
          earlier.get(messageKey(r)) ?? rows.find((o) => inserted.has(o.id) && messageKey(o) === messageKey(r))?.id;
        return {
          messageId: first ?? r.id,
          contactId: r.contactId,
          duplicate: true,
          superseded: [],
          claimed: null,
          flushAt: null,
        };
      }
      const firstReport = !reported.has(r.contactId);
      reported.add(r.contactId);
      return {
        messageId: r.id,
        contactId: r.contactId,
        duplicate: false,
        superseded: firstReport ? (superseded.get(r.contactId) ?? []) : [],
        claimed: firstReport ? (claimed.get(r.contactId) ?? null) : null,
        flushAt: due.get(r.contactId) ?? null,
      };
    });
  });
}

/** Creates the people not seen before and returns every person's id by account and Telegram id. */
async function upsertContacts(sql: SqlRunner, arrivals: Arrival[], now: Date): Promise<Map<string, string>> {
  const people = new Map<string, Arrival>();
  for (const a of arrivals)
    if (!people.has(key(a.account, a.telegramUserId))) people.set(key(a.account, a.telegramUserId), a);
  // Sorted, so concurrent groups insert new people in one order.
  const list = [...people.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
  // DO NOTHING takes no lock on an existing row: people are locked below, by id, in one order.
  await sql(Prisma.sql`
    INSERT INTO "Contact" ("id", "account", "telegramUserId", "displayName", "username", "accessHash", "updatedAt")
    SELECT gen_random_uuid(), p.account, p."telegramUserId", p."displayName", p.username, p."accessHash", ${now}
    FROM unnest(${list.map((a) => a.account)}::text[], ${list.map((a) => a.telegramUserId)}::text[],
                ${list.map((a) => a.displayName)}::text[], ${list.map((a) => a.username ?? null)}::text[],
                ${list.map((a) => a.accessHash ?? null)}::text[])
         AS p(account, "telegramUserId", "displayName", username, "accessHash")
    ON CONFLICT ("account", "telegramUserId") DO NOTHING`);
  const found = await sql<{
    id: string;
    account: string;
    telegramUserId: string;
    accessHash: string | null;
  }>(Prisma.sql`
    SELECT c."id", c."account", c."telegramUserId", c."accessHash" FROM "Contact" c
    JOIN unnest(${list.map((a) => a.account)}::text[], ${list.map((a) => a.telegramUserId)}::text[]) AS p(account, "telegramUserId")
      ON c."account" = p.account AND c."telegramUserId" = p."telegramUserId"`);
  const ids = new Map(found.map((c) => [key(c.account, c.telegramUserId), c.id]));
  // Telegram's access hash for a person, kept current so replies work after a restart.
  const newHashes = found.filter((c) => {
    const hash = people.get(key(c.account, c.telegramUserId))?.accessHash;
    return hash && hash !== c.accessHash;
  });
  if (newHashes.length > 0) {
    await sql(Prisma.sql`
      UPDATE "Contact" c SET "accessHash" = h.hash, "updatedAt" = ${now}
      FROM unnest(${newHashes.map((c) => c.id)}::uuid[],
                  ${newHashes.map((c) => people.get(key(c.account, c.telegramUserId))!.accessHash!)}::text[]) AS h(id, hash)
      WHERE c."id" = h.id`);
  }
  return ids;
}

/** The messages Telegram delivered before, by account + chat + Telegram id. */
async function storedBefore(
  sql: SqlRunner,
  rows: Array<{ account: string; chatId: string; telegramMessageId: string }>,
) {
  const found = await sql<{ id: string; account: string; chatId: string; telegramMessageId: string | null }>(Prisma.sql`
    SELECT m."id", m."account", m."chatId", m."telegramMessageId" FROM "Message" m
    JOIN unnest(${rows.map((r) => r.account)}::text[], ${rows.map((r) => r.chatId)}::text[],
                ${rows.map((r) => r.telegramMessageId)}::text[]) AS k(account, "chatId", "telegramMessageId")
      ON m."account" = k.account AND m."chatId" = k."chatId" AND m."telegramMessageId" = k."telegramMessageId"
    WHERE m."direction" = 'INBOUND'`);
  return new Map(found.map((m) => [messageKey(m), m.id]));
}

const NONE_WAITING = { claimed: new Map<string, string>(), due: new Map<string, Date>() };

/**
 * In one read, by person: the draft a reviewer holds a live claim on (new messages wait beside it), and when
 * the buffered burst is due, as this transaction leaves the buffers.
 */
async function claimsAndBursts(core: Core, sql: SqlRunner, contactIds: string[], now: Date) {
  const rows = await sql<{
    contactId: string;
    claimed: string | null;
    count: number;
    firstAt: Date | null;
    lastAt: Date | null;
  }>(Prisma.sql`
    SELECT p."contactId",
      (SELECT d."id" FROM "Draft" d WHERE d."contactId" = p."contactId" AND d."status" = 'CLAIMED'
         AND d."claimExpiresAt" > ${now} LIMIT 1) AS "claimed",
      b."count", b."firstAt", b."lastAt"
    FROM unnest(${contactIds}::uuid[]) AS p("contactId")
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS "count", min(m."bufferedAt") AS "firstAt", max(m."bufferedAt") AS "lastAt"
      FROM "Message" m WHERE m."contactId" = p."contactId" AND m."direction" = 'INBOUND' AND m."draftId" IS NULL
    ) b`);
  const c = core.config;
  const options = { delayS: c.TYPING_DEBOUNCE_DELAY, maxWaitS: c.DEBOUNCE_MAX_WAIT, maxBatch: c.DEBOUNCE_MAX_BATCH };
  const claimed = new Map<string, string>();
  const due = new Map<string, Date>();
  for (const r of rows) {
    if (r.claimed) claimed.set(r.contactId, r.claimed);
    if (r.count === 0 || !r.firstAt || !r.lastAt) continue;
    due.set(r.contactId, flushDeadline({ count: r.count, firstAt: r.firstAt, lastAt: r.lastAt }, now, options));
  }
  return { claimed, due };
}
