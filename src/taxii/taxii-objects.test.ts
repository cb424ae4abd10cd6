import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, malware, T0 } from '../../test/factories.js';
import { importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import type { StixObject } from '../stix/types.js';
import type { Store } from '../store/store.js';
import { createCollection } from './taxii-collection.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { TAXII_ACCEPT, taxiiWorld } from './taxii-test-kit.js';
import type { TaxiiWorld } from './taxii-test-kit.js';

const V2 = '2026-02-01T00:00:00.000Z';
const V3 = '2026-03-01T00:00:00.000Z';
const ids = (body: { objects?: Array<{ id: string }> }) => (body.objects ?? []).map((o) => o.id);

describe.each(storeBackends())('TAXII objects, manifest and versions on $name', (backend) => {
  let store: Store;
  let w: TaxiiWorld;
  let all: TaxiiCollection;
  let versioned: StixObject;
  let seeded: StixObject[];

  beforeEach(async () => {
    store = await backend.open();
    w = await taxiiWorld(store);
    all = await createCollection(store, w.admin.viewer, { title: 'All' });
    versioned = indicator({ name: 'v1', labels: ['phishing'] });
    seeded = [versioned, malware({ labels: ['botnet'] }), indicator({ name: 'other' })];
    await importText(store, w.telecom.viewer, bundle(seeded), { distribution: 'community' });
    await importText(store, w.telecom.viewer, bundle([{ ...versioned, modified: V2, name: 'v2' }]), {
      distribution: 'community',
    });
    await importText(store, w.telecom.viewer, bundle([{ ...versioned, modified: V3, name: 'v3' }]), {
      distribution: 'community',
    });
  });
  afterEach(async () => {
    await w.app.close();
    await store.close();
  });

  const get = (url: string, auth: string = w.police.bearer, accept = TAXII_ACCEPT.accept) =>
    w.app.inject({ method: 'GET', url, headers: { accept, authorization: auth } });
  const objects = (query = '', c = all.id) => get(`/taxii2/api/collections/${c}/objects/${query}`);

  it('returns the newest version of each object in an envelope, with date-added headers', async () => {
    const res = await objects();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/taxii+json;version=2.1');
    const body = res.json();
    expect(body.more).toBe(false);
    expect(body.next).toBeUndefined();
    expect(ids(body).sort()).toEqual(seeded.map((o) => o.id).sort());
    expect(body.objects.find((o: StixObject) => o.id === versioned.id).name).toBe('v3');
    const manifest = (await get(`/taxii2/api/collections/${all.id}/manifest/`)).json();
    const added = manifest.objects.map((m: { date_added: string }) => m.date_added).sort();
    expect(res.headers['x-taxii-date-added-first']).toBe(added[0]);
    expect(res.headers['x-taxii-date-added-last']).toBe(added.at(-1));
  });

  it('serves the STIX media type when asked for it', async () => {
    const res = await get(
      `/taxii2/api/collections/${all.id}/objects/`,
      w.police.bearer,
      'application/stix+json;version=2.1',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/stix+json;version=2.1');
    const manifest = await get(
      `/taxii2/api/collections/${all.id}/manifest/`,
      w.police.bearer,
      'application/stix+json',
    );
    expect(manifest.statusCode).toBe(406);
  });

  it('filters on match[type], match[id] and added_after', async () => {
    expect(ids((await objects('?match[type]=malware')).json())).toEqual([seeded[1]!.id]);
    expect(ids((await objects(`?match[id]=${seeded[2]!.id},${seeded[1]!.id}`)).json()).sort()).toEqual(
      [seeded[1]!.id, seeded[2]!.id].sort(),
    );
    const manifest = (await get(`/taxii2/api/collections/${all.id}/manifest/?match[version]=all`)).json();
    const dates = manifest.objects.map((m: { date_added: string }) => m.date_added);
    // Versions v2 and v3 were added last; after the first three rows only they remain (v3 is the last).
    const after = (await objects(`?added_after=${dates[2]}&match[version]=all`)).json();
    expect(after.objects.map((o: StixObject) => o.name)).toEqual(['v2', 'v3']);
    expect((await objects(`?added_after=${dates.at(-1)}`)).json()).toEqual({ more: false });
    expect((await objects('?match[type]=campaign')).json()).toEqual({ more: false });
  });

  it('applies match[version] last, first, all, a timestamp and combinations', async () => {
    const names = async (q: string): Promise<unknown[]> =>
      ((await objects(`?match[id]=${versioned.id}&${q}`)).json().objects ?? []).map(
        (o: StixObject) => o.name,
      ) as unknown[];
    expect(await names('')).toEqual(['v3']);
    expect(await names('match[version]=last')).toEqual(['v3']);
    expect(await names('match[version]=first')).toEqual(['v1']);
    expect(await names('match[version]=all')).toEqual(['v1', 'v2', 'v3']);
    expect(await names(`match[version]=${V2}`)).toEqual(['v2']);
    expect(await names('match[version]=2026-02-01T00:00:00Z')).toEqual(['v2']);
    expect(await names('match[version]=first,last')).toEqual(['v1', 'v3']);
    expect(await names(`match[version]=first&match[version]=${V2}`)).toEqual(['v1', 'v2']);
    expect(await names('match[version]=2020-01-01T00:00:00Z')).toEqual([]);
    expect((await objects('?match[version]=newest')).statusCode).toBe(400);
  });

  it('matches spec_version 2.1 only', async () => {
    expect(ids((await objects('?match[spec_version]=2.1')).json())).toHaveLength(3);
    expect((await objects('?match[spec_version]=2.0')).json()).toEqual({ more: false });
    expect(ids((await objects('?match[spec_version]=2.0,2.1')).json())).toHaveLength(3);
  });

  it('pages with limit, more and next, and refuses tokens it did not issue', async () => {
    const seen: string[] = [];
    let url = '?limit=2&match[version]=all';
    let pages = 0;
    for (;;) {
      const res = await objects(url);
      const body = res.json();
      pages++;
      seen.push(...body.objects.map((o: StixObject) => `${o.id}@${String(o.modified)}`));
      expect(body.objects.length).toBeLessThanOrEqual(2);
      if (!body.more) {
        expect(body.next).toBeUndefined();
        break;
      }
      url = `?limit=2&match[version]=all&next=${body.next}`;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect((await objects('?next=Zm9v')).statusCode).toBe(400);
    expect((await objects('?limit=0')).json()).toMatchObject({
      http_status: '400',
      error_code: 'invalid_parameter',
    });
  });

  it('lists manifest records with id, date_added, version and media type', async () => {
    const res = await get(
      `/taxii2/api/collections/${all.id}/manifest/?match[id]=${versioned.id}&match[version]=all`,
    );
    expect(res.statusCode).toBe(200);
    const records = res.json().objects;
    expect(records.map((r: { version: string }) => r.version)).toEqual([T0, V2, V3]);
    expect(records[0]).toEqual({
      id: versioned.id,
      date_added: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/) as unknown,
      version: T0,
      media_type: 'application/stix+json;version=2.1',
    });
    expect(res.headers['x-taxii-date-added-last']).toBe(records[2].date_added);
  });

  it('serves one object, its versions, and 404 for what is not there', async () => {
    const one = await get(`/taxii2/api/collections/${all.id}/objects/${versioned.id}/`);
    expect(one.json().objects.map((o: StixObject) => o.name)).toEqual(['v3']);
    const every = await get(
      `/taxii2/api/collections/${all.id}/objects/${versioned.id}/?match[version]=all&limit=2`,
    );
    expect(every.json()).toMatchObject({ more: true });
    expect(every.json().objects.map((o: StixObject) => o.name)).toEqual(['v1', 'v2']);
    const versions = await get(`/taxii2/api/collections/${all.id}/objects/${versioned.id}/versions/`);
    expect(versions.json()).toEqual({ more: false, versions: [T0, V2, V3] });
    const ignored = await get(
      `/taxii2/api/collections/${all.id}/objects/${versioned.id}/versions/?match[version]=first`,
    );
    expect(ignored.json()).toEqual({ more: false, versions: [T0, V2, V3] });
    expect(versions.headers['x-taxii-date-added-first']).toBeDefined();
    const paged = await get(`/taxii2/api/collections/${all.id}/objects/${versioned.id}/versions/?limit=1`);
    expect(paged.json()).toMatchObject({ more: true, versions: [T0] });
    const rest = await get(
      `/taxii2/api/collections/${all.id}/objects/${versioned.id}/versions/?limit=5&next=${paged.json().next}`,
    );
    expect(rest.json()).toEqual({ more: false, versions: [V2, V3] });
    const absent = 'indicator--00000000-0000-4000-8000-000000000000';
    expect((await get(`/taxii2/api/collections/${all.id}/objects/${absent}/`)).statusCode).toBe(404);
    expect((await get(`/taxii2/api/collections/${all.id}/objects/${absent}/versions/`)).statusCode).toBe(404);
    expect((await get(`/taxii2/api/collections/nope/objects/`)).statusCode).toBe(404);
  });

  it('narrows to the collection filter: types, labels, markings and owners', async () => {
    const green = indicator({
      name: 'green',
      object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
    });
    const policeOwn = malware({ name: 'police-made', labels: ['phishing-kit'] });
    await importText(store, w.telecom.viewer, bundle([green]), { distribution: 'community' });
    await importText(store, w.police.viewer, bundle([policeOwn]), { distribution: 'community' });
    const make = (filter: Record<string, string[]>) =>
      createCollection(store, w.admin.viewer, { title: 'f', filter });
    const names = async (c: TaxiiCollection): Promise<unknown[]> =>
      (((await objects('', c.id)).json().objects ?? []) as StixObject[]).map((o) => o.name).sort();
    expect(await names(await make({ types: ['malware'] }))).toEqual(['Emotet', 'police-made']);
    // "phishing-kit" contains "phishing" as text: the exact check keeps only the real label.
    expect(await names(await make({ labels: ['phishing'] }))).toEqual(['v3']);
    expect(await names(await make({ markings: ['tlp:green'] }))).toEqual(['green']);
    expect(await names(await make({ owners: [w.orgs.police] }))).toEqual(['police-made']);
    const manifest = await get(
      `/taxii2/api/collections/${(await make({ labels: ['botnet'] })).id}/manifest/`,
    );
    expect(manifest.json().objects).toHaveLength(1);
  });
});
