import { z } from 'zod';
import { PEER_STATES } from '../../federation/federation-admin.js';
import { MAX_PAGE_BYTES, MIN_PAGE_BYTES } from '../../federation/federation-page.js';
import { OutboundRule } from '../../federation/outbound-rule.js';
import { DIRECTIONS, PeerInput } from '../../federation/peers.js';

export const PeerBody = PeerInput;

export const PeerParams = z.object({ id: z.string().min(1).max(128) });

export const FederationPeer = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  instance_id: z.string(),
  direction: z.enum(DIRECTIONS),
  rule: OutboundRule,
  speaks_for: z.array(z.string()),
  secret: z.literal('(set)'),
  created: z.string(),
});
export type FederationPeer = z.infer<typeof FederationPeer>;

export const PeerList = z.object({ instance: z.string(), items: z.array(FederationPeer) });

const PeerErrorBody = z.object({
  at: z.string().describe('when it happened (ISO 8601)'),
  code: z.string().describe('a stable reason code: unreachable, bad_signature, not_owner, http_401…'),
  message: z.string(),
});

export const PeerStatusBody = z.object({
  peer: FederationPeer,
  instance: z.string(),
  state: z.enum(PEER_STATES),
  sent_seq: z.number().describe('the last local seq the peer confirmed holding'),
  lag_out: z.number().describe('how many seqs our newest is ahead of sent_seq'),
  received_seq: z.number().describe("the last seq of the peer's applied here"),
  lag_in: z.number().describe("how far received_seq is behind the peer's newest seq, when last asked"),
  last_pull_at: z.string().nullable(),
  last_served_at: z.string().nullable(),
  last_error: PeerErrorBody.nullable(),
  errors: z.array(PeerErrorBody),
});
export type PeerStatusBody = z.infer<typeof PeerStatusBody>;

/** Every peer's status, by name. */
export const FederationStatusBody = z.object({
  instance: z.string(),
  items: z.array(PeerStatusBody),
});

export const ChangesQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(5000).default(2000),
  /** When nothing is newer than `after`, wait up to this many ms for a change (long poll). */
  wait: z.coerce.number().int().nonnegative().max(60_000).default(0),
  /** What the caller holds when it fetches ahead of applying (default `after`): its "last sent". */
  held: z.coerce.number().int().nonnegative().optional(),
  /** The largest page body the caller accepts: the page is cut to it (default and most 32 MiB). */
  max_bytes: z.coerce.number().int().min(MIN_PAGE_BYTES).max(MAX_PAGE_BYTES).optional(),
});
