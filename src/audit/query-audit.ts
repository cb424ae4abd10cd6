import { sql } from 'kysely';
import { forbidden, invalidInput } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { actorFields } from './actor.js';
import { appendAudit } from './append-audit.js';

export interface AuditQuery {
  actor?: string | undefined;
  /** An exact action, or a prefix ending in `*` (`key.*`). */
  action?: string | undefined;
  /** Inclusive lower and exclusive upper bounds on `at` (ISO 8601 UTC). */
  since?: string | undefined;
  until?: string | undefined;
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string | null;
  actorOrg: string | null;
  action: string;
  target: string | null;
  outcome: string;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Present when older entries remain. */
  nextCursor?: string;
}

export const MAX_AUDIT_PAGE = 1000;

/**
 * Newest entries first, keyset-paged on seq. Administrators only: the log names every user and
 * every object touched, across organisations. A refused query is itself audited.
 */
export async function queryAudit(store: Store, viewer: UserViewer, query: AuditQuery): Promise<AuditPage> {
  if (viewer.role !== 'admin') {
    const refusal = forbidden('only administrators may read the audit log');
    await store.writeTransaction((trx) =>
      appendAudit(trx, {
        ...actorFields(viewer),
        action: 'audit.query',
        outcome: 'denied',
        details: { code: refusal.code, message: refusal.message },
      }),
    );
    throw refusal;
  }
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_AUDIT_PAGE)
    throw invalidInput('invalid_limit', `limit must be an integer from 1 to ${MAX_AUDIT_PAGE}`);
  const before = query.cursor === undefined ? undefined : Number(query.cursor);
  if (before !== undefined && !(Number.isSafeInteger(before) && before > 0))
    throw invalidInput('invalid_cursor', 'cursor is not one this endpoint returned');
  let q = store.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(query.limit + 1);
  if (before !== undefined) q = q.where('seq', '<', before);
  if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
  if (query.action?.endsWith('*') === true) {
    // substr instead of LIKE: no escaping of `_`/`%`, no collation surprises, same on both backends.
    const prefix = query.action.slice(0, -1);
    q = q.where(sql<string>`substr(action, 1, ${prefix.length})`, '=', prefix);
  } else if (query.action !== undefined) q = q.where('action', '=', query.action);
  if (query.since !== undefined) q = q.where('at', '>=', query.since);
  if (query.until !== undefined) q = q.where('at', '<', query.until);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit).map((r): AuditEntry => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    actorOrg: r.actor_org,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    details: JSON.parse(r.details) as Record<string, unknown>,
    hash: r.hash,
  }));
  const last = page.at(-1);
  return rows.length > query.limit && last !== undefined
    ? { entries: page, nextCursor: String(last.seq) }
    : { entries: page };
}
