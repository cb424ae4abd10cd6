import type { PeerStatus } from '../../federation/federation-admin.js';
import type { Peer } from '../../federation/peers.js';
import { SET } from '../../secrets/index.js';
import type { FederationPeer, PeerStatusBody } from './federation.schema.js';

/** A peer as the API shows it: never its secret. */
export function presentPeer(peer: Peer): FederationPeer {
  return {
    id: peer.id,
    name: peer.name,
    url: peer.url,
    instance_id: peer.instanceId,
    direction: peer.direction,
    rule: peer.rule,
    speaks_for: peer.speaksFor,
    secret: SET,
    created: peer.created,
  };
}

export function presentStatus(s: PeerStatus): PeerStatusBody {
  return {
    peer: presentPeer(s.peer),
    instance: s.instance,
    state: s.state,
    sent_seq: s.sentSeq,
    lag_out: s.lagOut,
    received_seq: s.receivedSeq,
    lag_in: s.lagIn,
    last_pull_at: s.peer.lastPullAt,
    last_served_at: s.peer.lastServedAt,
    last_error: s.lastError,
    errors: s.errors,
  };
}
