import type { Store } from '../store/store.js';
import { GENESIS_HASH, auditHash } from './audit-hash.js';

export type AuditChainReport =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** An entry's seq and hash, recorded outside the store (`accord audit head`) to check later. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/**
 * The newest entry's seq and hash. The chain alone cannot show that its newest entries were cut off,
 * nor that someone with write access rebuilt it from some point on; an anchor kept elsewhere can.
 */
export async function auditHead(store: Store): Promise<AuditAnchor | null> {
  const last = await store.db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last === undefined ? null : { seq: last.seq, hash: last.hash };
}

/**
 * Walks the whole chain in seq order, a page at a time (the log grows without bound), and names the
 * first broken link: a missing seq (deleted entry), a prev_hash that is not the previous entry's hash
 * (reordered or spliced), or a hash that does not match the entry's content (edited). With an
 * `anchor`, the chain must also still hold that entry with that hash (not truncated, not rebuilt).
 */
export async function verifyAuditChain(
  store: Store,
  pageSize = 1000,
  anchor?: AuditAnchor,
): Promise<AuditChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const page = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      const seq = row.seq;
      const broken = (reason: string) => ({ ok: false as const, entries, brokenAt: expectedSeq, reason });
      if (seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (next is ${seq})`);
      if (row.prev_hash !== prevHash) return broken(`prev_hash does not match entry ${seq - 1}'s hash`);
      let details: Record<string, unknown>;
      try {
        details = JSON.parse(row.details) as Record<string, unknown>;
      } catch {
        return broken('details are not valid JSON');
      }
      const hash = auditHash(prevHash, { ...row, seq, details });
      if (hash !== row.hash) return broken('content does not match its hash (entry edited)');
      if (anchor !== undefined && seq === anchor.seq && row.hash !== anchor.hash)
        return broken(`entry ${seq} is not the anchored one (the chain was rebuilt from here or earlier)`);
      prevHash = row.hash;
      expectedSeq = seq + 1;
      entries += 1;
    }
    if (page.length < pageSize) {
      if (anchor !== undefined && entries < anchor.seq) {
        return {
          ok: false,
          entries,
          brokenAt: entries + 1,
          reason: `the anchored entry ${anchor.seq} is gone: the log ends at entry ${entries} (truncated)`,
        };
      }
      return { ok: true, entries };
    }
  }
}
