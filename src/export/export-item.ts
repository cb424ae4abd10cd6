import type { ObservableKind } from '../observable/kind.js';
import { normaliseObservable, observablesFromSco } from '../observable/index.js';
import { parsePattern, singleComparison } from '../pattern/index.js';
import { tlpLevelFromMarkingRef } from '../stix/tlp.js';
import type { StixObject } from '../stix/types.js';
import { comparisonObservable } from '../observable/comparison-observable.js';

export type ExportTlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
export type ExportPap = 'clear' | 'green' | 'amber' | 'red';

/**
 * One exportable observable: the flat shape every defender format is written from. The lead's export
 * service builds these from visible indicator/SCO versions (policy filtering happens before this point),
 * so formatters never look at the store or at markings.
 */
export interface ExportItem {
  /** STIX id of the indicator or SCO the value came from. */
  id: string;
  kind: ObservableKind;
  /** Normalised value (lower-case domain, compressed IPv6, lower-case hex hash, ...). */
  value: string;
  name?: string;
  description?: string;
  tlp?: ExportTlp;
  pap?: ExportPap;
  confidence?: number;
  labels: string[];
  ownerName?: string;
  ownerId?: string;
  created?: string;
  modified: string;
  validUntil?: string;
  /** Link to the object in Accord's web UI or API. */
  url?: string;
}

/** An ExportItem source as a formatter takes it: an array, a generator, or a store cursor. */
export type ExportItems = AsyncIterable<ExportItem> | Iterable<ExportItem>;

/** What every formatter is: items in, text chunks out, streamed (never the whole output in memory). */
export type Formatter<O> = (items: ExportItems, opts?: O) => AsyncGenerator<string, void, undefined>;

/** What the caller knows about an object beyond the object itself: owner, link, resolved markings. */
export interface ExportItemMeta {
  ownerName?: string;
  /** Owner identity id; defaults to the object's `created_by_ref`. */
  ownerId?: string;
  url?: string;
  /** Resolved by the caller's marking logic; when absent, TLP is read from `object_marking_refs`. */
  tlp?: ExportTlp;
  pap?: ExportPap;
}

/** Most restrictive official TLP marking on the object, if any. */
function tlpOfObject(object: StixObject): ExportTlp | undefined {
  let found: ExportTlp | undefined;
  for (const ref of object.object_marking_refs ?? []) {
    const level = tlpLevelFromMarkingRef(ref);
    if (level !== undefined && (found === undefined || TLP_ORDER.indexOf(level) > TLP_ORDER.indexOf(found))) {
      found = level;
    }
  }
  return found;
}

const TLP_ORDER: readonly ExportTlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function common(object: StixObject, meta: ExportItemMeta, kind: ObservableKind, value: string): ExportItem {
  const item: ExportItem = {
    id: object.id,
    kind,
    value,
    labels: Array.isArray(object.labels) ? object.labels.filter((l) => typeof l === 'string') : [],
    modified: object.modified ?? object.created ?? '',
  };
  // Optional fields are left out rather than set to undefined, so items compare and serialise cleanly.
  const put = <K extends keyof ExportItem>(key: K, v: ExportItem[K] | undefined): void => {
    if (v !== undefined) item[key] = v;
  };
  put('name', text(object.name));
  put('description', text(object.description));
  put('tlp', meta.tlp ?? tlpOfObject(object));
  put('pap', meta.pap);
  put('confidence', typeof object.confidence === 'number' ? object.confidence : undefined);
  put('ownerName', meta.ownerName);
  put('ownerId', meta.ownerId ?? object.created_by_ref);
  put('created', object.created);
  put('validUntil', text(object.valid_until));
  put('url', meta.url);
  return item;
}

/**
 * An indicator whose STIX pattern is one comparison on one observable (`[ipv4-addr:value = '...']`,
 * `[url:value = '...']`, `[file:hashes.'SHA-256' = '...']`, `ISSUBSET` for CIDRs) as an ExportItem with
 * its value normalised. Anything a blocklist cannot express (AND/OR, negation, LIKE, MATCHES, other
 * pattern languages, revoked indicators, values that do not normalise) gives null.
 */
export function exportItemFromIndicator(indicator: StixObject, meta: ExportItemMeta = {}): ExportItem | null {
  if (indicator.type !== 'indicator' || indicator.revoked === true) return null;
  if (indicator.pattern_type !== undefined && indicator.pattern_type !== 'stix') return null;
  if (typeof indicator.pattern !== 'string') return null;
  const parsed = parsePattern(indicator.pattern);
  if (!parsed.ok) return null;
  const comparison = singleComparison(parsed.ast);
  const observable = comparison === null ? null : comparisonObservable(comparison);
  if (observable === null) return null;
  const value = normaliseObservable(observable.kind, observable.value);
  return value === null ? null : common(indicator, meta, observable.kind, value);
}

/** Which observable of a multi-valued SCO (a file with several hashes) stands for it as one item. */
const PREFERENCE: readonly ObservableKind[] = [
  'sha256',
  'sha1',
  'md5',
  'sha512',
  'ssdeep',
  'tlsh',
  'filename',
];

function rank(kind: ObservableKind): number {
  const at = PREFERENCE.indexOf(kind);
  return at < 0 ? -1 : at;
}

/**
 * Every exportable value of an observable object (ipv4-addr, ipv6-addr, domain-name, url, email-addr,
 * each hash and the name of a file), normalised, as ExportItems sharing the SCO's id.
 */
export function exportItemsFromSco(sco: StixObject, meta: ExportItemMeta = {}): ExportItem[] {
  return observablesFromSco(sco).map((o) => common(sco, meta, o.kind, o.value));
}

/** One SCO as one item: its value, or for a file its strongest hash (SHA-256, then SHA-1, then MD5). */
export function exportItemFromSco(sco: StixObject, meta: ExportItemMeta = {}): ExportItem | null {
  const items = exportItemsFromSco(sco, meta).sort((a, b) => rank(a.kind) - rank(b.kind));
  return items[0] ?? null;
}
