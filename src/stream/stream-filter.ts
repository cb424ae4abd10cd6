import type { CollectionFilter } from '../taxii/collection-filter.js';
import { inCollection } from '../taxii/collection-filter.js';
import type { StreamEventKind } from './stream-event.js';

/** What a reader asks for, within what it may see; each list present must match. */
export interface StreamFilter {
  kinds?: readonly StreamEventKind[];
  types?: readonly string[];
  owners?: readonly string[];
  /** Stored TLP levels (`clear`, `green`, `amber`, `amber+strict`, `red`); `none` for no TLP. */
  tlps?: readonly string[];
  /** A TAXII collection's filter (src/taxii/collection-filter.ts). */
  collection?: CollectionFilter;
  /** Case-insensitive text in the version's searchable fields (a saved search); versions only. */
  text?: string;
}

export interface ChangeFacts {
  type: string;
  ownerOrg: string;
  tlp: string | null;
}

export function wantsKind(filter: StreamFilter, kind: StreamEventKind): boolean {
  return filter.kinds === undefined || filter.kinds.includes(kind);
}

/** Type, owner and TLP: the facts every change carries (a deletion or removal has no content). */
export function matchesFacts(filter: StreamFilter, facts: ChangeFacts): boolean {
  const c = filter.collection;
  if (filter.types !== undefined && !filter.types.includes(facts.type)) return false;
  if (c?.types !== undefined && !c.types.includes(facts.type)) return false;
  if (filter.owners !== undefined && !filter.owners.includes(facts.ownerOrg)) return false;
  if (c?.owners !== undefined && !c.owners.includes(facts.ownerOrg)) return false;
  if (filter.tlps !== undefined && !filter.tlps.includes(facts.tlp ?? 'none')) return false;
  return true;
}

/** The full test of a version with its content (the collection's markings and labels too). */
export function matchesVersion(
  filter: StreamFilter,
  facts: ChangeFacts,
  object: Record<string, unknown>,
): boolean {
  if (!matchesFacts(filter, facts)) return false;
  return filter.collection === undefined || inCollection(filter.collection, object, facts.tlp);
}
