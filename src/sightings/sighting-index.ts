import type { Kysely } from 'kysely';
import { catchUp } from '../correlate/index-state.js';
import type { Database, SightingRefsTable } from '../store/schema.js';

export type SightingKind = 'sighting' | 'false-positive' | 'expiration';

const CHUNK = 400;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * What a sighting says, as the index keeps it. A false positive is `x_accord_false_positive: true`
 * (the MISP importer's flag, also set by `POST /api/v1/sightings`); MISP's `expiration` type travels
 * as `x_misp_sighting_type`. Missing `first_seen`/`last_seen` fall back to each other, then `created`.
 */
export function sightingFacts(data: Record<string, unknown>): Omit<SightingRefsTable, 'sighting_seq'> | null {
  const of = text(data.sighting_of_ref);
  if (of === null) return null;
  const created = text(data.created);
  const first = text(data.first_seen);
  const last = text(data.last_seen);
  const kind: SightingKind =
    data.x_accord_false_positive === true || data.x_misp_sighting_type === 'false-positive'
      ? 'false-positive'
      : data.x_misp_sighting_type === 'expiration'
        ? 'expiration'
        : 'sighting';
  return {
    sighting_of_ref: of,
    count: typeof data.count === 'number' && Number.isInteger(data.count) ? data.count : null,
    first_seen: first ?? last ?? created,
    last_seen: last ?? first ?? created,
    kind,
  };
}

/**
 * Keeps `sighting_refs` in step with stored sighting versions (imported, pushed over TAXII or posted),
 * reading only new `sighting` rows by the (type, seq) index. Called before every sighting read.
 */
export async function syncSightingIndex(db: Kysely<Database>): Promise<void> {
  await catchUp(db, 'sighting_refs', async (from, to) => {
    const rows = await db
      .selectFrom('objects')
      .select(['seq', 'data'])
      .where('type', '=', 'sighting')
      .where('seq', '>', from)
      .where('seq', '<=', to)
      .execute();
    const refs: SightingRefsTable[] = [];
    for (const row of rows) {
      const facts = sightingFacts(JSON.parse(row.data) as Record<string, unknown>);
      if (facts !== null) refs.push({ sighting_seq: row.seq, ...facts });
    }
    return async (trx) => {
      for (let i = 0; i < refs.length; i += CHUNK) {
        await trx
          .insertInto('sighting_refs')
          .values(refs.slice(i, i + CHUNK))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    };
  });
}
