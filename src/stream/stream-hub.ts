import { onStoreCommit } from '../store/commit-signal.js';
import type { Store } from '../store/store.js';
import type { StreamBus } from './stream-bus.js';

/**
 * One per node: publishes on the bus after each commit of this process, and lets readers wait for
 * the next notice from any node. A reader takes `generation` before reading the store and waits with
 * it, so a commit between its read and its wait is never slept through; every wait also ends after
 * `pollMs`, which repairs a notice the bus lost and catches writers in other processes (a CLI import).
 */
export class StreamHub {
  #generation = 0;
  readonly #waiting = new Set<() => void>();
  readonly #unsubscribe: Array<() => void> = [];

  constructor(
    readonly store: Store,
    readonly bus: StreamBus,
    readonly pollMs = 2000,
  ) {
    this.#unsubscribe.push(
      onStoreCommit(store.db, () => {
        this.#wake();
        bus.publish();
      }),
      bus.subscribe(() => {
        this.#wake();
      }),
    );
  }

  get generation(): number {
    return this.#generation;
  }

  get readers(): number {
    return this.#waiting.size;
  }

  #wake(): void {
    this.#generation++;
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const resolve of waiting) resolve();
  }

  /** Resolves `true` when something committed since `generation`, `false` after `timeoutMs` or an abort. */
  waitForChange(generation: number, timeoutMs = this.pollMs, signal?: AbortSignal): Promise<boolean> {
    if (generation !== this.#generation) return Promise.resolve(true);
    if (signal?.aborted === true) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (changed: boolean) => {
        clearTimeout(timer);
        this.#waiting.delete(onWake);
        signal?.removeEventListener('abort', onAbort);
        resolve(changed);
      };
      const onWake = () => {
        done(true);
      };
      const onAbort = () => {
        done(false);
      };
      const timer = setTimeout(() => {
        done(false);
      }, timeoutMs);
      this.#waiting.add(onWake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async close(): Promise<void> {
    for (const off of this.#unsubscribe) off();
    this.#wake();
    await this.bus.close();
  }
}
