import type { Generated } from 'kysely';

/**
 * The tables of an Accord store, identical on SQLite and PostgreSQL. Timestamps are ISO 8601 text in
 * UTC (sortable as text on both backends); booleans are 0/1 integers.
 */
export interface Database {
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
  operations: OperationsTable;
  operation_participants: OperationParticipantsTable;
  operation_phases: OperationPhasesTable;
  operation_targets: OperationTargetsTable;
  operation_contributions: OperationContributionsTable;
  operation_target_history: OperationTargetHistoryTable;
  operation_action_templates: OperationActionTemplatesTable;
  operation_cars: OperationCarsTable;
  operation_car_recipients: OperationCarRecipientsTable;
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

/* Law-enforcement operations (migration 0010, src/operations). */
export interface OperationsTable {
  id: string;
  code: string;
  name: string;
  description: string | null;
  lead_org: string;
  group_id: string;
  tlp: string;
  pap: string | null;
  handling: string | null;
  created: string;
  created_by: string;
}

export interface OperationParticipantsTable {
  operation_id: string;
  org_id: string;
  role: string;
  added: string;
}

export interface OperationPhasesTable {
  operation_id: string;
  phase: string;
  starts: string | null;
  ends: string | null;
}

export interface OperationTargetsTable {
  id: string;
  operation_id: string;
  kind: string;
  value: string;
  /** What deduplicates: the normalised value, folded to lower case for names and handles. */
  value_key: string;
  status: string;
  status_detail: string | null;
  country: string | null;
  asn: number | null;
  asn_holder: string | null;
  jurisdiction_source: string | null;
  override_reason: string | null;
  /** JSON array of STIX ids. */
  stix_refs: string;
  created: string;
  status_changed: string;
  reported_at: string | null;
  actioned_at: string | null;
}

export interface OperationContributionsTable {
  target_id: string;
  org_id: string;
  operation_id: string;
  /** 1 for the first reporter, then 2, 3, ... */
  rank: number;
  reported: string;
  reliability: string | null;
  credibility: string | null;
}

export interface OperationTargetHistoryTable {
  id: string;
  target_id: string;
  at: string;
  actor: string;
  actor_org: string | null;
  from_status: string | null;
  to_status: string;
  detail: string | null;
  note: string | null;
  /** JSON array of evidence strings (STIX ids, URLs, notes). */
  evidence: string;
}

export interface OperationActionTemplatesTable {
  kind: string;
  action: string;
  updated: string;
  updated_by: string;
}

export interface OperationCarsTable {
  id: string;
  operation_id: string;
  country: string;
  report_id: string;
  tlp: string;
  target_count: number;
  bundle: string;
  html: string;
  created: string;
  created_by: string;
}

export interface OperationCarRecipientsTable {
  car_id: string;
  org_id: string;
  issued: string;
  issued_by: string;
  handling: string | null;
  release_authority: string;
  acknowledged: string | null;
}
