import { createHash } from 'node:crypto';
import { canonicalJson } from '../stix/canonical-json.js';

/** The `prev_hash` of the first entry: the chain starts from nothing. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns an audit entry's hash covers (everything but the hashes themselves). */
export interface AuditFields {
  seq: number;
  at: string;
  actor: string | null;
  actor_org: string | null;
  action: string;
  target: string | null;
  outcome: string;
  details: Record<string, unknown>;
}

/**
 * sha256(prev_hash + canonical JSON of the entry). Chaining the previous hash in makes an edit,
 * a deletion or a reordering anywhere break every later link, not just the touched row.
 */
export function auditHash(prevHash: string, fields: AuditFields): string {
  const body = canonicalJson({
    seq: fields.seq,
    at: fields.at,
    actor: fields.actor,
    actor_org: fields.actor_org,
    action: fields.action,
    target: fields.target,
    outcome: fields.outcome,
    details: fields.details,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}
