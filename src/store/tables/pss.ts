/** The tables of private search sets (src/deconflict/pss, migration 0021). */
export interface PssTables {
  pss_exports: PssExportsTable;
}

/**
 * One private search set handed to one recipient. Its key is derived from the instance key, the set
 * id and the recipient, never stored; `fingerprint` (the key id) and `sample` (a few of its keyed
 * hashes, which open nothing) let a leaked set be traced back to this row.
 */
export interface PssExportsTable {
  id: string;
  recipient_org: string;
  created_by: string;
  created_org: string;
  fingerprint: string;
  /** JSON array of up to 32 of the set's keyed hashes. */
  sample: string;
  count: number;
  created: string;
}
