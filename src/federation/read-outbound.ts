import { canSee } from '../policy/visibility.js';
import type { Store } from '../store/store.js';
import { committedHigh, readChanges } from '../stream/read-changes.js';
import type { FederationEvent, FederationPage } from './federation-page.js';
import { instanceId } from './instance-id.js';
import { ruleAllows } from './outbound-rule.js';
import type { Peer } from './peers.js';
import { peerViewer } from './peer-viewer.js';

const CHUNK = 400;

async function originsOf(store: Store, ids: readonly string[]) {
  const map = new Map<string, { origin: string; from: string }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await store.db
      .selectFrom('federation_origins')
      .selectAll()
      .where('object_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      map.set(`${r.object_id}\u0000${r.owner_org}`, { origin: r.origin_instance, from: r.received_from });
  }
  return map;
}

/**
 * The page of changes after `after` that may leave to `peer`. The filter is the visibility rule
 * evaluated for the peer's viewer (public, federation, its spanning groups; references to anything
 * else redacted) — through `readChanges`, the live stream's reader — plus the peer's outbound rule.
 * Nothing goes back to the instance it came from or to the peer that delivered it (loops). A new
 * version the rule no longer lets out, of a lineage whose earlier version it did, goes as `removed`
 * (the peer withdraws it), like a version whose audience narrowed past the peer. Deletions and
 * withdrawals go only for lineages that did leave, so no id the peer never had is ever named.
 */
export async function readOutbound(
  store: Store,
  peer: Peer,
  after: number,
  limit: number,
): Promise<FederationPage> {
  const self = await instanceId(store);
  const viewer = peerViewer(peer.id, peer.rule);
  const page = await readChanges(store, viewer, { after, limit });
  const ownerOf = (e: (typeof page.events)[number]) => ('meta' in e ? e.meta.owner_org : e.owner_org);
  const origins = await originsOf(store, [...new Set(page.events.map((e) => e.id))]);
  const events: FederationEvent[] = [];
  for (const e of page.events) {
    const owner = ownerOf(e);
    const o = origins.get(`${e.id}\u0000${owner}`);
    if (o !== undefined && (o.origin === peer.instanceId || o.from === peer.id)) continue;
    const origin = o?.origin ?? self;
    if (e.kind === 'version' || e.kind === 'revoked') {
      if (ruleAllows(peer.rule, { type: e.type, ownerOrg: owner, tlp: e.meta.tlp })) {
        events.push({
          seq: e.seq,
          kind: e.kind,
          id: e.id,
          type: e.type,
          origin,
          object: e.object,
          meta: e.meta,
        });
      } else if (await sentBefore(store, peer, e.id, owner, e.seq)) {
        events.push({ seq: e.seq, kind: 'removed', id: e.id, type: e.type, origin, owner_org: owner });
      }
    } else if (e.kind === 'match') {
      // Subscription matches are one user's notifications; they never travel to a peer.
      continue;
    } else if (await sentBefore(store, peer, e.id, owner, e.seq)) {
      events.push({ seq: e.seq, kind: e.kind, id: e.id, type: e.type, origin, owner_org: owner });
    }
  }
  return {
    instance: self,
    after,
    next: page.next,
    high: await committedHigh(store),
    caught_up: page.caughtUp,
    events,
  };
}

/** Whether an earlier version of the lineage left to the peer (visible to it and allowed by the rule). */
async function sentBefore(store: Store, peer: Peer, id: string, owner: string, seq: number) {
  const viewer = peerViewer(peer.id, peer.rule);
  const rows = await store.db
    .selectFrom('objects')
    .select(['type', 'owner_org', 'distribution', 'tlp'])
    .where('id', '=', id)
    .where('owner_org', '=', owner)
    .where('seq', '<', seq)
    .execute();
  return rows.some(
    (r) =>
      canSee(viewer, { ownerOrg: r.owner_org, distribution: r.distribution }) &&
      ruleAllows(peer.rule, { type: r.type, ownerOrg: r.owner_org, tlp: r.tlp }),
  );
}
