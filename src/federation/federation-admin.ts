import type { Actor } from '../audit/actor.js';
import { actorFields } from '../audit/actor.js';
import { appendAudit } from '../audit/append-audit.js';
import { requireAdmin } from '../admin/authorise.js';
import type { Store } from '../store/store.js';
import { committedHigh } from '../stream/read-changes.js';
import { instanceId } from './instance-id.js';
import { peerErrors } from './peer-errors.js';
import type { PeerError } from './peer-errors.js';
import { addPeer, getPeer, listPeers, removePeer } from './peers.js';
import type { Peer, PeerInput } from './peers.js';

export interface PeerStatus {
  peer: Peer;
  instance: string;
  /** The last local seq the peer confirmed holding, and how far behind our newest seq it is. */
  sentSeq: number;
  lagOut: number;
  /** The last remote seq applied here, and how far behind the peer's newest seq (when last asked). */
  receivedSeq: number;
  lagIn: number;
  errors: PeerError[];
}

async function audit(
  store: Store,
  actor: Actor,
  action: string,
  target: string,
  details: Record<string, unknown>,
) {
  await store.writeTransaction((trx) =>
    appendAudit(trx, { ...actorFields(actor), action, target, outcome: 'ok', details }),
  );
}

/** Connects a peer (administrators only); the secret is sealed and never shown again. */
export async function connectPeer(store: Store, actor: Actor, input: PeerInput): Promise<Peer> {
  requireAdmin(actor, 'connect federation peers');
  const peer = await addPeer(store, input);
  await audit(store, actor, 'federation.peer.add', peer.id, {
    name: peer.name,
    url: peer.url,
    instance: peer.instanceId,
    direction: peer.direction,
    rule: peer.rule,
  });
  return peer;
}

export async function disconnectPeer(store: Store, actor: Actor, idOrName: string): Promise<Peer> {
  requireAdmin(actor, 'remove federation peers');
  const peer = await removePeer(store, idOrName);
  await audit(store, actor, 'federation.peer.remove', peer.id, { name: peer.name });
  return peer;
}

export async function federationPeers(store: Store, actor: Actor): Promise<Peer[]> {
  requireAdmin(actor, 'list federation peers');
  return listPeers(store);
}

export async function peerStatus(store: Store, actor: Actor, idOrName: string): Promise<PeerStatus> {
  requireAdmin(actor, 'see federation status');
  const peer = await getPeer(store, idOrName);
  const high = await committedHigh(store);
  return {
    peer,
    instance: await instanceId(store),
    sentSeq: peer.sentSeq,
    lagOut: Math.max(0, high - peer.sentSeq),
    receivedSeq: peer.receivedSeq,
    lagIn: Math.max(0, peer.remoteHigh - peer.receivedSeq),
    errors: await peerErrors(store, peer.id),
  };
}
