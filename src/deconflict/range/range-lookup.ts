import type { Viewer } from '../../policy/viewer.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Store } from '../../store/store.js';
import { PREFIX_LENGTH } from './range-kinds.js';
import type { RangeKind } from './range-kinds.js';
import { syncRangeHashes } from './range-index.js';
import { padSuffixes } from './range-padding.js';

export interface RangeAnswer {
  kind: RangeKind;
  prefix: string;
  /** Real and decoy suffixes, sorted; the caller looks for its own suffix. */
  suffixes: string[];
}

/**
 * The suffixes of every value of `kind` in the range sets `viewer` may see whose SHA-256 starts with
 * `prefix` (upper-case hex, validated by the caller), padded with decoys. One bucket of the
 * `range_hashes` index, read by its key (no scan, no hashing at query time), each row joined to its
 * version through THE visibility rule: current, not revoked, visible to the viewer (an anonymous
 * viewer reaches public sets only).
 */
export async function rangeLookup(
  store: Store,
  viewer: Viewer,
  kind: RangeKind,
  prefix: string,
): Promise<RangeAnswer> {
  if (prefix.length !== PREFIX_LENGTH) throw new Error('range prefix of the wrong length');
  await syncRangeHashes(store.db);
  const rows = await visibleCurrent(store.db, viewer)
    .where('o.revoked', '=', 0)
    .innerJoin('range_hashes as r', 'r.object_seq', 'o.seq')
    .where('r.prefix', '=', prefix)
    .where('r.kind', '=', kind)
    .select('r.suffix')
    .execute();
  return { kind, prefix, suffixes: padSuffixes(new Set(rows.map((r) => r.suffix))) };
}
