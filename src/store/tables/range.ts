/** The tables of range look-ups (src/deconflict/range, migration 0022). */
export interface RangeTables {
  range_hashes: RangeHashesTable;
}

/**
 * A derived index of the range sets: the SHA-256 of every e-mail, IP and domain value of every
 * stored version labelled `compromised` or `victim`, split at the range prefix, so a look-up reads
 * one bucket by key instead of hashing every value. Caught up by `seq` window (derived_index_state
 * `range_hashes`); visibility is applied at query time by joining the version.
 */
export interface RangeHashesTable {
  /** The first PREFIX_LENGTH upper-case hex digits of the SHA-256. */
  prefix: string;
  /** The range kind: email, ip or domain. */
  kind: string;
  suffix: string;
  object_seq: number;
}
