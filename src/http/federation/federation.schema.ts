import { z } from 'zod';
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

export const PeerStatusBody = z.object({
  peer: FederationPeer,
  instance: z.string(),
  sent_seq: z.number(),
  lag_out: z.number(),
  received_seq: z.number(),
  lag_in: z.number(),
  last_pull_at: z.string().nullable(),
  last_served_at: z.string().nullable(),
  errors: z.array(z.object({ at: z.string(), code: z.string(), message: z.string() })),
});

export const ChangesQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(5000).default(2000),
  /** When nothing is newer than `after`, wait up to this many ms for a change (long poll). */
  wait: z.coerce.number().int().nonnegative().max(60_000).default(0),
  /** What the caller holds when it fetches ahead of applying (default `after`): its "last sent". */
  held: z.coerce.number().int().nonnegative().optional(),
});
