import type { Kysely } from 'kysely';
import { checkValues } from '../deconflict/check-values.js';
import { invalidInput } from '../errors.js';
import type { UserViewer, Viewer } from '../policy/viewer.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { operationAccess, visibleOperationIds } from './operation-access.js';
import { NETWORK_KINDS } from './target-kind.js';
import type { TargetKind } from './target-kind.js';
import { targetRow } from './targets.js';

/** The observable kinds of the correlation index a target kind is found under. */
const OBSERVABLE_KIND: Partial<Record<TargetKind, string>> = {
  ipv4: 'ipv4',
  ipv6: 'ipv6',
  cidr: 'ipv4-cidr',
  domain: 'domain',
  url: 'url',
  email: 'email',
  wallet: 'btc',
};

export interface OtherInterest {
  /** Other operations the viewer takes part in that hold the same target. */
  operations: { id: string; code: string; name: string; targetId: string; status: string }[];
  /** Deconfliction against other organisations' interests: hit or not, and whom to call; nothing else. */
  deconfliction: { status: 'hit' | 'no-hit' | 'not-checked'; contacts: string[] };
}

/**
 * Before action: does anyone else already have an interest in this target? Other operations the viewer
 * may see, and a deconfliction check (network targets, e-mails, wallets) against other organisations'
 * registered interests, answering only hit / no-hit and the contact points.
 */
export async function otherInterest(
  store: Store,
  viewer: UserViewer,
  operationId: string,
  targetId: string,
): Promise<OtherInterest> {
  const row = await targetRow(store.db, viewer, operationId, targetId);
  const others = await store.db
    .selectFrom('operation_targets as t')
    .innerJoin('operations as op', 'op.id', 't.operation_id')
    .select(['op.id', 'op.code', 'op.name', 't.id as target_id', 't.status'])
    .where('t.value_key', '=', row.value_key)
    .where('t.kind', '=', row.kind)
    .where('t.operation_id', '!=', row.operation_id)
    .where('t.operation_id', 'in', visibleOperationIds(store.db, viewer))
    .orderBy('op.code')
    .execute();
  const checkable = OBSERVABLE_KIND[row.kind as TargetKind] !== undefined;
  let deconfliction: OtherInterest['deconfliction'] = { status: 'not-checked', contacts: [] };
  if (checkable && !viewer.readOnly) {
    const [result] = await checkValues(store, viewer, [{ value: row.value }]);
    if (result !== undefined && result.status !== 'invalid')
      deconfliction = { status: result.status, contacts: result.contacts ?? [] };
  }
  return {
    operations: others.map((o) => ({
      id: o.id,
      code: o.code,
      name: o.name,
      targetId: o.target_id,
      status: o.status,
    })),
    deconfliction,
  };
}

export interface RecheckResult {
  since: string;
  /** Objects the viewer may see, added since the last status change, that carry the target's value. */
  reappearances: { id: string; type: string; dateAdded: string }[];
  /** Sightings of those (or the linked) objects reported since the last status change. */
  sightings: { count: number; lastSeen: string | null };
  stillSeen: boolean;
}

/**
 * Re-checks a network target: since its last status change, did it re-appear in imports (a visible
 * object carrying the same observable) or get sighted again? Reads only what the viewer may see.
 */
export async function recheckTarget(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
  targetId: string,
): Promise<RecheckResult> {
  const row = await targetRow(db, viewer, operationId, targetId);
  const kind = row.kind as TargetKind;
  if (!NETWORK_KINDS.has(kind))
    throw invalidInput('not_network_target', `a ${kind} target cannot be re-checked; network targets only`);
  const since = row.status_changed;
  const observableKind = OBSERVABLE_KIND[kind] ?? kind;
  const carriers = await visibleCurrent(db, viewer)
    .innerJoin('observables as ob', 'ob.object_seq', 'o.seq')
    .select(['o.id', 'o.type', 'o.date_added'])
    .where('ob.kind', '=', observableKind)
    .where('ob.value', '=', row.value)
    .orderBy('o.date_added')
    .limit(500)
    .execute();
  const reappearances = carriers
    .filter((c) => c.date_added > since)
    .map((c) => ({ id: c.id, type: c.type, dateAdded: c.date_added }));
  const refs = [...new Set([...carriers.map((c) => c.id), ...(JSON.parse(row.stix_refs) as string[])])];
  let count = 0;
  let lastSeen: string | null = null;
  if (refs.length > 0) {
    const sightings = await visibleCurrent(db, viewer)
      .innerJoin('sighting_refs as s', 's.sighting_seq', 'o.seq')
      .select(['s.count', 's.last_seen', 'o.date_added'])
      .where('s.sighting_of_ref', 'in', refs.slice(0, 500))
      .where('s.kind', '=', 'sighting')
      .execute();
    for (const s of sightings) {
      const at = s.last_seen ?? s.date_added;
      if (at <= since) continue;
      count += s.count ?? 1;
      if (lastSeen === null || at > lastSeen) lastSeen = at;
    }
  }
  return {
    since,
    reappearances,
    sightings: { count, lastSeen },
    stillSeen: reappearances.length > 0 || count > 0,
  };
}

export interface ContributionSummary {
  orgId: string;
  /** Targets this organisation reported, deduplicated: one per target whoever else reported it. */
  targets: number;
  /** Of those, the ones it reported first. */
  first: number;
  byKind: Record<string, number>;
}

/** Who contributed what to an operation: per organisation, first reporters first. */
export async function operationContributions(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
): Promise<ContributionSummary[]> {
  const access = await operationAccess(db, viewer, operationId);
  const rows = await db
    .selectFrom('operation_contributions as c')
    .innerJoin('operation_targets as t', 't.id', 'c.target_id')
    .select(['c.org_id', 'c.rank', 't.kind'])
    .where('c.operation_id', '=', access.operation.id)
    .execute();
  const byOrg = new Map<string, ContributionSummary>();
  for (const r of rows) {
    const s = byOrg.get(r.org_id) ?? { orgId: r.org_id, targets: 0, first: 0, byKind: {} };
    s.targets++;
    if (r.rank === 1) s.first++;
    s.byKind[r.kind] = (s.byKind[r.kind] ?? 0) + 1;
    byOrg.set(r.org_id, s);
  }
  return [...byOrg.values()].sort(
    (a, b) => b.first - a.first || b.targets - a.targets || (a.orgId < b.orgId ? -1 : 1),
  );
}
