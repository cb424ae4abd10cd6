/** The tables of deconfliction interests. */
export interface DeconflictTables {
  deconflict_interests: DeconflictInterestsTable;
  deconflict_hashes: DeconflictHashesTable;
  deconflict_notifications: DeconflictNotificationsTable;
  deconflict_rate: DeconflictRateTable;
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
  /** `ip4/24`-style length class of a hashed network (migration 0023); null otherwise or before. */
  probe_class?: string | null;
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
