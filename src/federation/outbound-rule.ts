import { z } from 'zod';
import { TLP_LEVELS, tlpRank } from '../policy/tlp.js';
import type { TlpLevel } from '../policy/tlp.js';

/**
 * What may travel out to one peer, on top of the visibility rule for a peer viewer (which already
 * limits it to `public`, `federation` and the named spanning groups): a TLP ceiling, and optionally
 * only some types and owners. Empty lists mean "no further limit".
 */
export const OutboundRule = z.object({
  max_tlp: z.enum(TLP_LEVELS).default('green'),
  groups: z
    .array(z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/))
    .max(100)
    .default([]),
  types: z.array(z.string().min(1).max(256)).max(200).default([]),
  owners: z
    .array(z.string().regex(/^identity--[0-9a-f-]{36}$/))
    .max(1000)
    .default([]),
});
export type OutboundRule = z.infer<typeof OutboundRule>;

/** The facts of a version the rule reads. */
export interface RuleFacts {
  type: string;
  ownerOrg: string;
  tlp: string | null;
}

/** Whether the rule lets a version the peer viewer may see leave to that peer. */
export function ruleAllows(rule: OutboundRule, facts: RuleFacts): boolean {
  if (tlpRank(facts.tlp as TlpLevel | null) > tlpRank(rule.max_tlp)) return false;
  if (rule.types.length > 0 && !rule.types.includes(facts.type)) return false;
  if (rule.owners.length > 0 && !rule.owners.includes(facts.ownerOrg)) return false;
  return true;
}
