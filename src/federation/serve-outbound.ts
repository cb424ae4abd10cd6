import type { Store } from '../store/store.js';
import { MAX_PAGE_BYTES, MAX_PAGE_EVENTS, pageText } from './federation-page.js';
import { sameSecret, signPage } from './page-signature.js';
import { recordPeerError } from './peer-errors.js';
import { canSend, peerByInstance, peerSecret, updatePeerCursors } from './peers.js';
import type { Peer } from './peers.js';
import { FederationRefused } from './pull-from-peer.js';
import { readOutbound } from './read-outbound.js';

/**
 * Who is asking: a known peer instance that proves the shared secret and that we send to. Every
 * refusal has a code and a sentence for the log (and, for a known peer, its status).
 */
export async function authenticatePeer(
  store: Store,
  instance: string | undefined,
  token: string | undefined,
): Promise<Peer> {
  if (instance === undefined || token === undefined)
    throw new FederationRefused(
      'no_credentials',
      'the request names no instance or carries no federation token',
    );
  const peer = await peerByInstance(store, instance);
  if (peer === undefined)
    throw new FederationRefused('unknown_peer', `instance ${instance} is not a connected peer`);
  if (!sameSecret(await peerSecret(store, peer), token)) {
    await recordPeerError(
      store,
      peer.id,
      'bad_credentials',
      `a request as ${peer.name} carried a wrong secret`,
    );
    throw new FederationRefused('bad_credentials', `wrong federation secret for instance ${instance}`);
  }
  if (!canSend(peer)) {
    await recordPeerError(
      store,
      peer.id,
      'not_sending',
      `${peer.name} asked for changes; its direction is pull only`,
    );
    throw new FederationRefused('not_sending', `this instance does not send to ${instance} (direction pull)`);
  }
  return peer;
}

/** Asking after `after` confirms the peer holds everything up to it: its "last sequence sent". */
export async function confirmSent(store: Store, peer: Peer, after: number) {
  await updatePeerCursors(store, peer.id, {
    sent_seq: Math.max(after, 0),
    last_served_at: new Date().toISOString(),
  });
}

export interface ServeOptions {
  /** What the peer holds when it fetches ahead of applying (default `after`). */
  held?: number | undefined;
  /** The largest body the peer accepts (it says so when it asks); at most `MAX_PAGE_BYTES`. */
  maxBytes?: number | undefined;
}

/**
 * The signed page of changes after `after` for `peer`, cut to the bytes the peer accepts. Asking
 * after `after` confirms the peer holds everything up to it — or up to `held`, when it fetches ahead
 * while it still applies the page before: that is the "last sequence sent" its status shows.
 */
export async function servePage(
  store: Store,
  peer: Peer,
  after: number,
  limit: number,
  options: ServeOptions = {},
) {
  const held = options.held ?? after;
  const maxBytes = Math.min(options.maxBytes ?? MAX_PAGE_BYTES, MAX_PAGE_BYTES);
  const read = await readOutbound(store, peer, after, Math.min(Math.max(limit, 1), MAX_PAGE_EVENTS));
  const { body, page } = pageText(read, maxBytes);
  await updatePeerCursors(store, peer.id, {
    sent_seq: Math.max(Math.min(held, after), 0),
    local_high: page.high,
    last_served_at: new Date().toISOString(),
  });
  return { body, signature: signPage(await peerSecret(store, peer), body), page };
}
