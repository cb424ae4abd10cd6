import { observablesOf } from '../correlate/observables-of.js';
import { prepareVersion } from '../ingest/prepare-version.js';
import { isDistribution } from '../policy/distribution.js';
import type { UserViewer } from '../policy/viewer.js';
import { validateObject } from '../stix/index.js';
import type { StixObject } from '../stix/types.js';
import { deleteObject } from '../store/objects/delete-object.js';
import type { VersionRow } from '../store/objects/version-row.js';
import { writeVersionsIn } from '../store/objects/write-versions.js';
import type { Store } from '../store/store.js';
import type { FederationEvent } from './federation-page.js';
import type { Peer } from './peers.js';

export interface Refusal {
  seq: number;
  id: string;
  code: string;
  message: string;
}

export interface ApplyResult {
  created: number;
  duplicates: number;
  deleted: number;
  refused: Refusal[];
}

/** Distributions a received version may carry: what may leave an instance at all. */
const federated = (d: string) => d === 'federation' || d === 'public' || d.startsWith('group:');

function writerFor(peer: Peer, owner: string, distribution: string): UserViewer {
  return {
    kind: 'user',
    userId: `federation:${peer.id}`,
    email: `federation:${peer.name}`,
    orgId: owner,
    role: 'sync',
    groups: distribution.startsWith('group:') ? [distribution.slice(6)] : [],
    readOnly: false,
  };
}

/** The writer of received rows: it sees every lineage, so an id another owner holds is refused. */
function storeWriter(peer: Peer): UserViewer {
  return { ...writerFor(peer, `peer:${peer.id}`, 'organisation'), role: 'admin' };
}

/**
 * Applies a page of changes from `peer`, in order, each change on its own merits: a version is kept
 * only when its owner (`created_by_ref`) is an identity the peer may speak for, it did not start
 * here, it is valid STIX, its distribution may cross instances and its TLP allows that distribution;
 * it is stored with the owner, distribution and markings it came with, and its origin recorded. A
 * deletion or withdrawal removes only a lineage received from a peer. Refusals come back with a
 * reason; they never stop the rest. Applying a page twice changes nothing (versions are keyed by id,
 * owner and version; tombstones are kept), so a resume after a crash is exact.
 */
export async function applyInbound(
  store: Store,
  peer: Peer,
  self: string,
  events: readonly FederationEvent[],
): Promise<ApplyResult> {
  const result: ApplyResult = { created: 0, duplicates: 0, deleted: 0, refused: [] };
  const refuse = (e: FederationEvent, code: string, message: string) => {
    result.refused.push({ seq: e.seq, id: e.id, code, message });
  };
  const { received, local } = await knownLineages(store, events);
  let batch: Array<{ e: FederationEvent; row: VersionRow }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    // The versions and their origins commit together: a crash between them would leave received
    // rows looking written here (refused as local lineages ever after, and sent on as ours).
    await store.writeTransaction(async (trx) => {
      const outcomes = await writeVersionsIn(
        store,
        trx,
        storeWriter(peer),
        batch.map((b) => b.row),
      );
      const origins: Array<{
        object_id: string;
        owner_org: string;
        origin_instance: string;
        received_from: string;
      }> = [];
      for (const [i, o] of outcomes.entries()) {
        const { e, row } = batch[i]!;
        if (o.status === 'refused') refuse(e, o.code ?? 'refused', o.message ?? 'refused by the store');
        else {
          if (o.status === 'created') result.created += 1;
          else result.duplicates += 1;
          origins.push({
            object_id: row.id,
            owner_org: row.ownerOrg,
            origin_instance: e.origin,
            received_from: peer.id,
          });
          received.add(`${row.id}\u0000${row.ownerOrg}`);
        }
      }
      // 1,000 rows of 4 values a statement: within SQLite's and PostgreSQL's bind limits.
      for (let i = 0; i < origins.length; i += 1000)
        await trx
          .insertInto('federation_origins')
          .values(origins.slice(i, i + 1000))
          .onConflict((oc) => oc.columns(['object_id', 'owner_org']).doNothing())
          .execute();
    });
    batch = [];
  };

  for (const e of events) {
    const owner = 'meta' in e ? e.meta.owner_org : e.owner_org;
    if (e.origin === self) {
      refuse(e, 'loop', `${e.id} started on this instance; a peer never sends it back`);
      continue;
    }
    if (!peer.speaksFor.includes(owner)) {
      refuse(e, 'not_owner', `${e.id} is owned by ${owner}, an identity peer ${peer.name} may not speak for`);
      continue;
    }
    if (e.kind === 'version' || e.kind === 'revoked') {
      const row = examine(peer, e, owner);
      if (typeof row === 'string') {
        refuse(e, row.split(':')[0]!, row.slice(row.indexOf(':') + 2));
        continue;
      }
      if (!received.has(`${e.id}\u0000${owner}`) && local.has(`${e.id}\u0000${owner}`)) {
        refuse(
          e,
          'local_lineage',
          `${e.id} of ${owner} was written here, not received; a peer cannot change it`,
        );
        continue;
      }
      batch.push({ e, row });
      continue;
    }
    await flush();
    if (!received.has(`${e.id}\u0000${owner}`)) continue; // never received here: nothing to withdraw
    try {
      await deleteObject(
        store,
        writerFor(peer, owner, 'organisation'),
        e.id,
        e.kind === 'deleted'
          ? `deleted on its origin (${e.origin})`
          : `withdrawn by ${peer.name}: no longer federated`,
      );
      result.deleted += 1;
    } catch (error) {
      if ((error as { code?: string }).code !== 'not_found') throw error;
      result.duplicates += 1; // already deleted: a resumed page
    }
  }
  await flush();
  return result;
}

