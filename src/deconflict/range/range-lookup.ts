import type { Viewer } from '../../policy/viewer.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Store } from '../../store/store.js';
import { PREFIX_LENGTH, RANGE_KINDS, RANGE_SET_LABELS, rangeHash } from './range-kinds.js';
import type { RangeKind } from './range-kinds.js';
import { padSuffixes } from './range-padding.js';

export interface RangeAnswer {
  kind: RangeKind;
  prefix: string;
  /** Real and decoy suffixes, sorted; the caller looks for its own suffix. */
  suffixes: string[];
}

function inSet(data: string): boolean {
  let labels: unknown;
  try {
    labels = (JSON.parse(data) as { labels?: unknown }).labels;
  } catch {
    return false;
  }
  return (
    Array.isArray(labels) &&
    labels.some((l) => typeof l === 'string' && RANGE_SET_LABELS.includes(l.toLowerCase()))
  );
}

/**
 * The suffixes of every value of `kind` in the range sets `viewer` may see whose SHA-256 starts with
 * `prefix` (upper-case hex, validated by the caller), padded with decoys. Sets are current object
 * versions labelled `compromised` or `victim`, read through THE visibility rule (an anonymous
 * viewer reaches public ones only); their observables come from the observable index.
 */
export async function rangeLookup(
  store: Store,
  viewer: Viewer,
  kind: RangeKind,
  prefix: string,
): Promise<RangeAnswer> {
  if (prefix.length !== PREFIX_LENGTH) throw new Error('range prefix of the wrong length');
  const rows = await visibleCurrent(store.db, viewer)
    .where('o.revoked', '=', 0)
    .innerJoin('observables as x', 'x.object_seq', 'o.seq')
    .where('x.kind', 'in', [...RANGE_KINDS[kind]])
    .where((eb) => eb.or(RANGE_SET_LABELS.map((l) => eb('o.data', 'like', `%${l}%`))))
    .select(['x.value', 'o.seq', 'o.data'])
    .execute();
  const members = new Map<number, boolean>();
  const real = new Set<string>();
  for (const r of rows) {
    let member = members.get(r.seq);
    if (member === undefined) members.set(r.seq, (member = inSet(r.data)));
    if (!member) continue;
    const hash = rangeHash(r.value);
    if (hash.startsWith(prefix)) real.add(hash.slice(PREFIX_LENGTH));
  }
  return { kind, prefix, suffixes: padSuffixes(real) };
}
