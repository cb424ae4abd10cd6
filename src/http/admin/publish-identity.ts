import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { organisationIdentity } from '../../admin/organisation-identity.js';
import type { Organisation } from '../../admin/organisation.js';
import { AccordError } from '../../errors.js';
import type { ObjectResult } from '../../ingest/import-result.js';
import { importStix } from '../../ingest/import-service.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';

/**
 * Stores an organisation's STIX identity as an object (issue 3: organisations are identity objects),
 * so `created_by_ref` of its intelligence resolves for everyone. It names itself as creator, which
 * makes the organisation its owner; it goes to the community (organisations are community knowledge)
 * without a TLP. Pass `modified` after an update to add a new version.
 *
 * It goes through the one import path, so it is written under the write rules and audited like any
 * other object.
 */
export async function publishIdentity(
  store: Store,
  writer: UserViewer,
  org: Organisation,
  modified?: string,
): Promise<void> {
  const identity = { ...organisationIdentity(org, modified), created_by_ref: org.id };
  const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [identity] };
  const results: ObjectResult[] = [];
  await importStix(store, writer, Readable.from([JSON.stringify(bundle)]) as AsyncIterable<string>, {
    source: `organisation ${org.id}`,
    distribution: 'community',
    tlp: 'none',
    onResult: (r) => results.push(r),
  });
  const result = results[0];
  if (result === undefined || (result.status !== 'created' && result.status !== 'duplicate')) {
    const problem = result?.errors.map((e) => `${e.code}: ${e.message}`).join('; ') ?? 'no result';
    throw new AccordError(
      'identity_not_stored',
      500,
      `the identity of ${org.name} was not stored: ${problem}`,
    );
  }
}
