import type { Store } from '../../store/store.js';
import type { Candidate, Identification } from './identify.js';
import { contactValues, identify } from './identify.js';
import type { IdentifyEvidence } from './identify-input.js';
import { linkedValues, publicMalwareOf } from './public-intel.js';
import type { PublicMalware } from './public-intel.js';
import { loadRansomwareDatabase } from './ransomware-database.js';

export interface IdentifiedCandidate extends Candidate {
  /** Public malware objects in the store named like this family. */
  intelligence: PublicMalware[];
}

export interface RansomwareIdentification extends Omit<Identification, 'candidates'> {
  candidates: IdentifiedCandidate[];
  database: { galaxy_version: number; families: number; source: string };
}

/**
 * Identifies a family from a victim's evidence against the family database in force and the store's
 * public intelligence. Reads only; whether to keep the evidence is the caller's business (`share`).
 */
export async function identifyRansomware(
  store: Store,
  e: IdentifyEvidence,
): Promise<RansomwareIdentification> {
  const loaded = await loadRansomwareDatabase(store);
  const linked = await linkedValues(store, loaded.index, contactValues(e));
  const result = identify(loaded.index, loaded.tables, e, linked);
  const families = result.candidates.map((c) => loaded.index.byUuid.get(c.galaxy_uuid)!);
  const intel = await publicMalwareOf(store, loaded.index, families);
  return {
    status: result.status,
    candidates: result.candidates.map((c) => ({ ...c, intelligence: intel.get(c.galaxy_uuid) ?? [] })),
    database: {
      galaxy_version: loaded.database.galaxy.version,
      families: loaded.database.families.length,
      source: loaded.source,
    },
  };
}
