import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { conflict, notFound } from '../errors.js';
import { openValues, sealValues } from '../secrets/index.js';
import type { Store } from '../store/store.js';
import type { FederationPeersTable } from '../store/schema.js';
import { OutboundRule } from './outbound-rule.js';

export const DIRECTIONS = ['pull', 'push', 'both'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** What an administrator gives to connect a peer. */
export const PeerInput = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)'),
  url: z.url({ protocol: /^https?$/ }),
  instance_id: z.string().regex(/^accord-instance--[0-9a-f-]{36}$/, 'an accord-instance--<uuid> id'),
  direction: z.enum(DIRECTIONS),
  /** The secret both instances share for this connection (at least 32 characters). */
  secret: z.string().min(32).max(512),
  rule: OutboundRule.default(OutboundRule.parse({})),
  /** Identities whose objects this peer may deliver (its own organisations and those it relays). */
  speaks_for: z
    .array(z.string().regex(/^identity--[0-9a-f-]{36}$/))
    .max(10000)
    .default([]),
});
export type PeerInput = z.input<typeof PeerInput>;

export interface Peer {
  id: string;
  name: string;
  url: string;
  instanceId: string;
  direction: Direction;
  rule: OutboundRule;
  speaksFor: string[];
  sentSeq: number;
  receivedSeq: number;
  remoteHigh: number;
  localHigh: number;
  lastPullAt: string | null;
  lastServedAt: string | null;
  created: string;
}

function toPeer(row: FederationPeersTable): Peer {
  return {
    id: row.id,
    name: row.name,
    url: row.url.replace(/\/+$/, ''),
    instanceId: row.instance_id,
    direction: row.direction as Direction,
    rule: OutboundRule.parse(JSON.parse(row.rule)),
    speaksFor: JSON.parse(row.speaks_for) as string[],
    sentSeq: row.sent_seq,
    receivedSeq: row.received_seq,
    remoteHigh: row.remote_high,
    localHigh: row.local_high,
    lastPullAt: row.last_pull_at,
    lastServedAt: row.last_served_at,
    created: row.created,
  };
}

export async function addPeer(store: Store, input: PeerInput): Promise<Peer> {
  const p = PeerInput.parse(input);
  const taken = await store.db
    .selectFrom('federation_peers')
    .select('id')
    .where((eb) => eb.or([eb('name', '=', p.name), eb('instance_id', '=', p.instance_id)]))
    .executeTakeFirst();
  if (taken !== undefined)
    throw conflict('peer_exists', `a peer named ${p.name} or with instance ${p.instance_id} exists`);
  const { secret } = await sealValues(store, { secret: p.secret });
  const row: FederationPeersTable = {
    id: randomUUID(),
    name: p.name,
    url: p.url,
    instance_id: p.instance_id,
    direction: p.direction,
    secret,
    rule: JSON.stringify(p.rule),
    speaks_for: JSON.stringify(p.speaks_for),
    sent_seq: 0,
    received_seq: 0,
    remote_high: 0,
    local_high: 0,
    last_pull_at: null,
    last_served_at: null,
    created: new Date().toISOString(),
  };
  await store.db.insertInto('federation_peers').values(row).execute();
  return toPeer(row);
}

export async function listPeers(store: Store): Promise<Peer[]> {
  const rows = await store.db.selectFrom('federation_peers').selectAll().orderBy('name').execute();
  return rows.map(toPeer);
}

/** A peer by id or name. */
export async function getPeer(store: Store, idOrName: string): Promise<Peer> {
  const row = await store.db
    .selectFrom('federation_peers')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  if (row === undefined) throw notFound(`federation peer ${idOrName}`);
  return toPeer(row);
}

export async function peerByInstance(store: Store, instance: string): Promise<Peer | undefined> {
  const row = await store.db
    .selectFrom('federation_peers')
    .selectAll()
    .where('instance_id', '=', instance)
    .executeTakeFirst();
  return row === undefined ? undefined : toPeer(row);
}

/** The peer's shared secret, opened. */
export async function peerSecret(store: Store, peer: Peer): Promise<string> {
  const row = await store.db
    .selectFrom('federation_peers')
    .select('secret')
    .where('id', '=', peer.id)
    .executeTakeFirstOrThrow();
  return (await openValues(store, { secret: row.secret }, `federation peer ${peer.name}`)).secret;
}

export async function removePeer(store: Store, idOrName: string): Promise<Peer> {
  const peer = await getPeer(store, idOrName);
  await store.db.deleteFrom('federation_peers').where('id', '=', peer.id).execute();
  await store.db.deleteFrom('federation_errors').where('peer_id', '=', peer.id).execute();
  return peer;
}

export async function updatePeerCursors(
  store: Store,
  peerId: string,
  values: Partial<
    Pick<
      FederationPeersTable,
      'sent_seq' | 'received_seq' | 'remote_high' | 'local_high' | 'last_pull_at' | 'last_served_at'
    >
  >,
): Promise<void> {
  await store.db.updateTable('federation_peers').set(values).where('id', '=', peerId).execute();
}

export const canSend = (peer: Peer) => peer.direction !== 'pull';
export const canReceive = (peer: Peer) => peer.direction !== 'push';
