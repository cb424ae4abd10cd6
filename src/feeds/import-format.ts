import { listSharingGroups } from '../admin/index.js';
import type { ConversionResult } from '../ingest/conversion.js';
import { requireWriter, storeConverted } from '../ingest/convert-service.js';
import type { ConvertSummary, StoreConvertedRequest } from '../ingest/convert-service.js';
import type { ObjectResult } from '../ingest/import-result.js';
import type { SharingGroupRef } from '../ingest/misp/index.js';
import type { UserViewer, Viewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { convertFormat } from './convert-format.js';
import type { FormatSpec } from './convert-format.js';

export interface ImportFormatRequest extends Omit<StoreConvertedRequest, 'format' | 'now'> {
  /** The owner organisation's identity id (default: the writer's); other owners need admin or sync. */
  owner?: string | undefined;
}

export interface ImportFormatResult {
  summary: ConvertSummary;
  results: ObjectResult[];
  /** What the converter produced, in result order (`results[i].index` indexes it): for previews. */
  conversion: ConversionResult;
}

/** Sharing groups as MISP distribution 4 matches them: Accord's group ids are UUIDs. */
export async function sharingGroupRefs(store: Store, writer: UserViewer): Promise<SharingGroupRef[]> {
  const groups = await listSharingGroups(store.db, writer);
  return groups.map((g) => ({ id: g.id, uuid: g.id, name: g.name }));
}

/**
 * Converts one input (MISP JSON, CSV, text) and stores the result as `viewer`: the single entry
 * point behind `accord import --format`, `POST /api/v1/import/{format}` and feed runs.
 */
export async function importFormat(
  store: Store,
  viewer: Viewer,
  input: string,
  spec: FormatSpec,
  request: ImportFormatRequest,
): Promise<ImportFormatResult> {
  const writer = requireWriter(viewer);
  const now = new Date().toISOString();
  const conversion = await convertFormat(input, spec, {
    ownerIdentityId: request.owner ?? writer.orgId,
    now,
    source: request.source,
    ...(spec.format === 'misp' ? { sharingGroups: await sharingGroupRefs(store, writer) } : {}),
  });
  const results: ObjectResult[] = [];
  const summary = await storeConverted(store, writer, conversion, {
    ...request,
    format: spec.format,
    now,
    onResult: (r) => {
      results.push(r);
      request.onResult?.(r);
    },
  });
  return { summary, results, conversion };
}
