import { GraphQLError } from 'graphql';
import { filter, pipe, Repeater } from 'graphql-yoga';
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

/** Events one subscriber may have waiting before it is cut off. */
export const MAX_BEHIND = 1000;

/**
 * Reads a pub/sub subscription as fast as events arrive and holds them for a subscriber that may be slow
 * (a stalled tab, a slow network). One that falls MAX_BEHIND events behind is ended with an error, so the
 * client subscribes again and refetches; otherwise its backlog would grow without end, and pub/sub's own
 * buffer throws (RepeaterOverflowError) from inside the Redis handler, ending the process.
 */
export function bounded<T>(events: AsyncIterable<T>, limit = MAX_BEHIND): AsyncIterableIterator<T> {
  return new Repeater<T>(async (push, stop) => {
    const source = events[Symbol.asyncIterator]();
    void stop.then(() => source.return?.());
    let waiting = 0;
    for (;;) {
      const next = await Promise.race([source.next(), stop.then(() => null)]);
      if (next === null || next.done) break;
      if (waiting >= limit) {
        stop(
          new GraphQLError('This subscription fell behind: subscribe again and refetch what you show.', {
            extensions: { code: 'SUBSCRIPTION_BEHIND' },
          }),
        );
        break;
      }
      waiting += 1;
      void push(next.value).then(() => {
        waiting -= 1;
      });
    }
    stop();
  });
}

/**
 * Drops events for drafts that no longer exist (erased) so a non-null subscription never errors.
 * The check runs once per event, not once per subscriber.
 */
export function liveRows<E extends { draftId: string }>(ctx: Context, events: AsyncIterable<E>) {
  return pipe(
    bounded(events),
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
