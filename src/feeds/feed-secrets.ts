import { upgradePayloads } from '../jobs/index.js';
import { hasPlainValues, openValues, sealValues } from '../secrets/index.js';
import type { Store } from '../store/store.js';
import { FEED_KIND } from './feed-definition.js';

type Headers = Record<string, string>;

/** Seals a feed's header values for storage (names stay readable: they say which credential is set). */
export async function sealFeedHeaders(
  store: Store,
  headers: Headers | undefined,
): Promise<Headers | undefined> {
  return headers === undefined ? undefined : sealValues(store, headers);
}

/** The header values a run sends; a key that cannot open them fails the run naming the feed. */
export async function openFeedHeaders(
  store: Store,
  headers: Headers | undefined,
  feed: string,
): Promise<Headers | undefined> {
  return headers === undefined ? undefined : openValues(store, headers, `feed ${feed}`);
}

/** One-time upgrade: seals the header values of feeds stored before sealing existed; idempotent. */
export function sealPlainFeedHeaders(store: Store): Promise<number> {
  return upgradePayloads(store, FEED_KIND, async (payload) => {
    const headers = payload.headers as Headers | undefined;
    if (headers === undefined || typeof headers !== 'object' || !hasPlainValues(headers)) return undefined;
    return { ...payload, headers: await sealFeedHeaders(store, headers) };
  });
}
