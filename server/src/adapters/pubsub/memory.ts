import { createTopics, type PubSub } from '../../pubsub.js';

/** Pub/sub inside one process (embedded mode). */
export function createMemoryPubSub(): { pubsub: PubSub; close(): Promise<void> } {
  return { pubsub: createTopics(), close: async () => {} };
}
