import { z } from 'zod';

/** The most events one page may carry, and its largest body; a bigger page is refused whole. */
export const MAX_PAGE_EVENTS = 5000;
export const MAX_PAGE_BYTES = 32 * 1024 * 1024;
/** The smallest page cap a peer may ask for: a page's envelope and one small event. */
export const MIN_PAGE_BYTES = 1024;

const Meta = z.object({
  version: z.string(),
  date_added: z.string(),
  owner_org: z.string(),
  distribution: z.string(),
  tlp: z.string().nullable(),
  pap: z.string().nullable(),
});

/** One change as it travels between instances, with the instance it started on. */
export const FederationEvent = z.discriminatedUnion('kind', [
  z.object({
    seq: z.number().int().positive(),
    kind: z.enum(['version', 'revoked']),
    id: z.string(),
    type: z.string(),
    origin: z.string(),
    // Checked for shape only here: applyInbound validates each object as STIX. A record schema would
    // copy every object of the page key by key (measured: ~5% of a catch-up's CPU).
    object: z.custom<Record<string, unknown>>(
      (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
      'an object',
    ),
    meta: Meta,
  }),
  z.object({
    seq: z.number().int().positive(),
    kind: z.enum(['deleted', 'removed']),
    id: z.string(),
    type: z.string(),
    origin: z.string(),
    owner_org: z.string(),
  }),
]);
export type FederationEvent = z.infer<typeof FederationEvent>;

/**
 * A page of changes one instance serves a peer: everything after `after` up to `next` that the rule
 * lets out, in commit order. `high` is the server's newest seq (the peer's lag is `high - next`).
 */
export const FederationPage = z.object({
  instance: z.string(),
  after: z.number().int().nonnegative(),
  next: z.number().int().nonnegative(),
  high: z.number().int().nonnegative(),
  caught_up: z.boolean(),
  events: z.array(FederationEvent).max(MAX_PAGE_EVENTS),
});
export type FederationPage = z.infer<typeof FederationPage>;

/**
 * The page as JSON text of at most `maxBytes` bytes: the asking side refuses a larger page whole, so
 * 5,000 large objects must go as several pages. A cut page ends at its last event and is not caught
 * up: every seq up to that event was read and either sent or left out by the rule, so the peer asks
 * after it next, with no gap and no duplicate. Its first event always goes, however large: a page
 * must move the cursor (an event larger than the cap is then refused by the peer, with its reason).
 */
export function pageText(page: FederationPage, maxBytes: number): { body: string; page: FederationPage } {
  const body = JSON.stringify(page);
  // UTF-8 takes at most three bytes per UTF-16 unit: most pages need no byte count at all.
  if (body.length * 3 <= maxBytes || Buffer.byteLength(body) <= maxBytes) return { body, page };
  let size = Buffer.byteLength(JSON.stringify({ ...page, events: [] }));
  let kept = 0;
  for (const event of page.events) {
    const add = Buffer.byteLength(JSON.stringify(event)) + (kept > 0 ? 1 : 0);
    if (kept > 0 && size + add > maxBytes) break;
    size += add;
    kept += 1;
  }
  const events = page.events.slice(0, kept);
  const last = events.at(-1);
  if (last === undefined) return { body, page };
  const cut = { ...page, next: last.seq, caught_up: false, events };
  return { body: JSON.stringify(cut), page: cut };
}
