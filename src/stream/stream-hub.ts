import type { Viewer } from '../policy/viewer.js';
import { audienceKey } from '../policy/visibility.js';
import { onStoreCommit } from '../store/commit-signal.js';
import type { Store } from '../store/store.js';
import { readChanges } from './read-changes.js';
import type { ChangePage } from './read-changes.js';
import { sseEvent } from './sse-format.js';
import type { StreamBus } from './stream-bus.js';
import type { StreamFilter } from './stream-filter.js';

/** A page of changes with each event already written as SSE text. */
export interface SharedPage extends ChangePage {
  /** Every event of the page as SSE text, written with one call. */
  text: string;
}

/** Pages kept per generation: readers of one audience and filter move in step and share them. */
const SHARED_PAGES = 256;

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
  #pages = new Map<string, Promise<SharedPage>>();
  #pagesGeneration = 0;

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

  /**
   * `readChanges` shared by the readers of one audience (`audienceKey`: the rule gives them the same
   * versions) and filter at one cursor, within one generation: a page read after the newest commit
   * this node knows of is as true for every such reader, so it is read, presented and serialised once.
   */
  readPage(
    viewer: Viewer,
    filter: StreamFilter,
    after: number,
    limit: number,
    generation: number,
  ): Promise<SharedPage> {
    if (generation !== this.#pagesGeneration) {
      this.#pages = new Map();
      this.#pagesGeneration = generation;
    }
    const key = JSON.stringify([audienceKey(viewer), filter, after, limit]);
    let page = this.#pages.get(key);
    if (page === undefined) {
      page = readChanges(this.store, viewer, { after, limit, filter }).then((p) => ({
        ...p,
        text: p.events.map((e) => sseEvent(e.kind, e, e.seq)).join(''),
      }));
      if (this.#pages.size >= SHARED_PAGES) this.#pages.delete(this.#pages.keys().next().value!);
      this.#pages.set(key, page);
      // A failed read is not shared: the next reader tries again.
      page.catch(() => this.#pages.delete(key));
    }
    return page;
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
