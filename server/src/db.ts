/** The generated Prisma clients and their types, in one place for domain code. */

export type {
  Contact,
  Draft,
  EditTag,
  Message,
  ReplyTemplate,
  Reviewer,
  Session,
  Webhook,
  WebhookDelivery,
} from './generated/analytics/client.js';
export {
  AccountKind,
  AccountState,
  CustomerStatus,
  DraftStatus,
  Prisma,
  PrismaClient as AnalyticsClient,
  Role,
  WebhookDeliveryStatus,
  WebhookEvent,
} from './generated/analytics/client.js';
export { PrismaClient as RapportClient } from './generated/rapport/client.js';

import { Prisma as AnalyticsPrisma, type Prisma as P } from './generated/analytics/client.js';
import type { Prisma as R } from './generated/rapport/client.js';

/** The transaction client handed to `$transaction(async (tx) => …)`. */
export type AnalyticsTx = P.TransactionClient;
export type RapportTx = R.TransactionClient;

/**
 * Serialises the transactions that touch one person's buffer and open drafts (intake and flush),
 * so a message arriving while its burst is being folded is never left beside a stale draft.
 */
export async function lockContact(tx: AnalyticsTx, contactId: string): Promise<void> {
  await tx.$executeRaw(contactLock(contactId));
}

/** lockContact's statement, for a transaction of raw statements (`core.sqlTransaction`). */
export const contactLock = (contactId: string) =>
  AnalyticsPrisma.sql`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${contactId}))`;
