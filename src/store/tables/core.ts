import type { Generated } from 'kysely';

/** The tables of the shared objects, organisations, users, keys, audit, TAXII, jobs and derived indexes. */
export interface CoreTables {
  objects: ObjectsTable;
  tombstones: TombstonesTable;
  observables: ObservablesTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  sharing_groups: SharingGroupsTable;
  group_members: GroupMembersTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  taxii_collections: TaxiiCollectionsTable;
  taxii_status: TaxiiStatusTable;
  jobs: JobsTable;
  observable_ranges: ObservableRangesTable;
  sighting_refs: SightingRefsTable;
  derived_index_state: DerivedIndexStateTable;
  store_epochs: StoreEpochsTable;
}

/** One row per stored object version. A version belongs to one owner organisation's lineage. */
export interface ObjectsTable {
  seq: Generated<number>;
  id: string;
  type: string;
  /** `modified`, else `created`, else a content hash (SCOs have neither). */
  version: string;
  /** What orders versions of one id: `modified ?? created ?? ''`. */
  vorder: string;
  created: string | null;
  modified: string | null;
  date_added: string;
  created_by_ref: string | null;
  owner_org: string;
  distribution: string;
  tlp: string | null;
  pap: string | null;
  revoked: number;
  deleted: number;
  /** 1 when this row is the newest non-deleted version of its id across all lineages. */
  is_head: number;
  search_text: string;
  data: string;
}

export interface TombstonesTable {
  id: string;
  owner_org: string;
  deleted_at: string;
  deleted_by: string;
  distribution: string;
  reason: string | null;
}

export interface ObservablesTable {
  kind: string;
  value: string;
  object_seq: number;
  object_id: string;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  sector: string | null;
  country: string | null;
  default_distribution: string;
  default_tlp: string;
  created: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  org_id: string;
  role: string;
  password_hash: string | null;
  disabled: number;
  created: string;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  prefix: string;
  secret_sha256: string;
  last4: string;
  name: string | null;
  read_only: number;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created: string;
}

export interface SharingGroupsTable {
  id: string;
  name: string;
  description: string | null;
  owner_org: string;
  created: string;
}

export interface GroupMembersTable {
  group_id: string;
  org_id: string;
  added: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string | null;
  actor_org: string | null;
  action: string;
  target: string | null;
  outcome: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** TAXII collections: a filter over what the caller may see (see src/taxii). JSON columns are text. */
export interface TaxiiCollectionsTable {
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  filter: string;
  can_read: string;
  can_write: string;
  public: number;
  created: string;
  created_by: string | null;
}

/** The outcome of one TAXII POST, readable by the user who sent it. */
export interface TaxiiStatusTable {
  id: string;
  collection_id: string;
  owner_user: string;
  status: string;
  request_timestamp: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  successes: string;
  failures: string;
  pendings: string;
}

/** Scheduled background work (src/jobs): TAXII pulls, feeds. */
export interface JobsTable {
  id: string;
  kind: string;
  name: string;
  schedule: string | null;
  payload: string;
  enabled: number;
  last_run_at: string | null;
  last_status: string | null;
  last_error: string | null;
  next_run_at: string | null;
  locked_until: string | null;
  state: string;
  created: string;
}

/** IP and CIDR observables as hex ranges, derived from `observables` (src/correlate/range-index.ts). */
export interface ObservableRangesTable {
  family: number;
  /** Fixed-width lower-case hex of the first address (8 digits for IPv4, 32 for IPv6). */
  lo: string;
  hi: string;
  kind: string;
  value: string;
  object_seq: number;
}

/** What each stored sighting version sights, derived from `objects` (src/sightings/sighting-index.ts). */
export interface SightingRefsTable {
  sighting_seq: number;
  sighting_of_ref: string;
  count: number | null;
  first_seen: string | null;
  last_seen: string | null;
  /** `sighting`, `false-positive` or `expiration` (MISP's sighting types). */
  kind: string;
}

/** How far, in `objects.seq`, each derived index has caught up. */
export interface DerivedIndexStateTable {
  name: string;
  seq: number;
}

/** Counters moved forward with the writes they count (migration 0006); `deletions` for now. */
export interface StoreEpochsTable {
  name: string;
  value: number;
}
