import type { ObservableKind } from '../observable/kind.js';

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
