import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { emptySummary } from '../../ingest/import-result.js';
import type { ImportSummary, ObjectResult } from '../../ingest/import-result.js';
import { importStix } from '../../ingest/import-service.js';
import type { Distribution } from '../../policy/distribution.js';
import type { TlpLevel } from '../../policy/tlp.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { TaxiiClientError } from './taxii-http.js';
import type { TaxiiHttp } from './taxii-http.js';

export interface PullOptions {
  collection: string;
  /** Only objects added after this (exclusive), e.g. the `addedAfter` the previous pull returned. */
  addedAfter?: string | undefined;
  limit?: number;
  distribution?: Distribution | undefined;
  tlp?: TlpLevel | 'none' | undefined;
  onResult?: (result: ObjectResult) => void;
  onPage?: (page: { number: number; objects: number; addedLast?: string }) => void;
}

export interface PullResult {
  pages: number;
  objects: number;
  summary: ImportSummary;
  /** Where the next pull should start: the last `X-TAXII-Date-Added-Last` seen (or the one given). */
  addedAfter?: string | undefined;
}

interface Envelope {
  more?: boolean;
  next?: string;
  objects?: unknown[];
}

function add(total: ImportSummary, page: ImportSummary): void {
  for (const key of ['total', 'created', 'duplicate', 'invalid', 'refused', 'rejected'] as const)
    total[key] += page[key];
  if (page.fatal !== undefined) total.fatal ??= page.fatal;
}

/**
 * Pulls a remote TAXII 2.1 collection into the store: pages of objects follow `next` while `more`
 * (or resume from `X-TAXII-Date-Added-Last` for servers that give no token), and each page goes
 * through `importStix` as `viewer`, under the same write rules as every import.
 */
export async function pullCollection(
  store: Store,
  viewer: UserViewer,
  http: TaxiiHttp,
  options: PullOptions,
): Promise<PullResult> {
  const path = `collections/${encodeURIComponent(options.collection)}/objects/`;
  const limit = String(options.limit ?? 1000);
  const summary = emptySummary();
  let addedAfter = options.addedAfter;
  let next: string | undefined;
  let pages = 0;
  let objects = 0;
  for (;;) {
    const response = await http.get<Envelope>(path, {
      limit,
      ...(next === undefined ? { added_after: addedAfter } : { next }),
    });
    pages++;
    const page = Array.isArray(response.body.objects) ? response.body.objects : [];
    const addedLast = response.headers.get('x-taxii-date-added-last') ?? undefined;
    if (page.length > 0) {
      objects += page.length;
      const text = JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: page });
      const result = await importStix(store, viewer, Readable.from([text]), {
        source: `taxii-pull:${http.apiRoot}#${options.collection}`,
        distribution: options.distribution,
        tlp: options.tlp,
        ...(options.onResult === undefined ? {} : { onResult: options.onResult }),
      });
      add(summary, result);
    }
    if (addedLast !== undefined) addedAfter = addedLast;
    options.onPage?.({
      number: pages,
      objects: page.length,
      ...(addedLast === undefined ? {} : { addedLast }),
    });
    if (response.body.more !== true) break;
    if (typeof response.body.next === 'string' && response.body.next !== '') {
      if (response.body.next === next)
        throw new TaxiiClientError(`the server repeated the next token ${next}; stopping`, response.status);
      next = response.body.next;
    } else if (addedLast !== undefined) next = undefined;
    else break; // more without a way forward: stop rather than loop on the same page
  }
  return { pages, objects, summary, addedAfter };
}
