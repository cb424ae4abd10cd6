import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { GENESIS_HASH, auditHash } from './audit-hash.js';

export type AuditOutcome = 'ok' | 'denied' | 'error';

export interface AuditEntryInput {
  /** A user id, or 'system' for work nobody asked for (bootstrap, schedules). */
  actor?: string | undefined;
  actorOrg?: string | undefined;
  /** Dotted verb, e.g. 'object.import', 'key.create', 'group.member.add', 'access.denied'. */
  action: string;
  target?: string | undefined;
  outcome: AuditOutcome;
  details?: Record<string, unknown> | undefined;
}

export interface AppendedAudit {
  seq: number;
  hash: string;
}

/**
 * Appends one entry to the hash chain. Call it with the transaction of `store.writeTransaction`: the
 * write lock is what makes "read the last hash, write the next seq" atomic, so seq order is chain
 * order. Called outside it, two writers would collide on the seq primary key rather than fork the chain.
 */
export async function appendAudit(
  db: Kysely<Database>,
  entry: AuditEntryInput,
  at: string = new Date().toISOString(),
): Promise<AppendedAudit> {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = (last === undefined ? 0 : last.seq) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // A JSON round trip first, so what is hashed is exactly what reading the stored text gives back
  // (Dates become strings, undefined members vanish).
  const details = JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>;
  const fields = {
    seq,
    at,
    actor: entry.actor ?? null,
    actor_org: entry.actorOrg ?? null,
    action: entry.action,
    target: entry.target ?? null,
    outcome: entry.outcome,
    details,
  };
  const hash = auditHash(prevHash, fields);
  await db
    .insertInto('audit_log')
    .values({ ...fields, details: JSON.stringify(details), prev_hash: prevHash, hash })
    .execute();
  return { seq, hash };
}
