import { z } from 'zod';

/** The most events one page may carry, and its largest body; a bigger page is refused whole. */
export const MAX_PAGE_EVENTS = 5000;
export const MAX_PAGE_BYTES = 32 * 1024 * 1024;

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
