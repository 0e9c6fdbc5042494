import type { AnalyticsClient, WebhookEvent } from '../db.js';
import type { Logger } from '../logger.js';
import type { PubSub } from '../pubsub.js';

/** Read again this often even without a change announced, in case an announcement was lost. */
const REFRESH_MS = 60_000;

interface Subscriber {
  id: string;
  events: WebhookEvent[];
}

/**
 * The enabled webhooks and their events, kept in each process so that raising an event on a hot path (intake,
 * approve, delivery) reads nothing: one query fills it, and a save, delete or turn-off anywhere empties it in
 * every process (pub/sub `webhooksChanged`).
 */
export class WebhookSubscribers {
  private list: Promise<Subscriber[]> | null = null;
  private loadedAt = 0;
  private readonly listening: AsyncIterator<unknown>;

  constructor(
    private readonly db: AnalyticsClient,
    private readonly pubsub: PubSub,
    log: Logger,
  ) {
    const events = pubsub.subscribe('webhooksChanged');
    this.listening = events[Symbol.asyncIterator]();
    void (async () => {
      try {
        for await (const _ of events) this.list = null;
      } catch (err) {
        log.warn({ err: String(err) }, 'stopped hearing about webhook changes; the list is read each minute');
      }
    })();
  }

  /**
   * The ids of the enabled webhooks subscribed to `type`. Inside a transaction, pass it as `reader`: a read on
   * another connection would wait for the transaction's own (embedded mode has only one).
   */
  async subscribedTo(type: WebhookEvent, reader: Pick<AnalyticsClient, 'webhook'> = this.db): Promise<string[]> {
    if (!this.list || Date.now() - this.loadedAt > REFRESH_MS) {
      const loading = reader.webhook.findMany({ where: { enabled: true }, select: { id: true, events: true } });
      this.list = loading;
      this.loadedAt = Date.now();
      loading.catch(() => {
        if (this.list === loading) this.list = null;
      });
    }
    const hooks = await this.list;
    return hooks.filter((h) => h.events.includes(type)).map((h) => h.id);
  }

  /** Tells every process (this one at once) that webhooks changed. */
  changed(): void {
    this.list = null;
    this.pubsub.publish('webhooksChanged', true);
  }

  close(): void {
    void this.listening.return?.();
  }
}
