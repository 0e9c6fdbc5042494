import { setMaxListeners } from 'node:events';
import { createTopics, type PubSub } from '../../pubsub.js';

/** Pub/sub inside one process (embedded mode). */
export function createMemoryPubSub(): { pubsub: PubSub; close(): Promise<void> } {
  // Each subscriber is a listener: Node's leak warning past 10 per topic would fire on any busy queue or contact.
  const target = new EventTarget();
  setMaxListeners(0, target);
  return { pubsub: createTopics(target as unknown as Parameters<typeof createTopics>[0]), close: async () => {} };
}
