import { randomUUID } from 'node:crypto';
import type { Core } from '../core.js';
import { Prisma } from '../db.js';
import type { InboundMessage, SqlRunner } from '../ports.js';
import { flushDeadline } from './debounce.js';
import { openDraft, releaseMessages, supersededColumns } from './supersede.js';

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

type Waiting = { arrival: Arrival; resolve(stored: Stored): void; reject(error: unknown): void };

/**
 * Group commit for the inbox. Messages that arrive while a transaction is being written wait for it, then
 * go together in the next one: a quiet inbox stores each message at once, a busy one stores dozens per
 * transaction instead of one, with a fixed handful of statements whatever their number. Nothing is
 * acknowledged before its transaction commits. If a group fails, each of its messages is tried alone,
 * so one message's problem is its own.
 *
 * `announce` runs once per committed group, before any of its messages is acknowledged, with what each stored:
 * what follows a message (events, its person's debounce job) is sent once per group, not once per message.
 * It is started in commit order while the next group is written; if it fails, the group's messages are
 * answered with its error (they are stored: a retry finds each one a duplicate).
 */
export class Inbox {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly core: Core,
    private readonly announce: (stored: Stored[]) => Promise<void>,
  ) {}

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
        let stored: Stored[];
        try {
          stored = await storeGroup(
            this.core,
            group.map((w) => w.arrival),
          );
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(error);
            continue;
          }
          this.core.log.warn({ err: String(error), messages: group.length }, 'storing a group failed; one by one');
          for (const w of group) await storeGroup(this.core, [w.arrival]).then((s) => this.settle([w], s), w.reject);
          continue;
        }
        this.settle(group, stored);
      }
    } finally {
      this.writing = false;
    }
  }

  /** Announces a committed group, then acknowledges its messages (see the class). */
  private settle(group: Waiting[], stored: Stored[]): void {
    this.announce(stored).then(
      () => {
        for (const [i, w] of group.entries()) w.resolve(stored[i]!);
      },
      (error: unknown) => {
        for (const w of group) w.reject(error);
      },
    );
  }
}

const key = (account: string, telegramUserId: string) => `${account}\u0000${telegramUserId}`;
const messageKey = (m: { account: string; chatId: string; telegramMessageId: string | null }) =>
  `${m.account}\u0000${m.chatId}\u0000${m.telegramMessageId}`;

/**
 * Stores messages in one transaction of two statements (docs/decisions.md): the first creates the people not
 * seen before, reads every person's id and locks them all, in one global order, so concurrent groups and other
 * writers never deadlock; the second, which sees whatever the people's previous lock holders committed, inserts
 * the messages (idempotent on account + chat + Telegram id), supersedes the open drafts of the people with a new
 * message and reads, for them, a reviewer's live claim and their buffered burst. Raw statements straight on the
 * driver (`core.sqlTransaction`): this is intake's hot path.
 */
