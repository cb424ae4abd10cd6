import { randomUUID } from 'node:crypto';
import { invalidInput } from '../errors.js';
import { importStix } from '../ingest/import-service.js';
import type { ObjectResult } from '../ingest/import-result.js';
import { scanBundle } from '../ingest/stix/bundle-scanner.js';
import { tlpOfRefs } from '../policy/markings.js';
import { canWriteForOtherOrgs } from '../policy/viewer.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { inCollection } from './collection-filter.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { saveStatus } from './taxii-status.js';
import type { StatusDetail, TaxiiStatusResource } from './taxii-status.js';

const MAX_OBJECT_BYTES = 5 * 1024 * 1024;

function describe(object: Record<string, unknown>): { id: string; version: string } {
  const id = typeof object.id === 'string' ? object.id : '';
  const version = object.modified ?? object.created;
  return { id, version: typeof version === 'string' ? version : '' };
}

/** Why an object cannot go into this collection, or undefined when it fits its filter. */
function outsideCollection(
  viewer: UserViewer,
  collection: TaxiiCollection,
  object: Record<string, unknown>,
): string | undefined {
  const refs = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as unknown[]) : [];
  if (!inCollection(collection.filter, object, tlpOfRefs(refs)))
    return 'outside this collection: its type, markings or labels do not match the collection filter';
  const owners = collection.filter.owners;
  if (owners !== undefined) {
    const createdBy = typeof object.created_by_ref === 'string' ? object.created_by_ref : undefined;
    const owner = createdBy !== undefined && canWriteForOtherOrgs(viewer) ? createdBy : viewer.orgId;
    if (!owners.includes(owner)) return 'outside this collection: it holds other organisations’ objects';
  }
  return undefined;
}

/**
 * TAXII POST (section 5.5): streams the envelope's objects through the one import path (`importStix`,
 * same validation and write rules as every import), after refusing objects that would not show in
 * this collection, and records the status resource for the sender.
 */
export async function postEnvelope(
  store: Store,
  viewer: UserViewer,
  collection: TaxiiCollection,
  body: AsyncIterable<Buffer | string>,
): Promise<TaxiiStatusResource> {
  const requestTimestamp = new Date().toISOString();
  const details: Array<{ id: string; version: string }> = [];
  const forwarded: number[] = [];
  const successes: StatusDetail[] = [];
  const failures: StatusDetail[] = [];
  const fail = (index: number, message: string) => {
    failures.push({ ...(details[index] ?? { id: '', version: '' }), message });
  };

  async function* asBundle(): AsyncGenerator<string> {
    yield `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`;
    for await (const item of scanBundle(body, { maxObjectBytes: MAX_OBJECT_BYTES })) {
      if (item.kind === 'header') continue;
      details[item.index] = { id: '', version: '' };
      if (item.text === null) {
        fail(item.index, `objects[${item.index}] exceeds ${MAX_OBJECT_BYTES} bytes`);
        continue;
      }
      let object: unknown;
      try {
        object = JSON.parse(item.text);
      } catch {
        fail(item.index, `objects[${item.index}] is not valid JSON`);
        continue;
      }
      if (typeof object !== 'object' || object === null || Array.isArray(object)) {
        fail(item.index, `objects[${item.index}] is not a JSON object`);
        continue;
      }
      details[item.index] = describe(object as Record<string, unknown>);
      const refusal = outsideCollection(viewer, collection, object as Record<string, unknown>);
      if (refusal !== undefined) {
        fail(item.index, refusal);
        continue;
      }
      yield forwarded.length === 0 ? item.text : `,${item.text}`;
      forwarded.push(item.index);
    }
    yield ']}';
  }

  const onResult = (r: ObjectResult) => {
    const index = forwarded[r.index] ?? r.index;
    const detail = details[index] ?? { id: r.id ?? '', version: '' };
    if (r.status === 'created') successes.push(detail);
    else if (r.status === 'duplicate') successes.push({ ...detail, message: 'already stored' });
    else {
      // The importer numbers the objects it was handed; report them by their place in the envelope.
      const path = (p: string) => p.replace(`objects[${r.index}]`, `objects[${index}]`);
      fail(
        index,
        `${r.status}: ${r.errors.map((e) => `${path(e.path)} ${e.code}: ${e.message}`).join('; ')}`,
      );
    }
  };
  const summary = await importStix(store, viewer, asBundle(), {
    source: `taxii:${collection.id}`,
    maxObjectBytes: MAX_OBJECT_BYTES,
    onResult,
  });
  if (summary.fatal !== undefined && successes.length + failures.length === 0)
    throw invalidInput('invalid_envelope', `the body is not a TAXII envelope: ${summary.fatal.message}`);
  return saveStatus(store.db, {
    collectionId: collection.id,
    ownerUser: viewer.userId,
    requestTimestamp,
    successes,
    failures,
  });
}
