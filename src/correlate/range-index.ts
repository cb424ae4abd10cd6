import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ObservableKind } from '../observable/kind.js';
import type { Database, ObservableRangesTable } from '../store/schema.js';
import { catchUp } from './index-state.js';
import { ipRangeOf } from './ip-range.js';

const IP_KINDS = new Set<string>(['ipv4', 'ipv6', 'ipv4-cidr', 'ipv6-cidr']);
const CHUNK = 400;

/**
 * Keeps `observable_ranges` in step with the observable index: every IP and CIDR value of every
 * stored version as a hex range. Cheap when nothing is new (two primary-key reads); after a large
 * import the first call indexes what arrived, in windows. Correlation calls it before each lookup.
 */
export async function syncRangeIndex(db: Kysely<Database>): Promise<void> {
  await catchUp(db, 'observable_ranges', async (from, to) => {
    // `kind || ''` rather than `kind`: a plain `kind IN (...)` tempts SQLite to walk the primary key
    // (every IP ever stored) instead of this seq window.
    const rows = await db
      .selectFrom('observables')
      .select(['kind', 'value', 'object_seq'])
      .where('object_seq', '>', from)
      .where('object_seq', '<=', to)
      .where(sql<string>`${sql.ref('kind')} || ''`, 'in', [...IP_KINDS])
      .execute();
    const ranges: ObservableRangesTable[] = [];
    for (const row of rows) {
      const range = ipRangeOf({ kind: row.kind as ObservableKind, value: row.value });
      if (range === null) continue;
      ranges.push({
        family: range.family,
        lo: range.lo,
        hi: range.hi,
        kind: row.kind,
        value: row.value,
        object_seq: row.object_seq,
      });
    }
    return async (trx) => {
      for (let i = 0; i < ranges.length; i += CHUNK) {
        await trx
          .insertInto('observable_ranges')
          .values(ranges.slice(i, i + CHUNK))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    };
  });
}
