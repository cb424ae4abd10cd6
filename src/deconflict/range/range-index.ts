import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { catchUp } from '../../correlate/index-state.js';
import type { Database, RangeHashesTable } from '../../store/schema.js';
import { PREFIX_LENGTH, RANGE_KINDS, RANGE_SET_LABELS, rangeHash } from './range-kinds.js';
import type { RangeKind } from './range-kinds.js';

const CHUNK = 400;
const KIND_OF = new Map<string, RangeKind>(
  Object.entries(RANGE_KINDS).flatMap(([range, kinds]) => kinds.map((k) => [k, range as RangeKind])),
);

/** Whether a version's STIX `labels` put it in a range set (compromised or victim). */
export function inRangeSet(data: string): boolean {
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
 * Keeps `range_hashes` in step with the observable index: each e-mail, IP and domain value of each
 * version labelled as a range set, hashed once and split at the prefix. Labels belong to a version
 * (a new version is a new seq), so what was indexed never goes stale; revocation and visibility are
 * read from the version at query time. Cheap when nothing is new; run before every look-up.
 */
export async function syncRangeHashes(db: Kysely<Database>): Promise<void> {
  await catchUp(db, 'range_hashes', async (from, to) => {
    const rows = await db
      .selectFrom('observables as x')
      .innerJoin('objects as o', 'o.seq', 'x.object_seq')
      .select(['x.kind', 'x.value', 'x.object_seq', 'o.data'])
      .where('x.object_seq', '>', from)
      .where('x.object_seq', '<=', to)
      // `kind || ''`: keeps SQLite on the seq window rather than the (kind, value) key.
      .where(sql<string>`${sql.ref('x.kind')} || ''`, 'in', [...KIND_OF.keys()])
      .where((eb) => eb.or(RANGE_SET_LABELS.map((l) => eb('o.data', 'like', `%${l}%`))))
      .execute();
    const member = new Map<number, boolean>();
    const out: RangeHashesTable[] = [];
    for (const r of rows) {
      let yes = member.get(r.object_seq);
      if (yes === undefined) member.set(r.object_seq, (yes = inRangeSet(r.data)));
      if (!yes) continue;
      const hash = rangeHash(r.value);
      out.push({
        prefix: hash.slice(0, PREFIX_LENGTH),
        kind: KIND_OF.get(r.kind)!,
        suffix: hash.slice(PREFIX_LENGTH),
        object_seq: r.object_seq,
      });
    }
    return async (trx) => {
      for (let i = 0; i < out.length; i += CHUNK)
        await trx
          .insertInto('range_hashes')
          .values(out.slice(i, i + CHUNK))
          .onConflict((oc) => oc.doNothing())
          .execute();
    };
  });
}
