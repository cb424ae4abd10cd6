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
  landscape_reports: LandscapeReportsTable;
  public_ransomware_galaxy: PublicRansomwareGalaxyTable;
  public_decryptors: PublicDecryptorsTable;
  public_reporting_contacts: PublicReportingContactsTable;
  public_ransomware_shares: PublicRansomwareSharesTable;
  public_advisories: PublicAdvisoriesTable;
  public_advisory_texts: PublicAdvisoryTextsTable;
  deconflict_interests: DeconflictInterestsTable;
  deconflict_hashes: DeconflictHashesTable;
  deconflict_notifications: DeconflictNotificationsTable;
  deconflict_rate: DeconflictRateTable;
  stream_changes: StreamChangesTable;
  subscriptions: SubscriptionsTable;
  subscription_deliveries: SubscriptionDeliveriesTable;
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

/** A generated threat-landscape report (migration 0050); JSON columns are text. */
export interface LandscapeReportsTable {
  id: string;
  created: string;
  updated: string;
  created_by: string;
  owner_org: string;
  audience: string;
  title: string;
  variant: string;
  tlp: string;
  request: string;
  figures: string;
  narrative: string;
}

/** The public portal (migration 0030, src/public): the family database loaded by an administrator. */
export interface PublicRansomwareGalaxyTable {
  id: string;
  galaxy_version: number;
  families: number;
  /** The normalised database (src/public/ransomware/family.ts) as JSON. */
  data: string;
  updated: string;
  updated_by: string;
}

/** Decryptor entries by galaxy UUID; `data` null withdraws a shipped entry. */
export interface PublicDecryptorsTable {
  galaxy_uuid: string;
  data: string | null;
  updated: string;
  updated_by: string;
}

/** Where victims report, by ISO 3166 country code (`*` for everyone else). */
export interface PublicReportingContactsTable {
  country: string;
  name: string;
  url: string;
  updated: string;
}

/** Identifications a visitor chose to share with investigators (migration 0031). */
export interface PublicRansomwareSharesTable {
  id: string;
  created: string;
  evidence: string;
  result: string;
}

/** Awareness advisories (migration 0032, src/public/advisories). */
export interface PublicAdvisoriesTable {
  id: string;
  slug: string;
  owner_org: string;
  /** A TLP level; only `clear` can be published. */
  tlp: string;
  /** `draft` or `published`. */
  status: string;
  created: string;
  created_by: string;
  published: string | null;
  published_by: string | null;
}

/** An advisory's text in one language (Markdown body). */
export interface PublicAdvisoryTextsTable {
  advisory_id: string;
  lang: string;
  title: string;
  summary: string;
  body: string;
}

/** A registered deconfliction interest (src/deconflict, migration 0020); value and case are sealed. */
export interface DeconflictInterestsTable {
  id: string;
  owner_org: string;
  created_by: string;
  kind: string;
  sealed_value: string;
  sealed_case: string;
  contact: string;
  sensitivity: string;
  notify: number;
  expires_at: string;
  created: string;
}

/** The keyed hashes (HMAC-SHA-256, hex) an interest answers to. */
export interface DeconflictHashesTable {
  hash: string;
  interest_id: string;
}

/** A check that hit an interest, for its owner: who checked and when. */
export interface DeconflictNotificationsTable {
  id: string;
  interest_id: string;
  owner_org: string;
  checker_org: string;
  checker_user: string;
  checked_at: string;
}

/** Values checked per key (or user) in one rate-limit window. */
export interface DeconflictRateTable {
  subject: string;
  window_start: string;
  count: number;
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
