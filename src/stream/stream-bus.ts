/**
 * What wakes stream readers when something committed. A bus carries no data: the store is the truth
 * and readers read it from their own cursor, so a lost or duplicated message costs at most a wait
 * until the next poll (src/stream/stream-reader.ts).
 */
export interface StreamBus {
  /** Something committed on this node: wake the readers of every node. */
  publish(seq?: number): void;
  /** Calls `wake` on every publish, from any node; returns the unsubscribe. */
  subscribe(wake: () => void): () => void;
  close(): Promise<void>;
}

/** The default: readers of this process only (one node, or nodes polling the store). */
export class InProcessBus implements StreamBus {
  readonly #wakers = new Set<() => void>();

  publish(): void {
    for (const wake of this.#wakers) wake();
  }

  subscribe(wake: () => void): () => void {
    this.#wakers.add(wake);
    return () => this.#wakers.delete(wake);
  }

  close(): Promise<void> {
    this.#wakers.clear();
    return Promise.resolve();
  }
}
