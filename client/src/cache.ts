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

/** The fields of a draft the queue list needs to place it (the events select the whole row). */
interface QueueDraft {
  __typename?: string;
  id: string;
  status: string;
  priority?: number;
  queueAt?: string;
  deliveries?: ReadonlyArray<DeliveryState> | null;
  safety?: { recommendation?: string | null } | null;
  contact?: { customerStatus?: string | null } | null;
  account?: { id: string } | null;
  claimedBy?: { id: string } | null;
}

/**
 * The server's queue filters (review/filter.ts) on a draft an event carried; `me` is the signed-in reviewer.
 * Every event selects the whole queue row, so the fields are there.
 */
function passesFilter(draft: QueueDraft, filter: ReviewQueueOrderQueryVariables, me: string): boolean {
  const given = <T>(list: T | readonly T[] | null | undefined): readonly T[] | null =>
    list === null || list === undefined ? null : Array.isArray(list) ? (list.length > 0 ? list : null) : [list as T];
  const status = given(filter.status);
  const safety = given(filter.safety);
  const customerStatus = given(filter.customerStatus);
  if (status && !status.includes(draft.status as (typeof status)[number])) return false;
  const recommendation = draft.safety?.recommendation;
  if (safety && !(recommendation && safety.includes(recommendation as (typeof safety)[number]))) return false;
  const person = draft.contact?.customerStatus;
  if (customerStatus && !(person && customerStatus.includes(person as (typeof customerStatus)[number]))) return false;
  if (filter.claimedByMe && !(draft.status === 'CLAIMED' && draft.claimedBy?.id === me)) return false;
  if (filter.accountId && draft.account?.id !== filter.accountId) return false;
  return true;
}

/**
 * The server's reviewQueue rule: pending, claimed or failed drafts, and approved drafts with a
 * delivery that failed. Every other status (and an approved draft being sent) leaves the list.
 */
function belongsInQueue(draft: QueueDraft): boolean {
  if (QUEUE_STATES.has(draft.status)) return true;
  if (draft.status !== 'APPROVED') return false;
  return hasFailedDelivery(draft.deliveries);
}

/**
 * What the queue updaters read and write of a cached reviewQueue list: which drafts it holds, in
 * what order. Only the cache runs it. The rest of each row is the draft itself, which the event
 * that placed it wrote with the whole row (see the queue's QueueLiveUpdates).
 */
const ReviewQueueOrderQuery = graphql(`
  query ReviewQueueOrder(
    $first: Int!
    $status: [DraftStatus!]
    $safety: [SafetyRecommendation!]
    $customerStatus: [CustomerStatus!]
    $claimedByMe: Boolean
    $accountId: ID
  ) {
    reviewQueue(
      first: $first
      status: $status
      safety: $safety
      customerStatus: $customerStatus
      claimedByMe: $claimedByMe
      accountId: $accountId
    ) {
      edges {
        node {
          id
          status
          priority
          queueAt
        }
      }
    }
  }
`);

