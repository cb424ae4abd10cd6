import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicator, malware } from '../../test/factories.js';
import { storeBackends } from '../../test/store-harness.js';
import type { StixObject } from '../stix/types.js';
import type { Store } from '../store/store.js';
import { createCollection } from './taxii-collection.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { TAXII_ACCEPT, taxiiWorld } from './taxii-test-kit.js';
import type { TaxiiWorld } from './taxii-test-kit.js';

const CT = 'application/taxii+json;version=2.1';

describe.each(storeBackends())('TAXII POST, status and DELETE on $name', (backend) => {
  let store: Store;
  let w: TaxiiWorld;
  let all: TaxiiCollection;

  beforeEach(async () => {
    store = await backend.open();
    w = await taxiiWorld(store);
    all = await createCollection(store, w.admin.viewer, { title: 'All' });
  });
  afterEach(async () => {
    await w.app.close();
    await store.close();
  });

  const post = (auth: string | undefined, payload: string, c = all.id, contentType = CT) =>
    w.app.inject({
      method: 'POST',
      url: `/taxii2/api/collections/${c}/objects/`,
      headers: {
        ...TAXII_ACCEPT,
        'content-type': contentType,
        ...(auth === undefined ? {} : { authorization: auth }),
      },
      payload,
    });
  const envelope = (objects: unknown[]) => JSON.stringify({ objects });

  it('imports an envelope and answers 202 with a status only its sender can read', async () => {
    const good = indicator();
    const bad = indicator();
    delete bad.pattern;
    const res = await post(w.telecom.bearer, envelope([good, bad, malware()]));
    expect(res.statusCode).toBe(202);
    expect(res.headers['content-type']).toBe(CT);
    const status = res.json();
    expect(status).toMatchObject({
      status: 'complete',
      total_count: 3,
      success_count: 2,
      failure_count: 1,
      pending_count: 0,
      pendings: [],
    });
    expect(status.successes[0]).toEqual({ id: good.id, version: good.modified });
    expect(status.failures[0]).toMatchObject({ id: bad.id, version: bad.modified });
    expect(status.failures[0].message).toMatch(/^invalid: objects\[1\]/);

    const again = await w.app.inject({
      method: 'GET',
      url: `/taxii2/api/status/${status.id}/`,
      headers: { ...TAXII_ACCEPT, authorization: w.telecom.basic },
    });
    expect(again.json()).toEqual(status);
    for (const auth of [w.police.bearer, w.admin.bearer]) {
      const other = await w.app.inject({
        method: 'GET',
        url: `/taxii2/api/status/${status.id}/`,
        headers: { ...TAXII_ACCEPT, authorization: auth },
      });
      expect(other.statusCode).toBe(404);
    }
    const anon = await w.app.inject({
      method: 'GET',
      url: `/taxii2/api/status/${status.id}/`,
      headers: TAXII_ACCEPT,
    });
    expect(anon.statusCode).toBe(401);

    const objects = await w.app.inject({
      method: 'GET',
      url: `/taxii2/api/collections/${all.id}/objects/`,
      headers: { ...TAXII_ACCEPT, authorization: w.police.bearer },
    });
    expect(objects.json().objects).toHaveLength(2);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'target']).execute();
    expect(audit).toContainEqual({ action: 'object.import', target: `taxii:${all.id}` });
  });

  it('reports duplicates as successes and applies the write rules of every import', async () => {
    const object = indicator();
    await post(w.telecom.bearer, envelope([object]));
    const dup = (await post(w.telecom.bearer, envelope([object]))).json();
    expect(dup.successes).toEqual([{ id: object.id, version: object.modified, message: 'already stored' }]);
    // Someone else's created_by_ref is refused for a contributor, as on every import path.
    const foreign = indicator({ created_by_ref: w.orgs.police });
    const refused = (await post(w.telecom.bearer, envelope([foreign]))).json();
    expect(refused.failures[0].message).toMatch(/^refused|^invalid/);
    expect(refused.failures[0].message).toContain('created_by');
  });

  it('refuses objects outside the collection filter, and keeps the rest', async () => {
    const onlyMalware = await createCollection(store, w.admin.viewer, {
      title: 'malware',
      filter: { types: ['malware'] },
    });
    const m = malware();
    const status = (await post(w.telecom.bearer, envelope([indicator(), m]), onlyMalware.id)).json();
    expect(status.success_count).toBe(1);
    expect(status.successes[0].id).toBe(m.id);
    expect(status.failures[0].message).toContain('outside this collection');
  });

  it('refuses callers who may not write: 401 anonymous, 403 reader, read-only key or role', async () => {
    const adminsOnly = await createCollection(store, w.admin.viewer, { title: 'a', can_write: ['admin'] });
    const payload = envelope([indicator()]);
    expect((await post(undefined, payload)).statusCode).toBe(401);
    expect((await post(w.reader.bearer, payload)).statusCode).toBe(403);
    expect((await post(w.readOnly.bearer, payload)).statusCode).toBe(403);
    const denied = await post(w.telecom.bearer, payload, adminsOnly.id);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ http_status: '403' });
    expect((await post(w.admin.bearer, payload, adminsOnly.id)).statusCode).toBe(202);
  });

  it('answers 415 for other content types and 400 for a body that is no envelope', async () => {
    for (const ct of ['application/json', 'text/plain', 'application/taxii+json;version=2.0']) {
      const res = await post(w.telecom.bearer, envelope([indicator()]), all.id, ct);
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ http_status: '415' });
    }
    expect(
      (await post(w.telecom.bearer, envelope([indicator()]), all.id, 'application/stix+json;version=2.1'))
        .statusCode,
    ).toBe(202);
    const broken = await post(w.telecom.bearer, '{"objects": [ {"type": ');
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error_code: 'invalid_envelope' });
    const empty = await post(w.telecom.bearer, '{}');
    expect(empty.json()).toMatchObject({ total_count: 0, success_count: 0 });
  });

  it('deletes objects for their owner, and only whole objects', async () => {
    const mine = indicator();
    await post(w.telecom.bearer, envelope([mine, { ...mine, modified: '2026-05-01T00:00:00.000Z' }]));
    const del = (auth: string, id: string, q = '') =>
      w.app.inject({
        method: 'DELETE',
        url: `/taxii2/api/collections/${all.id}/objects/${id}/${q}`,
        headers: { ...TAXII_ACCEPT, authorization: auth },
      });
    expect((await del(w.telecom.bearer, mine.id, '?match[version]=first')).statusCode).toBe(400);
    expect((await del(w.police.bearer, mine.id)).statusCode).toBe(403);
    expect((await del(w.reader.bearer, mine.id)).statusCode).toBe(403);
    const ok = await del(w.telecom.bearer, mine.id);
    expect(ok.statusCode).toBe(200);
    const gone = await w.app.inject({
      method: 'GET',
      url: `/taxii2/api/collections/${all.id}/objects/${mine.id}/`,
      headers: { ...TAXII_ACCEPT, authorization: w.telecom.bearer },
    });
    expect(gone.statusCode).toBe(404);
    expect((await del(w.telecom.bearer, mine.id)).statusCode).toBe(404);
  });

  it('never deletes an object the caller cannot see, and says it is not there', async () => {
    const hidden: StixObject = indicator();
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/v1/bundles?distribution=organisation`,
      headers: { authorization: w.police.bearer, 'content-type': 'application/json' },
      payload: JSON.stringify({
        type: 'bundle',
        id: 'bundle--6b8a2a9e-0b5c-4a5e-9b3c-3f1c1d2e4f50',
        objects: [hidden],
      }),
    });
    expect(res.statusCode).toBe(200);
    const del = await w.app.inject({
      method: 'DELETE',
      url: `/taxii2/api/collections/${all.id}/objects/${hidden.id}/`,
      headers: { ...TAXII_ACCEPT, authorization: w.telecom.bearer },
    });
    expect(del.statusCode).toBe(404);
  });
});
