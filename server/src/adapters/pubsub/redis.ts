import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { createTopics, type PubSub } from '../../pubsub.js';

/** Pub/sub across processes: every api process sees every draft event. */
export function createRedisPubSub(url: string): { pubsub: PubSub; close(): Promise<void> } {
  const publishClient = new Redis(url, { maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(url, { maxRetriesPerRequest: 3 });
  const pubsub = createTopics(createRedisEventTarget({ publishClient, subscribeClient }));
  return {
    pubsub,
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
