/** The tables of law-enforcement operations. */
export interface OperationsTables {
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
