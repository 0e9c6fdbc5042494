import { GraphQLError } from 'graphql';
import { Repeater } from 'graphql-yoga';
import type { PubSub } from '../../pubsub.js';
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

/** A subscriber's end of a shared topic: events to pass on, or the reason the topic ended. */
interface Listener<E> {
  deliver(event: E): void;
  end(error?: unknown): void;
}

/** One pub/sub subscription of this process, read once for all its subscribers. */
interface Hub<E> {
  listeners: Set<Listener<E>>;
  close(): void;
}

const hubsByPubSub = new WeakMap<PubSub, Map<string, Hub<unknown>>>();

/**
 * Reads `events` once for every subscriber of `key` in this process: each event is checked once (`keep`, in
 * the order events came, several checks in flight), then handed to each subscriber. With 200 reviewers on the
 * queue, an event used to cross three async iterators per subscriber (pub/sub's, the bound, the filter).
 */
function openHub<E>(
  hubs: Map<string, Hub<unknown>>,
  key: string,
  events: AsyncIterable<E>,
  keep?: (e: E) => Promise<boolean>,
) {
  const source = events[Symbol.asyncIterator]();
  const hub: Hub<E> = {
    listeners: new Set(),
    close: () => {
      if (hubs.get(key) === (hub as Hub<unknown>)) hubs.delete(key);
      void source.return?.();
    },
  };
  const endAll = (error?: unknown) => {
    hub.close();
    for (const listener of hub.listeners) listener.end(error);
  };
  void (async () => {
    let inOrder: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const next = await source.next();
        if (next.done) break;
        const event = next.value;
        if (!keep) {
          for (const listener of hub.listeners) listener.deliver(event);
          continue;
        }
        const kept = keep(event);
        // A failed check (the database unreachable) ends every subscriber with it, as each subscriber's own
        // check would have; they subscribe again.
        inOrder = inOrder.then(async () => {
          if (await kept) for (const listener of hub.listeners) listener.deliver(event);
        });
        inOrder.catch(endAll);
      }
      await inOrder;
      endAll();
    } catch (error) {
      endAll(error);
    }
  })();
  return hub;
}

/**
 * A subscriber's events of `key`: the process reads the topic once (`open`, when its first subscriber comes;
 * closed when its last one goes) and checks each event once (`keep`). Each subscriber holds its own queue,
 * so a slow one (a stalled tab, a slow network) delays nobody else; one that falls MAX_BEHIND events behind is
 * ended with an error, so the client subscribes again and refetches, instead of a backlog without end.
 */
export function sharedEvents<E>(
  pubsub: PubSub,
  key: string,
  open: () => AsyncIterable<E>,
  keep?: (event: E) => Promise<boolean>,
  limit = MAX_BEHIND,
): AsyncIterableIterator<E> {
  return new Repeater<E>(async (push, stop) => {
    let hubs = hubsByPubSub.get(pubsub);
    if (!hubs) {
      hubs = new Map();
      hubsByPubSub.set(pubsub, hubs);
    }
    let hub = hubs.get(key) as Hub<E> | undefined;
    if (!hub) {
      hub = openHub(hubs, key, open(), keep);
      hubs.set(key, hub as Hub<unknown>);
    }
    let waiting = 0;
    const listener: Listener<E> = {
      deliver: (event) => {
        if (waiting >= limit) {
          stop(
            new GraphQLError('This subscription fell behind: subscribe again and refetch what you show.', {
              extensions: { code: 'SUBSCRIPTION_BEHIND' },
            }),
          );
          return;
        }
        waiting += 1;
        void push(event).then(() => {
          waiting -= 1;
        });
      },
      end: (error) => stop(error),
    };
    hub.listeners.add(listener);
    await stop;
    hub.listeners.delete(listener);
    if (hub.listeners.size === 0) hub.close();
  });
}

/**
 * Drops events for drafts that no longer exist (erased) so a non-null subscription never errors.
 * The check runs once per event, not once per subscriber.
 */
export function liveRows<E extends { draftId: string }>(ctx: Context, topic: 'draftQueued' | 'draftUpdated') {
  const { pubsub, analytics } = ctx.core;
  return sharedEvents<E>(
    pubsub,
    topic,
    () => pubsub.subscribe(topic) as AsyncIterable<E>,
    async (event) => (await analytics.draft.count({ where: { id: event.draftId } })) > 0,
  );
}

/** The draft of an event in the selection `query` asks for, read once per event and selection. */
export function eventDraft<Q extends object>(ctx: Context, event: unknown, query: Q) {
  const { draftId } = event as { draftId: string };
  return oncePerEvent(event as object, JSON.stringify(query), () =>
    ctx.core.analytics.draft.findUniqueOrThrow({ ...query, where: { id: draftId } }),
  );
}
