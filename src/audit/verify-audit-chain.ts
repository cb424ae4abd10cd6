import type { Store } from '../store/store.js';
import { GENESIS_HASH, auditHash } from './audit-hash.js';

export type AuditChainReport =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/**
 * Walks the whole chain in seq order, a page at a time (the log grows without bound), and names the
 * first broken link: a missing seq (deleted entry), a prev_hash that is not the previous entry's hash
 * (reordered or spliced), or a hash that does not match the entry's content (edited).
 */
export async function verifyAuditChain(store: Store, pageSize = 1000): Promise<AuditChainReport> {
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
      prevHash = row.hash;
      expectedSeq = seq + 1;
      entries += 1;
    }
    if (page.length < pageSize) return { ok: true, entries };
  }
}
