import type { Observable } from '../../observable/kind.js';

/** An object version ready to be written: the STIX JSON plus the columns Accord indexes it by. */
export interface VersionRow {
  id: string;
  type: string;
  version: string;
  vorder: string;
  created: string | null;
  modified: string | null;
  createdByRef: string | null;
  ownerOrg: string;
  distribution: string;
  tlp: string | null;
  pap: string | null;
  revoked: boolean;
  /** SCO lineages never conflict across organisations: their ids are derived from their values. */
  isSco: boolean;
  searchText: string;
  data: string;
  observables: readonly Observable[];
}

export type WriteStatus = 'created' | 'duplicate' | 'refused';

export interface WriteOutcome {
  status: WriteStatus;
  seq?: number;
  /** For refusals: a stable machine code and a sentence for people. */
  code?: string;
  message?: string;
}