async function storeGroup(core: Core, arrivals: Arrival[]): Promise<Stored[]> {
  return core.sqlTransaction(async (sql) => {
    const contacts = await lockPeople(sql, arrivals, new Date());
    // Times are taken under the locks: a draft a worker made while this waited is older than these messages,
    // so the supersede below replaces it. Distinct, strictly increasing times keep a burst's order when its
    // messages share a group.
    let last = 0;
    const stamps = arrivals.map(() => {
      last = Math.max(Date.now(), last + 1);
      return new Date(last);
    });
    const now = stamps.at(-1)!;

    const rows = arrivals.map((a, i) => ({
      ...a,
      id: randomUUID(),
      contactId: contacts.get(key(a.account, a.telegramUserId))!,
      at: stamps[i]!,
    }));
    const written = await writeMessages(sql, rows, now);
    const inserted = new Set(written.filter((w) => w.kind === 'message').map((w) => w.id));
    const duplicates = rows.filter((r) => !inserted.has(r.id));
    const earlier = duplicates.length > 0 ? await storedBefore(sql, duplicates) : new Map<string, string>();

    const superseded = new Map<string, string[]>();
    const claimed = new Map<string, string>();
    const due = new Map<string, Date>();
    const c = core.config;
    const options = { delayS: c.TYPING_DEBOUNCE_DELAY, maxWaitS: c.DEBOUNCE_MAX_WAIT, maxBatch: c.DEBOUNCE_MAX_BATCH };
    for (const w of written) {
      if (w.kind === 'superseded') superseded.set(w.contactId, [...(superseded.get(w.contactId) ?? []), w.id!]);
      if (w.kind !== 'person') continue;
      if (w.claimed) claimed.set(w.contactId, w.claimed);
      if (w.count && w.firstAt && w.lastAt)
        due.set(w.contactId, flushDeadline({ count: w.count, firstAt: w.firstAt, lastAt: w.lastAt }, now, options));
    }

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

interface Person {
  id: string;
  account: string;
  telegramUserId: string;
  accessHash: string | null;
}

/**
 * Ends a statement whose `found` CTE holds people: takes the transaction's lock on each (the key of db.ts's
 * contactLock), in the one order every writer uses, and returns them.
 */
const lockedFound = Prisma.sql`locked AS (
    SELECT count(pg_advisory_xact_lock(k)) AS "n" FROM (SELECT hashtext("id"::text) AS k FROM found ORDER BY k) l
  )
  SELECT f."id", f."account", f."telegramUserId", f."accessHash" FROM found f, locked`;

/**
 * Creates the people not seen before, and returns every person's id by account and Telegram id, each person
 * locked. One statement; a second only for a person another process created after it began (its insert then
 * skips the person, and its snapshot is too old to show them).
 */
async function lockPeople(sql: SqlRunner, arrivals: Arrival[], now: Date): Promise<Map<string, string>> {
  const people = new Map<string, Arrival>();
  for (const a of arrivals)
    if (!people.has(key(a.account, a.telegramUserId))) people.set(key(a.account, a.telegramUserId), a);
  // Sorted, so concurrent groups insert new people in one order.
  const list = [...people.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
  // DO NOTHING takes no row lock on an existing person: people are locked by id, below, in one order.
  const found = await sql<Person>(Prisma.sql`
    WITH p AS (
      SELECT * FROM unnest(${list.map((a) => a.account)}::text[], ${list.map((a) => a.telegramUserId)}::text[],
                           ${list.map((a) => a.displayName)}::text[], ${list.map((a) => a.username ?? null)}::text[],
                           ${list.map((a) => a.accessHash ?? null)}::text[])
        AS p(account, "telegramUserId", "displayName", username, "accessHash")
    ), created AS (
      INSERT INTO "Contact" ("id", "account", "telegramUserId", "displayName", "username", "accessHash", "updatedAt")
      SELECT gen_random_uuid(), p.account, p."telegramUserId", p."displayName", p.username, p."accessHash", ${now}
      FROM p
      ON CONFLICT ("account", "telegramUserId") DO NOTHING
      RETURNING "id", "account", "telegramUserId", "accessHash"
    ), found AS (
      SELECT "id", "account", "telegramUserId", "accessHash" FROM created
      UNION ALL
      SELECT c."id", c."account", c."telegramUserId", c."accessHash" FROM "Contact" c
      JOIN p ON c."account" = p.account AND c."telegramUserId" = p."telegramUserId"
    ), ${lockedFound}`);
  const seen = new Set(found.map((c) => key(c.account, c.telegramUserId)));
  const missing = list.filter((a) => !seen.has(key(a.account, a.telegramUserId)));
  if (missing.length > 0) {
    found.push(
      ...(await sql<Person>(Prisma.sql`
        WITH found AS (
          SELECT c."id", c."account", c."telegramUserId", c."accessHash" FROM "Contact" c
          JOIN unnest(${missing.map((a) => a.account)}::text[], ${missing.map((a) => a.telegramUserId)}::text[])
            AS p(account, "telegramUserId") ON c."account" = p.account AND c."telegramUserId" = p."telegramUserId"
        ), ${lockedFound}`)),
    );
  }
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

/** One row of writeMessages: a message inserted, a draft superseded, or a person with a new message. */
interface Written {
  kind: 'message' | 'superseded' | 'person';
  /** The message or draft (null for a person). */
  id: string | null;
  contactId: string;
  /** A person's draft under a reviewer's live claim (new messages wait beside it). */
  claimed: string | null;
  /** A person's buffered burst, as this statement leaves it. */
  count: number | null;
  firstAt: Date | null;
  lastAt: Date | null;
}

/**
 * One statement: inserts the messages (a copy already stored is skipped); for each person with a new message,
 * supersedes their open drafts (never one under a live claim) and returns those drafts' messages to the buffer,
 * then reads their live claim and their buffered burst. The statement's snapshot does not show its own writes,
 * so the burst is the buffer it began with plus the messages it inserted and returned.
 */
async function writeMessages(
  sql: SqlRunner,
  rows: Array<Arrival & { id: string; contactId: string; at: Date }>,
  now: Date,
): Promise<Written[]> {
  return sql<Written>(Prisma.sql`
    WITH inserted AS (
      INSERT INTO "Message" ("id", "contactId", "account", "chatId", "direction", "telegramMessageId", "text",
                             "sentAt", "createdAt", "bufferedAt")
      SELECT m.id, m."contactId", m.account, m."chatId", 'INBOUND'::"MessageDirection", m."telegramMessageId",
             m.text, m."sentAt", m.at, m.at
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.contactId)}::uuid[],
                  ${rows.map((r) => r.account)}::text[], ${rows.map((r) => r.chatId)}::text[],
                  ${rows.map((r) => r.telegramMessageId)}::text[], ${rows.map((r) => r.text)}::text[],
                  ${rows.map((r) => (r.sentAt ?? r.at).toISOString())}::timestamp(3)[],
                  ${rows.map((r) => r.at.toISOString())}::timestamp(3)[])
           AS m(id, "contactId", account, "chatId", "telegramMessageId", text, "sentAt", at)
      ON CONFLICT ("account", "chatId", "direction", "telegramMessageId") DO NOTHING
      RETURNING "id", "contactId", "bufferedAt"
    ), fresh AS (
      SELECT DISTINCT "contactId" FROM inserted
    ), superseded AS (
      UPDATE "Draft" SET ${supersededColumns(now)}
      WHERE "contactId" = ANY(ARRAY(SELECT "contactId" FROM fresh)) AND ${openDraft(now)}
      RETURNING "id", "contactId"
    ), released AS (
      ${releaseMessages(now, Prisma.sql`ARRAY(SELECT "id" FROM superseded)`)}
      RETURNING "contactId", "bufferedAt"
    )
    SELECT 'message' AS "kind", i."id"::text AS "id", i."contactId"::text AS "contactId", NULL::text AS "claimed",
      NULL::int AS "count", NULL::timestamp(3) AS "firstAt", NULL::timestamp(3) AS "lastAt"
    FROM inserted i
    UNION ALL
    SELECT 'superseded', s."id"::text, s."contactId"::text, NULL, NULL, NULL, NULL FROM superseded s
    UNION ALL
    SELECT 'person', NULL, f."contactId"::text,
      (SELECT d."id"::text FROM "Draft" d WHERE d."contactId" = f."contactId" AND d."status" = 'CLAIMED'
         AND d."claimExpiresAt" > ${now} LIMIT 1),
      b."count", b."firstAt", b."lastAt"
    FROM fresh f CROSS JOIN LATERAL (
      SELECT count(*)::int AS "count", min(x.at) AS "firstAt", max(x.at) AS "lastAt" FROM (
        SELECT m."bufferedAt" AS at FROM "Message" m
        WHERE m."contactId" = f."contactId" AND m."direction" = 'INBOUND' AND m."draftId" IS NULL
        UNION ALL SELECT i."bufferedAt" FROM inserted i WHERE i."contactId" = f."contactId"
        UNION ALL SELECT r."bufferedAt" FROM released r WHERE r."contactId" = f."contactId"
      ) x
    ) b`);
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
