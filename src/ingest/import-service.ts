import { appendAudit } from '../audit/index.js';
import { forbidden, unauthorized } from '../errors.js';
import type { WarninglistMode } from '../lifecycle/warninglist-screen.js';
import type { Distribution } from '../policy/distribution.js';
import type { TlpLevel } from '../policy/tlp.js';
import { canWriteObjects } from '../policy/viewer.js';
import type { Viewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import type { ImportSummary, ObjectResult } from './import-result.js';
import { loadOrgDefaults } from './org-defaults.js';
import { importBundle } from './stix/import-bundle.js';

export interface ImportRequest {
  strict?: boolean;
  distribution?: Distribution | undefined;
  tlp?: TlpLevel | 'none' | undefined;
  maxObjectBytes?: number;
  /** Objects with a warninglisted value: `flag` (default) writes them with a warning, `drop` refuses them. */
  warninglist?: WarninglistMode;
  /** A label for the audit log: file name, `http`, `taxii`, a feed's name. */
  source: string;
  onResult?: (result: ObjectResult) => void;
  onProgress?: (progress: { bytes: number; objects: number }) => void;
}

/**
 * Imports a STIX bundle stream for `viewer` under the write rules, and records the import in the
 * audit log. The single entry point for the CLI, `POST /api/v1/bundles` and TAXII POST.
 */
export async function importStix(
  store: Store,
  viewer: Viewer,
  source: AsyncIterable<Buffer | string>,
  request: ImportRequest,
): Promise<ImportSummary> {
  if (viewer.kind !== 'user') throw unauthorized();
  if (!canWriteObjects(viewer)) throw forbidden('your role or API key is read-only', 'read_only');
  const orgs = await loadOrgDefaults(store.db);
  const summary = await importBundle(
    store,
    source,
    {
      writer: viewer,
      choice: { distribution: request.distribution, tlp: request.tlp },
      orgs,
      warninglist: request.warninglist ?? 'flag',
    },
    {
      ...(request.strict === undefined ? {} : { strict: request.strict }),
      ...(request.maxObjectBytes === undefined ? {} : { maxObjectBytes: request.maxObjectBytes }),
      ...(request.onResult === undefined ? {} : { onResult: request.onResult }),
      ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
    },
  );
  await store.writeTransaction((trx) =>
    appendAudit(trx, {
      actor: viewer.userId,
      actorOrg: viewer.orgId,
      action: 'object.import',
      target: request.source,
      outcome: summary.fatal === undefined ? 'ok' : 'error',
      details: { ...summary, strict: request.strict === true },
    }),
  );
  return summary;
}
