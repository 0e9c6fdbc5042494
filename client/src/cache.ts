import type { Cache, CacheExchangeOpts, KeyingConfig } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { graphql } from './gql';
import type { ReviewQueueOrderQueryVariables } from './gql/graphql';
import schema from './gql/introspection';
import { type DeliveryState, hasFailedDelivery } from './lib/delivery';

/** Statuses the server's reviewQueue returns whatever the deliveries (see belongsInQueue). */
const QUEUE_STATES: ReadonlySet<string> = new Set(['PENDING', 'CLAIMED', 'FAILED']);

/**
 * Result objects, errors, connections and value types carry no `id`: graphcache stores them
 * inside their parent instead of as entities. Derived from the schema so new types need nothing.
 */
function embeddedTypes(): KeyingConfig {
  const keys: KeyingConfig = {};
  for (const type of schema.__schema.types ?? []) {
    if (type.kind !== 'OBJECT' || type.name.startsWith('__')) continue;
    if (['Query', 'Mutation', 'Subscription'].includes(type.name)) continue;
    const fields: ReadonlyArray<{ name: string }> = 'fields' in type && Array.isArray(type.fields) ? type.fields : [];
    if (!fields.some((f) => f.name === 'id')) keys[type.name] = () => null;
  }
  return keys;
}

/** The fields of a draft the queue list needs to place it. */
interface QueueDraft {
  __typename?: string;
  id: string;
  status: string;
  priority?: number;
  createdAt?: string;
  deliveries?: ReadonlyArray<DeliveryState> | null;
}

/** The deliveries of a draft as cached, for a payload that did not select them. */
function cachedDeliveries(cache: Cache, draftId: string): DeliveryState[] {
  const list = cache.resolve({ __typename: 'Draft', id: draftId }, 'deliveries');
  if (!Array.isArray(list)) return [];
  return list
    .filter((k): k is string => typeof k === 'string')
    .map((k) => ({ status: String(cache.resolve(k, 'status') ?? '') }));
}

/**
 * The server's reviewQueue rule: pending, claimed or failed drafts, and approved drafts with a
 * delivery that failed. Every other status (and an approved draft being sent) leaves the list.
 */
function belongsInQueue(cache: Cache, draft: QueueDraft): boolean {
  if (QUEUE_STATES.has(draft.status)) return true;
  if (draft.status !== 'APPROVED') return false;
  return hasFailedDelivery(draft.deliveries ?? cachedDeliveries(cache, draft.id));
}

/**
 * What the queue updaters read and write of a cached reviewQueue list: which drafts it holds, in
 * what order. Only the cache runs it. The rest of each row is the draft itself, which the event
 * that placed it wrote with the whole row (see the queue's QueueLiveUpdates).
 */
const ReviewQueueOrderQuery = graphql(`
  query ReviewQueueOrder($first: Int!) {
    reviewQueue(first: $first) {
      edges {
        node {
          id
          status
          priority
          createdAt
        }
      }
    }
  }
`);

function queueOrder(a: QueueDraft, b: QueueDraft): number {
  return (
    (b.priority ?? 0) - (a.priority ?? 0) ||
    (a.createdAt ?? '').localeCompare(b.createdAt ?? '') ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Keeps every cached reviewQueue list in step with one draft: drops it once it no longer
 * belongs there (belongsInQueue) and, when `insert` is allowed (the payload carries the whole row), adds it in
 * queue order when it enters them.
 */
function syncQueue(cache: Cache, draft: QueueDraft | null | undefined, insert: boolean): void {
  if (!draft?.id) return;
  const belongs = belongsInQueue(cache, draft);
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'reviewQueue') continue;
    const variables = field.arguments as ReviewQueueOrderQueryVariables | null;
    if (!variables || typeof variables.first !== 'number') continue;
    cache.updateQuery({ query: ReviewQueueOrderQuery, variables }, (data) => {
      if (!data) return data;
      const edges = data.reviewQueue.edges;
      const present = edges.some((edge) => edge.node.id === draft.id);
      if (present === belongs) return data;
      if (!belongs) {
        return {
          ...data,
          reviewQueue: { ...data.reviewQueue, edges: edges.filter((edge) => edge.node.id !== draft.id) },
        };
      }
      if (!insert) return data;
      const node = { ...draft, __typename: 'Draft' } as unknown as (typeof edges)[number]['node'];
      const next = [...edges, { __typename: 'QueryReviewQueueConnectionEdge' as const, node }];
      next.sort((a, b) => queueOrder(a.node, b.node));
      return { ...data, reviewQueue: { ...data.reviewQueue, edges: next } };
    });
  }
}

