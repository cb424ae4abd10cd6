import type { Actor } from '../audit/actor.js';
import { actorFields } from '../audit/actor.js';
import { appendAudit } from '../audit/append-audit.js';
import { requireAdmin } from '../admin/authorise.js';
import type { Store } from '../store/store.js';
import { committedHigh } from '../stream/read-changes.js';
import { instanceId } from './instance-id.js';
import { peerErrors } from './peer-errors.js';
import type { PeerError } from './peer-errors.js';
import { addPeer, canReceive, canSend, getPeer, listPeers, removePeer } from './peers.js';
import type { Peer, PeerInput } from './peers.js';

/**
 * How a connection stands: `never_contacted` (no page pulled from or served to it yet), `failing`
 * (its newest error is newer than its last pull or page served), `catching_up` (a lag either way),
 * `in_sync`.
 */
export const PEER_STATES = ['never_contacted', 'failing', 'catching_up', 'in_sync'] as const;
export type PeerState = (typeof PEER_STATES)[number];

export interface PeerStatus {
  peer: Peer;
  instance: string;
  /** The last local seq the peer confirmed holding, and how far behind our newest seq it is. */
  sentSeq: number;
  lagOut: number;
  /** The last remote seq applied here, and how far behind the peer's newest seq (when last asked). */
  receivedSeq: number;
  lagIn: number;
  state: PeerState;
  /** The newest error first (at most 20), each with its code, reason and time. */
  errors: PeerError[];
  lastError: PeerError | null;
}

/** The one computation of a peer's status, for the per-peer and all-peers views and the CLI. */
async function statusOf(store: Store, peer: Peer, instance: string, high: number): Promise<PeerStatus> {
  const errors = await peerErrors(store, peer.id);
  const lastError = errors[0] ?? null;
  const lagOut = Math.max(0, high - peer.sentSeq);
  const lagIn = Math.max(0, peer.remoteHigh - peer.receivedSeq);
  const contacts = [peer.lastPullAt, peer.lastServedAt].filter((t): t is string => t !== null);
  const lastContact = contacts.length === 0 ? null : contacts.sort().at(-1)!;
  const state: PeerState =
    lastError !== null && (lastContact === null || lastError.at > lastContact)
      ? 'failing'
      : lastContact === null
        ? 'never_contacted'
        : (canSend(peer) && lagOut > 0) || (canReceive(peer) && lagIn > 0)
          ? 'catching_up'
          : 'in_sync';
  return {
    peer,
    instance,
    sentSeq: peer.sentSeq,
    lagOut,
    receivedSeq: peer.receivedSeq,
    lagIn,
    state,
    errors,
    lastError,
  };
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
  return statusOf(store, peer, await instanceId(store), await committedHigh(store));
}

/** Every peer's status, by name (administrators only). */
export async function federationStatus(store: Store, actor: Actor): Promise<PeerStatus[]> {
  requireAdmin(actor, 'see federation status');
  const [peers, instance, high] = await Promise.all([
    listPeers(store),
    instanceId(store),
    committedHigh(store),
  ]);
  const statuses: PeerStatus[] = [];
  for (const peer of peers) statuses.push(await statusOf(store, peer, instance, high));
  return statuses;
}
