import type { Kysely } from 'kysely';
import type { Distribution } from '../policy/distribution.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';

export type SightingAudience = { ok: true; distribution: Distribution } | { ok: false; reason: string };

/**
 * Who a sighting of an indicator goes to: the narrowest audience that includes the indicator's
 * owner without widening what the reporter shares. Own indicators stay in the organisation; else
 * a sharing group holding both organisations (the indicator's own group first, then the smallest);
 * else the community when the indicator itself went to the community or the public; else none.
 * An indicator received from a connected instance (src/federation) has its owner there: the
 * sighting goes back the way the indicator came — `federation`, or the spanning group it came in.
 */
export async function sightingAudience(
  db: Kysely<Database>,
  viewer: UserViewer,
  indicator: { id?: string; ownerOrg: string; distribution: string },
): Promise<SightingAudience> {
  if (indicator.ownerOrg === viewer.orgId) return { ok: true, distribution: 'organisation' };
  if (indicator.id !== undefined) {
    const remote = await remoteAudience(db, viewer, { ...indicator, id: indicator.id });
    if (remote !== undefined) return remote;
  }
  const shared = await db
    .selectFrom('group_members as mine')
    .innerJoin('group_members as theirs', 'theirs.group_id', 'mine.group_id')
    .where('mine.org_id', '=', viewer.orgId)
    .where('theirs.org_id', '=', indicator.ownerOrg)
    .select('mine.group_id')
    .execute();
  const groups = shared.map((g) => g.group_id).filter((g) => viewer.groups.includes(g));
  if (groups.length > 0) {
    const own = indicator.distribution.startsWith('group:') ? indicator.distribution.slice(6) : undefined;
    if (own !== undefined && groups.includes(own)) return { ok: true, distribution: `group:${own}` };
    const sizes = await db
      .selectFrom('group_members')
      .where('group_id', 'in', groups)
      .select(['group_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('group_id')
      .execute();
    const smallest = sizes
      .map((s) => ({ id: s.group_id, n: Number(s.n) }))
      .sort((a, b) => a.n - b.n || a.id.localeCompare(b.id))[0];
    if (smallest !== undefined) return { ok: true, distribution: `group:${smallest.id}` };
  }
  if (['community', 'public', 'federation'].includes(indicator.distribution))
    return { ok: true, distribution: 'community' };
  return {
    ok: false,
    reason:
      'no sharing group holds both your organisation and the indicator owner, and the indicator is not shared with the community: a sighting could not reach its owner without going wider than the indicator itself',
  };
}

/** The audience that carries a sighting back to an indicator owned on another instance, if it is one. */
async function remoteAudience(
  db: Kysely<Database>,
  viewer: UserViewer,
  indicator: { id: string; ownerOrg: string; distribution: string },
): Promise<SightingAudience | undefined> {
  const received = await db
    .selectFrom('federation_origins')
    .select('origin_instance')
    .where('object_id', '=', indicator.id)
    .where('owner_org', '=', indicator.ownerOrg)
    .executeTakeFirst();
  if (received === undefined) return undefined;
  const d = indicator.distribution;
  if (d === 'federation' || d === 'public') return { ok: true, distribution: 'federation' };
  if (d.startsWith('group:') && viewer.groups.includes(d.slice(6)))
    return { ok: true, distribution: d as `group:${string}` };
  return undefined;
}
