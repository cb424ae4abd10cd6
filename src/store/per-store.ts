import type { Store } from './store.js';

/**
 * A value loaded once per store and kept as long as the store lives (keys, secrets). A failed load
 * is not kept, so a passing fault does not poison the store for the process lifetime.
 */
export class PerStore<T> {
  private readonly cache = new WeakMap<Store, Promise<T>>();

  constructor(private readonly load: (store: Store) => Promise<T>) {}

  get(store: Store): Promise<T> {
    let value = this.cache.get(store);
    if (value === undefined) {
      value = this.load(store);
      this.cache.set(store, value);
      value.catch(() => this.cache.delete(store));
    }
    return value;
  }

  /** Uses `value` for this store from now on. */
  set(store: Store, value: T): void {
    this.cache.set(store, Promise.resolve(value));
  }
}
