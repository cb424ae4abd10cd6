import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Viewer } from '../policy/viewer.js';
import { listAllVersions, listCurrent } from '../store/objects/read-objects.js';
import type { ObjectFilters } from '../store/objects/read-objects.js';
import type { Database } from '../store/schema.js';
import { presentTexts } from './present-texts.js';

export interface BundleStreamOptions {
  filters: ObjectFilters;
  allVersions?: boolean;
  pageSize?: number;
}

/**
 * A STIX bundle of everything `viewer` may see that matches the filters, as text chunks: one page
 * of the store at a time, so exports of any size stream in bounded memory.
 */
export async function* bundleStream(
  db: Kysely<Database>,
  viewer: Viewer,
  options: BundleStreamOptions,
): AsyncGenerator<string> {
  yield `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`;
  const limit = options.pageSize ?? 1000;
  const list = options.allVersions === true ? listAllVersions : listCurrent;
  let after: number | undefined;
  let first = true;
  for (;;) {
    const page = await list(db, viewer, options.filters, after === undefined ? { limit } : { after, limit });
    // The stored text as it is whenever the policy removes nothing (the same bytes JSON.stringify of
    // the presented object gives), so a large export is not parsed and serialised again.
    const texts = await presentTexts(db, viewer, page.items);
    if (texts.length > 0) {
      yield `${first ? '\n' : ',\n'}${texts.join(',\n')}`;
      first = false;
    }
    if (page.next === undefined) break;
    after = page.next;
  }
  yield '\n]}\n';
}
