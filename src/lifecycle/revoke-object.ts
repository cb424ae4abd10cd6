import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { AccordError, forbidden, invalidInput, notFound } from '../errors.js';
import { importStix } from '../ingest/import-service.js';
import type { Distribution } from '../policy/distribution.js';
import { canWriteObjects } from '../policy/viewer.js';
import type { UserViewer } from '../policy/viewer.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Store } from '../store/store.js';
import type { StixObject } from '../stix/types.js';

export interface RevokeResult {
  id: string;
  version: string;
  revoked: true;
  /** False when the newest version was already revoked (nothing written). */
  written: boolean;
}

/** A `modified` strictly after `previous`, and `now` when that already is. */
function nextModified(previous: unknown, now: string): string {
  const before = typeof previous === 'string' ? Date.parse(previous) : NaN;
  return before >= Date.parse(now) ? new Date(before + 1).toISOString() : now;
}

/**
 * Revokes an object as STIX does: a new version with `revoked: true`, written by its owner through
 * `importStix` to the same audience as the version it replaces, so the withdrawal travels wherever
 * the object went (TAXII, feeds, exports drop it). Only the owner organisation revokes.
 */
export async function revokeObject(
  store: Store,
  viewer: UserViewer,
  id: string,
  now = new Date().toISOString(),
): Promise<RevokeResult> {
  if (!canWriteObjects(viewer)) throw forbidden('your role or API key is read-only', 'read_only');
  const row = await visibleCurrent(store.db, viewer)
    .where('o.id', '=', id)
    .select(['o.owner_org', 'o.distribution', 'o.data', 'o.revoked', 'o.version'])
    .executeTakeFirst();
  if (row === undefined) throw notFound(`object ${id}`);
  if (row.owner_org !== viewer.orgId)
    throw forbidden(`${id} belongs to another organisation; only its owner revokes it`, 'not_owner');
  const current = JSON.parse(row.data) as StixObject;
  if (typeof current.modified !== 'string')
    throw invalidInput(
      'not_versioned',
      `${current.type} objects have no versions and cannot be revoked; delete it instead`,
    );
  if (row.revoked === 1) return { id, version: row.version, revoked: true, written: false };
  const revoked: StixObject = { ...current, revoked: true, modified: nextModified(current.modified, now) };
  let refusal: { code: string; message: string } | undefined;
  await importStix(
    store,
    viewer,
    Readable.from([JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [revoked] })]),
    {
      source: 'revoke',
      distribution: row.distribution as Distribution,
      // The stored version already carries its markings; adding the organisation's default TLP would change them.
      tlp: 'none',
      onResult: (r) => {
        if (r.status !== 'created')
          refusal = {
            code: r.errors[0]?.code ?? r.status,
            message: r.errors.map((e) => e.message).join('; '),
          };
      },
    },
  );
  if (refusal !== undefined)
    throw new AccordError(refusal.code, 409, refusal.message || 'the revocation was not written');
  return { id, version: revoked.modified!, revoked: true, written: true };
}