interface ChatMessage {
  __typename?: string;
  id: string;
  sentAt?: string;
}

/** Appends a message (sent or delivered) to the cached sandbox chat of that Telegram user. */
function appendToChat(cache: Cache, telegramUserId: string, message: ChatMessage | null | undefined): void {
  if (!message?.id) return;
  const key = cache.keyOfEntity({ __typename: 'Message', id: message.id });
  if (!key) return;
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'sandboxChat' || field.arguments?.telegramUserId !== telegramUserId.trim()) continue;
    const list = cache.resolve('Query', field.fieldKey);
    if (!Array.isArray(list)) continue;
    const keys = list.filter((k): k is string => typeof k === 'string');
    if (keys.includes(key)) continue;
    const sentAt = (k: string) => String(cache.resolve(k, 'sentAt') ?? '');
    const next = [...keys, key].sort((a, b) => sentAt(a).localeCompare(sentAt(b)));
    cache.link('Query', 'sandboxChat', field.arguments, next);
  }
}

/** The keys of the edges of one cached connection (edges are stored inside it, keyed by position). */
function edgeKeys(cache: Cache, connection: unknown): string[] {
  if (typeof connection !== 'string') return [];
  const edges = cache.resolve(connection, 'edges');
  return Array.isArray(edges) ? edges.filter((k): k is string => typeof k === 'string') : [];
}

/**
 * After a GDPR erase the person must not linger in the client either: every cached contacts
 * list (each page, search and filter), the contact and the messages cached under it are
 * invalidated, so whatever still shows them (the contacts page, the queue, the sandbox chat, the
 * contact page) asks the server again, which no longer has them.
 */
function forgetContact(cache: Cache, contactId: string | null | undefined): void {
  if (!contactId) return;
  const key = cache.keyOfEntity({ __typename: 'Contact', id: contactId });
  if (!key) return;
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === 'contacts') cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
  }
  for (const field of cache.inspectFields(key)) {
    if (field.fieldName !== 'messages') continue;
    for (const edge of edgeKeys(cache, cache.resolve(key, field.fieldKey))) {
      const message = cache.resolve(edge, 'node');
      if (typeof message === 'string') cache.invalidate(message);
    }
  }
  cache.invalidate(key);
}

const field = <T>(data: Record<string, unknown>, name: string) => data[name] as T | null | undefined;

export const cacheConfig: CacheExchangeOpts = {
  schema,
  keys: embeddedTypes(),
  resolvers: {
    // "Load more" and "Show earlier messages" ask for one more page; these merge the pages.
    Query: { contacts: relayPagination() },
    Contact: { messages: relayPagination() },
  },
  updates: {
    Subscription: {
      draftQueued: (result, _args, cache) => syncQueue(cache, field<QueueDraft>(result, 'draftQueued'), true),
      draftUpdated: (result, _args, cache) => syncQueue(cache, field<QueueDraft>(result, 'draftUpdated'), true),
      sandboxMessage: (result, args, cache) =>
        appendToChat(cache, String(args.telegramUserId ?? ''), field<ChatMessage>(result, 'sandboxMessage')),
    },
    Mutation: {
      approveDraft: (result, _args, cache) =>
        syncQueue(cache, field<{ draft?: QueueDraft }>(result, 'approveDraft')?.draft, false),
      rejectDraft: (result, _args, cache) =>
        syncQueue(cache, field<{ draft?: QueueDraft }>(result, 'rejectDraft')?.draft, false),
      retryDraft: (result, _args, cache) =>
        syncQueue(cache, field<{ draft?: QueueDraft }>(result, 'retryDraft')?.draft, false),
      retryDelivery: (result, _args, cache) =>
        syncQueue(cache, field<{ draft?: QueueDraft }>(result, 'retryDelivery')?.draft, false),
      // The server decides the order of these lists (and which persona is active): ask it again.
      createReviewer: (result, _args, cache) => {
        if (field<{ reviewer?: unknown }>(result, 'createReviewer')?.reviewer) cache.invalidate('Query', 'reviewers');
      },
      savePersona: (result, _args, cache) => {
        if (field<{ persona?: unknown }>(result, 'savePersona')?.persona) cache.invalidate('Query', 'personas');
      },
      eraseContact: (result, _args, cache) =>
        forgetContact(cache, field<{ contactId?: string }>(result, 'eraseContact')?.contactId),
      sandboxSend: (result, args, cache) => {
        const input = args.input as { telegramUserId?: string } | undefined;
        appendToChat(cache, input?.telegramUserId ?? '', field<{ sent?: ChatMessage }>(result, 'sandboxSend')?.sent);
      },
    },
  },
};
