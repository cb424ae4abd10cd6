/** The tables of the live stream and subscriptions. */
export interface StreamTables {
  stream_changes: StreamChangesTable;
  subscriptions: SubscriptionsTable;
  subscription_deliveries: SubscriptionDeliveriesTable;
}

/** Changes other than new versions (deletions), in the objects' seq order (migration 0040, src/stream). */
export interface StreamChangesTable {
  seq: number;
  /** `deleted`. */
  kind: string;
  object_id: string;
  object_type: string;
  owner_org: string;
  /** JSON array of the distributions the lineage's versions had. */
  audiences: string;
  tlp: string | null;
  at: string;
  reason: string | null;
}

/** A user's saved search followed from `cursor` (migration 0040, src/stream/subscriptions). */
export interface SubscriptionsTable {
  id: string;
  user_id: string;
  name: string;
  /** JSON StreamFilter. */
  filter: string;
  webhook_url: string | null;
  /** Sealed (src/secrets). */
  webhook_secret: string | null;
  cursor: number;
  created: string;
  /** The committed seq when it was saved: only later versions match (migration 0041). */
  start_seq: number;
}

/** One webhook delivery of one event: `pending`, `delivered` or `failed` (after the last retry). */
export interface SubscriptionDeliveriesTable {
  id: string;
  subscription_id: string;
  seq: number;
  kind: string;
  object_id: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  locked_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created: string;
  delivered_at: string | null;
}
