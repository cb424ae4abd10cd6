/**
 * Lets readers learn that a write transaction committed on this process (the live stream wakes its
 * readers from here). Keyed by the store's Kysely instance, which wrappers of a Store keep. Listeners
 * run after COMMIT, never inside the transaction, and their errors never reach the writer.
 */
const listeners = new WeakMap<object, Set<() => void>>();

export function onStoreCommit(db: object, listener: () => void): () => void {
  let set = listeners.get(db);
  if (set === undefined) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Called by the backends once a write transaction has committed. */
export function signalStoreCommit(db: object): void {
  const set = listeners.get(db);
  if (set === undefined) return;
  for (const listener of set) {
    try {
      listener();
    } catch {
      // A listener's failure is its own; the write has committed.
    }
  }
}
