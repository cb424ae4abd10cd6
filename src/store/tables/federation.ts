/** The tables of federation between Accord instances (migration 0045, src/federation). */
export interface FederationTables {
  federation_instance: FederationInstanceTable;
  federation_peers: FederationPeersTable;
  federation_errors: FederationErrorsTable;
  federation_origins: FederationOriginsTable;
}

/** One row: this store's instance id, made on first use. */
export interface FederationInstanceTable {
  id: string;
  created: string;
}

/** A connected instance, as the administrator set it up, with both cursors. */
export interface FederationPeersTable {
  id: string;
  name: string;
  /** The peer's base URL (`https://accord.example.org`). */
  url: string;
  /** The peer's instance id: how it names itself on every request and page. */
  instance_id: string;
  /** `pull`, `push` or `both`, seen from this instance. */
  direction: string;
  /** The shared secret, sealed (src/secrets). */
  secret: string;
  /** JSON OutboundRule. */
  rule: string;
  /** JSON array of the identity ids this peer may send objects of. */
  speaks_for: string;
  /** The last local seq the peer confirmed it holds (what it asked after). */
  sent_seq: number;
  /** The last remote seq applied here. */
  received_seq: number;
  /** The peer's newest seq when last asked (for the lag). */
  remote_high: number;
  /** This store's newest seq when the peer last asked. */
  local_high: number;
  last_pull_at: string | null;
  last_served_at: string | null;
  created: string;
}

/** A refusal or failure about one peer, with its reason. */
export interface FederationErrorsTable {
  id: string;
  peer_id: string;
  at: string;
  code: string;
  message: string;
}

/** Where a received lineage came from: its origin instance and the peer that delivered it. */
export interface FederationOriginsTable {
  object_id: string;
  owner_org: string;
  origin_instance: string;
  /** The local peer id it arrived from. */
  received_from: string;
}