/** The checks of one received version; the row to write, or `code: message`. */
function examine(
  peer: Peer,
  e: Extract<FederationEvent, { meta: unknown }>,
  owner: string,
): VersionRow | string {
  const object = e.object as StixObject;
  if (object.id !== e.id || object.type !== e.type)
    return `invalid_event: the event names ${e.id} but carries ${object.id}`;
  if (object.created_by_ref !== undefined && object.created_by_ref !== owner)
    return `not_owner: created_by_ref ${object.created_by_ref} is not the owner ${owner} the page names`;
  const distribution = e.meta.distribution;
  if (!isDistribution(distribution) || !federated(distribution))
    return `not_federated: distribution "${distribution}" does not cross instances`;
  const validation = validateObject(object, e.id);
  if (!validation.valid)
    return `invalid_stix: ${validation.errors
      .map((x) => x.message)
      .join('; ')
      .slice(0, 500)}`;
  const row = prepareVersion(object, e.id, {
    writer: writerFor(peer, owner, distribution),
    choice: { distribution, tlp: 'none' },
    orgs: new Map([[owner, { id: owner, defaultDistribution: 'organisation', defaultTlp: 'none' }]]),
    observablesOf,
  });
  if ('code' in row) return `${row.code}: ${row.message}`;
  return row;
}

/** Lineages of the page already received from a peer, and those written here (never received). */
async function knownLineages(store: Store, events: readonly FederationEvent[]) {
  const ids = [...new Set(events.map((e) => e.id))];
  const received = new Set<string>();
  const stored = new Set<string>();
  for (let i = 0; i < ids.length; i += 400) {
    const part = ids.slice(i, i + 400);
    const [origins, rows] = await Promise.all([
      store.db
        .selectFrom('federation_origins')
        .select(['object_id', 'owner_org'])
        .where('object_id', 'in', part)
        .execute(),
      store.db.selectFrom('objects').select(['id', 'owner_org']).distinct().where('id', 'in', part).execute(),
    ]);
    for (const r of origins) received.add(`${r.object_id}\u0000${r.owner_org}`);
    for (const r of rows) stored.add(`${r.id}\u0000${r.owner_org}`);
  }
  const local = new Set([...stored].filter((k) => !received.has(k)));
  return { received, local };
}
