import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { createTopics, type PubSub } from '../../pubsub.js';

type Target = ReturnType<typeof createRedisEventTarget<CustomEvent>>;

/** Channel names carry the deployment's prefix, so deployments sharing one Redis never hear each other. */
function prefixed(target: Target, prefix: string): Target {
  return {
    addEventListener: (type, listener, options) => target.addEventListener(`${prefix}${type}`, listener, options),
    removeEventListener: (type, listener, options) => target.removeEventListener(`${prefix}${type}`, listener, options),
    dispatchEvent: (event) => target.dispatchEvent(new CustomEvent(`${prefix}${event.type}`, { detail: event.detail })),
  };
}

/**
 * Pub/sub across processes: every api process sees every draft event of its deployment. `commands`, when given,
 * publishes (the process's command connection: an event and the queue scripts sent in one tick then share one
 * write and one reply); without it, a connection of its own. It is not closed here.
 */
export function createRedisPubSub(
  url: string,
  prefix = 'cs',
  commands?: Redis,
): { pubsub: PubSub; close(): Promise<void> } {
  const publishClient = commands ?? new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
  // No ready check on the subscriber: on a reconnect in subscriber mode, ioredis's INFO is refused ("only subscriber
  // commands may be used") and that rejection went unhandled, which would end the process.
  const subscribeClient = new Redis(url, { maxRetriesPerRequest: 3, enableReadyCheck: false });
  const pubsub = createTopics(prefixed(createRedisEventTarget({ publishClient, subscribeClient }), `${prefix}:ps:`));
  return {
    pubsub,
    async close() {
      if (!commands) publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
