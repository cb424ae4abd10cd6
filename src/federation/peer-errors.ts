import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';

export interface PeerError {
  at: string;
  code: string;
  message: string;
}

const KEEP = 200;

/** Records a refusal or failure about a peer (kept: the newest 200), for its status. */
export async function recordPeerError(store: Store, peerId: string, code: string, message: string) {
  const at = new Date().toISOString();
  await store.db
    .insertInto('federation_errors')
    .values({ id: randomUUID(), peer_id: peerId, at, code, message: message.slice(0, 2000) })
    .execute();
  const old = await store.db
    .selectFrom('federation_errors')
    .select('id')
    .where('peer_id', '=', peerId)
    .orderBy('at', 'desc')
    .offset(KEEP)
    .limit(1000)
    .execute();
  if (old.length > 0)
    await store.db
      .deleteFrom('federation_errors')
      .where(
        'id',
        'in',
        old.map((o) => o.id),
      )
      .execute();
}

export async function peerErrors(store: Store, peerId: string, limit = 20): Promise<PeerError[]> {
  return store.db
    .selectFrom('federation_errors')
    .select(['at', 'code', 'message'])
    .where('peer_id', '=', peerId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}
