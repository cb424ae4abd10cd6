import type { Kysely } from 'kysely';
import { idsToCheck, redactObject } from '../policy/redact.js';
import type { Viewer } from '../policy/viewer.js';
import type { StoredVersion } from '../store/objects/read-objects.js';
import { visibleIds } from '../store/objects/visible-ids.js';
import type { Database } from '../store/schema.js';
import type { StixObject } from '../stix/types.js';

export interface PresentedVersion {
  object: StixObject;
  meta: {
    version: string;
    date_added: string;
    owner_org: string;
    distribution: string;
    tlp: string | null;
    pap: string | null;
  };
}

/**
 * Turns stored versions into what a viewer receives (STYLE.md habit 4): parsed STIX with references to
 * invisible objects removed. Every face (REST, TAXII, exports) presents objects through here.
 */
export async function presentVersions(
  db: Kysely<Database>,
  viewer: Viewer,
  versions: readonly StoredVersion[],
): Promise<PresentedVersion[]> {
  const parsed = versions.map((v) => ({ v, object: JSON.parse(v.data) as StixObject }));
  const audience = (v: StoredVersion) => ({ ownerOrg: v.ownerOrg, distribution: v.distribution });
  const toCheck = new Set<string>();
  for (const { v, object } of parsed)
    for (const id of idsToCheck(viewer, audience(v), object)) toCheck.add(id);
  const visible = toCheck.size === 0 ? new Set<string>() : await visibleIds(db, viewer, toCheck);
  return parsed.map(({ v, object }) => ({
    object: redactObject(viewer, audience(v), object, (id) => visible.has(id)),
    meta: {
      version: v.version,
      date_added: v.dateAdded,
      owner_org: v.ownerOrg,
      distribution: v.distribution,
      tlp: v.tlp,
      pap: v.pap,
    },
  }));
}