function queueOrder(a: QueueDraft, b: QueueDraft): number {
  return (
    (b.priority ?? 0) - (a.priority ?? 0) ||
    (a.queueAt ?? '').localeCompare(b.queueAt ?? '') ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Keeps every cached reviewQueue list in step with one draft an event carried: drops it once it
 * no longer belongs there (belongsInQueue and the list's filters) and adds it, in queue order, when it
 * enters them. `me` is the signed-in reviewer, for the "claimed by me" lists.
 */
function syncQueue(cache: Cache, draft: QueueDraft | null | undefined, me: string): void {
  if (!draft?.id) return;
  const inQueue = belongsInQueue(draft);
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'reviewQueue') continue;
    const variables = field.arguments as ReviewQueueOrderQueryVariables | null;
    if (!variables || typeof variables.first !== 'number') continue;
    const belongs = inQueue && passesFilter(draft, variables, me);
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
      const node = { ...draft, __typename: 'Draft' } as unknown as (typeof edges)[number]['node'];
      const next = [...edges, { __typename: 'DraftEdge' as const, node }];
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

/** Whether a cached field is the sandbox chat of this user on this account (none named: the default one). */
function sameChat(
  field: { fieldName: string; arguments?: Record<string, unknown> | null },
  telegramUserId: string,
  accountId: string | null,
): boolean {
  return (
    field.fieldName === 'sandboxChat' &&
    field.arguments?.telegramUserId === telegramUserId.trim() &&
    (field.arguments?.accountId ?? null) === (accountId || null)
  );
}

/** Appends a reply delivered to a Telegram user to the cached sandbox chat of that user. */
function appendToChat(
  cache: Cache,
  telegramUserId: string,
  accountId: string | null,
  message: ChatMessage | null | undefined,
): void {
  if (!message?.id) return;
  const key = cache.keyOfEntity({ __typename: 'Message', id: message.id });
  if (!key) return;
  for (const field of cache.inspectFields('Query')) {
    if (!sameChat(field, telegramUserId, accountId)) continue;
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
 * list (each page, search and filter), the contact and the messages and turns cached under it are
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
    if (field.fieldName !== 'messages' && field.fieldName !== 'history') continue;
    for (const edge of edgeKeys(cache, cache.resolve(key, field.fieldKey))) {
      const node = cache.resolve(edge, 'node');
      if (typeof node === 'string') cache.invalidate(node);
    }
  }
  cache.invalidate(key);
}

/** Every cached copy of a Query field, whatever its arguments, is asked for again. */
function invalidateQueryField(cache: Cache, name: string): void {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === name) cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
  }
}

/** One field of an event's or a mutation's result, as the updater expects it. */
const payload = <T>(data: Record<string, unknown>, name: string) => data[name] as T | null | undefined;

export const cacheConfig: CacheExchangeOpts = {
  schema,
  // A template's `filled` text depends on the draft it was read for: each templates(draftId:) list keeps its own.
  keys: { ...embeddedTypes(), ReplyTemplate: () => null },
  resolvers: {
    // "Load more" and "Load older" ask for one more page; these merge the pages.
    Query: { contacts: relayPagination(), auditLog: relayPagination() },
    Contact: { messages: relayPagination(), history: relayPagination() },
    Draft: { history: relayPagination() },
  },
  updates: {
    Subscription: {
      // Another page (or process) erased the person this page shows.
      contactUpdated: (result, args, cache) => {
        if (payload(result, 'contactUpdated') === null) forgetContact(cache, String(args.id ?? ''));
      },
      sandboxMessage: (result, args, cache) =>
        appendToChat(
          cache,
          String(args.telegramUserId ?? ''),
          args.accountId ? String(args.accountId) : null,
          payload<ChatMessage>(result, 'sandboxMessage'),
        ),
    },
    Mutation: {
      // Elsewhere the server decides what a list holds and in what order (and which persona is
      // active): a change invalidates the list, and whatever shows it asks the server again.
      createReviewer: (result, _args, cache) => {
        if (payload<{ reviewer?: unknown }>(result, 'createReviewer')?.reviewer) cache.invalidate('Query', 'reviewers');
      },
      createApiKey: (result, _args, cache) => {
        if (payload<{ apiKey?: unknown }>(result, 'createApiKey')?.apiKey) cache.invalidate('Query', 'apiKeys');
      },
      savePersona: (result, _args, cache) => {
        if (payload<{ persona?: unknown }>(result, 'savePersona')?.persona) cache.invalidate('Query', 'personas');
      },
      saveTemplate: (result, _args, cache) => {
        if (payload<{ template?: unknown }>(result, 'saveTemplate')?.template) invalidateQueryField(cache, 'templates');
      },
      deleteTemplate: (result, _args, cache) => {
        if (payload<{ id?: unknown }>(result, 'deleteTemplate')?.id) invalidateQueryField(cache, 'templates');
      },
      saveEditTag: (result, _args, cache) => {
        if (payload<{ tag?: unknown }>(result, 'saveEditTag')?.tag) invalidateQueryField(cache, 'editTags');
      },
      retireEditTag: (result, _args, cache) => {
        if (payload<{ tag?: unknown }>(result, 'retireEditTag')?.tag) invalidateQueryField(cache, 'editTags');
      },
      sandboxSend: (result, args, cache) => {
        const input = args.input as { telegramUserId?: string; accountId?: string | null } | undefined;
        if (!payload<{ sent?: unknown }>(result, 'sandboxSend')?.sent || !input?.telegramUserId) return;
        for (const field of cache.inspectFields('Query'))
          if (sameChat(field, input.telegramUserId, input.accountId ?? null))
            cache.invalidate('Query', 'sandboxChat', field.arguments);
      },
      eraseContact: (result, _args, cache) =>
        forgetContact(cache, payload<{ contactId?: string }>(result, 'eraseContact')?.contactId),
    },
  },
};

/**
 * cacheConfig for one signed-in reviewer. Every change to a draft (a decision, a retry, a failed delivery)
 * reaches the queue lists here; the "claimed by me" lists need to know who is signed in.
 */
export function sessionCacheConfig(reviewerId: string): CacheExchangeOpts {
  const updates = cacheConfig.updates ?? {};
  return {
    ...cacheConfig,
    updates: {
      ...updates,
      Subscription: {
        ...updates.Subscription,
        draftQueued: (result, _args, cache) => syncQueue(cache, payload<QueueDraft>(result, 'draftQueued'), reviewerId),
        draftUpdated: (result, _args, cache) =>
          syncQueue(cache, payload<QueueDraft>(result, 'draftUpdated'), reviewerId),
      },
    },
  };
}
