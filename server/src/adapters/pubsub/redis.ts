import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { createTopics, type PubSub } from '../../pubsub.js';

type Target = ReturnType<typeof createRedisEventTarget<CustomEvent>>;

/**
 * Channel names carry the deployment's prefix, so deployments sharing one Redis never hear each other. Events are
 * published here, as the event target would (JSON), rather than by the event target, which drops the command's
 * promise: a publish refused while Redis cannot be reached ended the process as an unhandled rejection. Such an
 * event is lost instead; an event only tells of a change the database already holds.
 */
function prefixed(target: Target, prefix: string, publisher: Redis): Target {
  return {
    addEventListener: (type, listener, options) => target.addEventListener(`${prefix}${type}`, listener, options),
    removeEventListener: (type, listener, options) => target.removeEventListener(`${prefix}${type}`, listener, options),
    dispatchEvent: (event) => {
      const message = event.detail === undefined ? '' : JSON.stringify(event.detail);
      publisher.publish(`${prefix}${event.type}`, message).catch(() => {});
      return true;
    },
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
  // commands may be used") and that rejection went unhandled, which would end the process. Its SUBSCRIBE and
  // UNSUBSCRIBE wait for Redis however long it is away (no retry limit): the event target drops their promises, so
  // one refused after three retries ended the process too, and a subscription begun meanwhile would never hear
  // anything. Only closing refuses them now, and that is no failure.
  const subscribeClient = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: false });
  for (const command of ['subscribe', 'unsubscribe'] as const) {
    const send = subscribeClient[command].bind(subscribeClient) as (...channels: string[]) => Promise<unknown>;
    Object.assign(subscribeClient, {
      [command]: (...channels: string[]) => {
        const sent = send(...channels);
        sent.catch(() => {});
        return sent;
      },
    });
  }
  const target = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
  const pubsub = createTopics(prefixed(target, `${prefix}:ps:`, publishClient));
  return {
    pubsub,
    async close() {
      if (!commands) publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
