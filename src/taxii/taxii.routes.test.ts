import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import type { Store } from '../store/store.js';
import { createCollection } from './taxii-collection.js';
import { TAXII_ACCEPT, taxiiWorld } from './taxii-test-kit.js';
import type { TaxiiWorld } from './taxii-test-kit.js';

describe.each(storeBackends())('TAXII discovery, API root, collections and errors on $name', (backend) => {
  let store: Store;
  let w: TaxiiWorld;

  beforeEach(async () => {
    store = await backend.open();
    w = await taxiiWorld(store, { ACCORD_TAXII_TITLE: 'Joint op', ACCORD_MAX_BODY_BYTES: '123456' });
  });
  afterEach(async () => {
    await w.app.close();
    await store.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    w.app.inject({ method: 'GET', url, headers: { ...TAXII_ACCEPT, ...headers } });

  it('serves discovery and the API root, with or without a trailing slash, to anyone', async () => {
    for (const url of ['/taxii2/', '/taxii2']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/taxii+json;version=2.1');
      expect(res.json()).toEqual({
        title: 'Joint op',
        description: 'Threat intelligence shared through Accord',
        default: 'http://accord.test/taxii2/api/',
        api_roots: ['http://accord.test/taxii2/api/'],
      });
    }
    const root = await get('/taxii2/api/');
    expect(root.json()).toEqual({
      title: 'Joint op',
      description: 'Threat intelligence shared through Accord',
      versions: ['application/taxii+json;version=2.1'],
      max_content_length: 123456,
    });
  });

  it('answers 406 for an Accept it cannot serve, as a TAXII error message', async () => {
    const res = await get('/taxii2/', { accept: 'application/taxii+json;version=2.0' });
    expect(res.statusCode).toBe(406);
    expect(res.headers['content-type']).toBe('application/taxii+json;version=2.1');
    expect(res.json()).toMatchObject({ http_status: '406', error_code: 'not_acceptable' });
    expect(typeof res.json().title).toBe('string');
    expect((await get('/taxii2/api/collections/', { accept: 'application/json' })).statusCode).toBe(406);
    expect((await get('/taxii2/api/', { accept: '*/*' })).statusCode).toBe(200);
  });

  it('renders unknown paths and bad credentials as TAXII errors', async () => {
    const missing = await get('/taxii2/api/nowhere/');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ http_status: '404', error_code: 'not_found' });
    const bad = await get('/taxii2/api/collections/', { authorization: 'Bearer nope' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ http_status: '401', error_code: 'unauthorized' });
    const badBasic = await get('/taxii2/api/collections/', {
      authorization: `Basic ${Buffer.from(`${w.telecom.viewer.email}:wrong`).toString('base64')}`,
    });
    expect(badBasic.statusCode).toBe(401);
  });

  it('lists only the collections a caller may use, with their permissions', async () => {
    const open = await createCollection(store, w.admin.viewer, { title: 'Everything', description: 'all' });
    const lawOnly = await createCollection(store, w.admin.viewer, {
      title: 'Admins only',
      can_read: ['admin'],
      can_write: ['admin'],
    });
    const pub = await createCollection(store, w.admin.viewer, {
      title: 'Public',
      public: true,
      alias: 'public',
    });

    const anonymous = await get('/taxii2/api/collections/');
    expect(anonymous.json().collections.map((c: { id: string }) => c.id)).toEqual([pub.id]);
    expect(anonymous.json().collections[0]).toMatchObject({
      can_read: true,
      can_write: false,
      alias: 'public',
    });

    const reader = await get('/taxii2/api/collections/', { authorization: w.reader.basic });
    const readerIds = reader.json().collections.map((c: { id: string }) => c.id);
    expect(readerIds).toEqual([open.id, pub.id]);
    expect(reader.json().collections[0]).toEqual({
      id: open.id,
      title: 'Everything',
      description: 'all',
      can_read: true,
      can_write: false,
      media_types: ['application/stix+json;version=2.1'],
    });

    const telecom = await get('/taxii2/api/collections/', { authorization: w.telecom.bearer });
    expect(telecom.json().collections[0]).toMatchObject({ id: open.id, can_write: true });
    const readOnly = await get(`/taxii2/api/collections/${open.id}/`, { authorization: w.readOnly.bearer });
    expect(readOnly.json()).toMatchObject({ can_read: true, can_write: false });

    const admin = await get('/taxii2/api/collections/', { authorization: w.admin.bearer });
    expect(admin.json().collections).toHaveLength(3);

    expect(
      (await get(`/taxii2/api/collections/${lawOnly.id}/`, { authorization: w.telecom.bearer })).statusCode,
    ).toBe(403);
    expect((await get(`/taxii2/api/collections/${lawOnly.id}/`)).statusCode).toBe(401);
    expect((await get(`/taxii2/api/collections/public/`)).json()).toMatchObject({ id: pub.id });
    expect((await get('/taxii2/api/collections/0000/', { authorization: w.admin.bearer })).statusCode).toBe(
      404,
    );
  });

  it('omits the collections key when there are none', async () => {
    const res = await get('/taxii2/api/collections/', { authorization: w.telecom.bearer });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
  });

  it('lets administrators manage collections over REST, and nobody else', async () => {
    const body = {
      title: 'Phishing',
      filter: { types: ['indicator', 'url'], labels: ['phishing'] },
      can_read: ['admin', 'contributor'],
    };
    const denied = await w.app.inject({
      method: 'POST',
      url: '/api/v1/taxii/collections',
      headers: { authorization: w.telecom.bearer },
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    const created = await w.app.inject({
      method: 'POST',
      url: '/api/v1/taxii/collections',
      headers: { authorization: w.admin.bearer },
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({
      title: 'Phishing',
      filter: body.filter,
      can_read: ['admin', 'contributor'],
      can_write: ['admin', 'org-admin', 'contributor', 'sync'],
      public: false,
      url: `http://accord.test/taxii2/api/collections/${c.id}/`,
    });
    const invalid = await w.app.inject({
      method: 'POST',
      url: '/api/v1/taxii/collections',
      headers: { authorization: w.admin.bearer },
      payload: { title: 'x', filter: { colour: ['red'] } },
    });
    expect(invalid.statusCode).toBe(400);
    const list = await w.app.inject({
      method: 'GET',
      url: '/api/v1/taxii/collections',
      headers: { authorization: w.admin.bearer },
    });
    expect(list.json().collections.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'target', 'outcome']).execute();
    expect(audit).toContainEqual({ action: 'taxii.collection.create', target: c.id, outcome: 'ok' });

    const del = await w.app.inject({
      method: 'DELETE',
      url: `/api/v1/taxii/collections/${c.id}`,
      headers: { authorization: w.admin.bearer },
    });
    expect(del.statusCode).toBe(204);
    expect(
      (await get(`/taxii2/api/collections/${c.id}/`, { authorization: w.admin.bearer })).statusCode,
    ).toBe(404);
    const again = await w.app.inject({
      method: 'DELETE',
      url: `/api/v1/taxii/collections/${c.id}`,
      headers: { authorization: w.admin.bearer },
    });
    expect(again.statusCode).toBe(404);
  });
});
