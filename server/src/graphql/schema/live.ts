import { filter, pipe } from 'graphql-yoga';
import type { Context } from '../context.js';

/**
 * What this process has read for one published event, by selection. Pub/sub hands every local
 * subscriber the same payload object (in process and from Redis alike), so the object is the
 * event's identity; the entry goes when the event does.
 */
const readsByEvent = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `read` once per event and key in this process, however many subscribers resolve the event. */
export function oncePerEvent<T>(event: object, key: string, read: () => Promise<T>): Promise<T> {
  let reads = readsByEvent.get(event);
  if (!reads) {
    reads = new Map();
    readsByEvent.set(event, reads);
  }
  let pending = reads.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = read();
    reads.set(key, pending);
  }
  return pending;
}

/**
 * Drops events for drafts that no longer exist (erased) so a non-null subscription never errors.
 * The check runs once per event, not once per subscriber.
 */
export function liveRows<E extends { draftId: string }>(ctx: Context, events: AsyncIterable<E>) {
  return pipe(
    events as AsyncIterableIterator<E>,
    filter(async (event: E) =>
      oncePerEvent(
        event,
        'exists',
        async () => (await ctx.core.analytics.draft.count({ where: { id: event.draftId } })) > 0,
      ),
    ),
  );
}

/** The draft of an event in the selection `query` asks for, read once per event and selection. */
export function eventDraft<Q extends object>(ctx: Context, event: unknown, query: Q) {
  const { draftId } = event as { draftId: string };
  return oncePerEvent(event as object, JSON.stringify(query), () =>
    ctx.core.analytics.draft.findUniqueOrThrow({ ...query, where: { id: draftId } }),
  );
}
