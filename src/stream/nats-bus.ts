import { DeliverPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { StreamBus } from './stream-bus.js';

export interface NatsBusOptions {
  url: string;
  /** JetStream stream name (default ACCORD_COMMITS). */
  stream?: string;
  /** Subject the commits of one Accord store go to; nodes on the same store share it. */
  subject?: string;
  onError?: (error: unknown) => void;
}

/**
 * Commit notices through NATS JetStream, for several `accord serve` nodes on one PostgreSQL: each
 * node publishes after its commits and every node's readers wake. Messages are kept a minute in
 * memory; each node reads new ones with an ordered consumer. The payload (a seq) is informative only.
 */
export class NatsBus implements StreamBus {
  readonly #wakers = new Set<() => void>();
  #closed = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly subject: string,
    private readonly messages: ConsumerMessages,
    private readonly onError: (error: unknown) => void,
  ) {
    void this.#listen();
  }

  static async open(options: NatsBusOptions): Promise<NatsBus> {
    const stream = options.stream ?? 'ACCORD_COMMITS';
    const subject = options.subject ?? 'accord.commits';
    const nc = await connect({ servers: options.url, name: 'accord-stream' });
    try {
      const jsm = await jetstreamManager(nc);
      const wanted = subject;
      try {
        const info = await jsm.streams.info(stream);
        if (!info.config.subjects.includes(wanted))
          await jsm.streams.update(stream, { subjects: [...info.config.subjects, wanted] });
      } catch {
        await jsm.streams.add({
          name: stream,
          subjects: [wanted],
          storage: StorageType.Memory,
          max_age: 60 * 1_000_000_000,
        });
      }
      const js = jetstream(nc);
      const consumer = await js.consumers.get(stream, {
        filter_subjects: subject,
        deliver_policy: DeliverPolicy.New,
      });
      const messages = await consumer.consume();
      return new NatsBus(nc, js, subject, messages, options.onError ?? (() => undefined));
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  async #listen(): Promise<void> {
    try {
      for await (const _message of this.messages) {
        for (const wake of this.#wakers) wake();
      }
    } catch (error) {
      if (!this.#closed) this.onError(error);
    }
  }

  publish(seq?: number): void {
    if (this.#closed) return;
    this.js.publish(this.subject, String(seq ?? 0)).catch((error: unknown) => {
      // Lost notices are repaired by the readers' polling of the store.
      if (!this.#closed) this.onError(error);
    });
  }

  subscribe(wake: () => void): () => void {
    this.#wakers.add(wake);
    return () => this.#wakers.delete(wake);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#wakers.clear();
    this.messages.stop();
    await this.nc.drain().catch(() => this.nc.close());
  }
}
