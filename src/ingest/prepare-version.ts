import { createHash } from 'node:crypto';
import type { Observable } from '../observable/kind.js';
import { TLP2_MARKING_IDS, papOfRefs, tlpOfRefs } from '../policy/markings.js';
import type { UserViewer } from '../policy/viewer.js';
import type { VersionRow } from '../store/objects/version-row.js';
import { isScoType } from '../stix/index.js';
import type { StixObject, ValidationIssue } from '../stix/types.js';
import type { OrgDefaults, WriteChoice } from './write-policy.js';
import { placeObject } from './write-policy.js';

const SEARCH_FIELDS = [
  'name',
  'description',
  'value',
  'pattern',
  'aliases',
  'number',
  'key',
  'subject',
] as const;
const SEARCH_LIMIT = 2048;

/** The lowercased text `search_text` holds: the object's names, descriptions, values and hashes. */
export function searchText(object: StixObject): string {
  let text = '';
  for (const field of SEARCH_FIELDS) {
    const value = object[field];
    if (typeof value === 'string' || typeof value === 'number') text += ` ${value}`;
    else if (Array.isArray(value)) text += ` ${value.filter((v) => typeof v === 'string').join(' ')}`;
    if (text.length > SEARCH_LIMIT) break;
  }
  const hashes = object.hashes;
  if (typeof hashes === 'object' && hashes !== null) text += ` ${Object.values(hashes).join(' ')}`;
  return text.slice(0, SEARCH_LIMIT).toLowerCase().trim();
}

export interface PrepareContext {
  writer: UserViewer;
  choice: WriteChoice;
  orgs: ReadonlyMap<string, OrgDefaults>;
  observablesOf: (object: StixObject) => Observable[];
  /** Refuses an object by its indexed values (a warninglisted value with `warninglist: 'drop'`), or null. */
  screen?: (object: StixObject, observables: readonly Observable[], path: string) => ValidationIssue | null;
}

/**
 * Turns one valid STIX object into the row the store writes: owner, distribution, TLP (adding the
 * chosen TLP marking when the object has none, so the marking travels with it) and index columns.
 */
export function prepareVersion(
  object: StixObject,
  path: string,
  ctx: PrepareContext,
): VersionRow | ValidationIssue {
  const objectTlp = tlpOfRefs(object.object_marking_refs);
  const placement = placeObject(ctx.writer, object.created_by_ref, objectTlp, ctx.choice, ctx.orgs, path);
  if ('code' in placement) return placement;
  const observables = ctx.observablesOf(object);
  const screened = ctx.screen?.(object, observables, path) ?? null;
  if (screened !== null) return screened;
  const stored: StixObject =
    placement.addTlp === null
      ? object
      : {
          ...object,
          object_marking_refs: [...(object.object_marking_refs ?? []), TLP2_MARKING_IDS[placement.addTlp]],
        };
  const data = JSON.stringify(stored);
  const modified = typeof object.modified === 'string' ? object.modified : null;
  const created = typeof object.created === 'string' ? object.created : null;
  const version =
    modified ?? created ?? `sha256:${createHash('sha256').update(data).digest('hex').slice(0, 32)}`;
  return {
    id: object.id,
    type: object.type,
    version,
    vorder: modified ?? created ?? '',
    created,
    modified,
    createdByRef: object.created_by_ref ?? null,
    ownerOrg: placement.ownerOrg,
    distribution: placement.distribution,
    tlp: placement.tlp,
    pap: papOfRefs(object.object_marking_refs),
    revoked: object.revoked === true,
    isSco: isScoType(object.type),
    searchText: searchText(object),
    data,
    observables,
  };
}
