import { onStoreCommit } from '../store/commit-signal.js';
import type { Store } from '../store/store.js';
import { committedHigh } from '../stream/read-changes.js';

/**
 * The long poll of a caught-up peer: resolves once the store's newest seq passes `after`, after
 * `ms`, or when `signal` aborts. A commit on this process wakes it at once; a commit by another node
 * on the same PostgreSQL is seen by the check every `checkMs`.
 */
export async function waitForChange(
  store: Store,
  after: number,
  ms: number,
  signal: AbortSignal,
  checkMs = 500,
): Promise<void> {
  const end = Date.now() + ms;
  while (!signal.aborted && Date.now() < end) {
    if ((await committedHigh(store)) > after) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        off();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, Math.min(checkMs, end - Date.now())));
      const off = onStoreCommit(store.db, done);
      signal.addEventListener('abort', done);
    });
  }
}
