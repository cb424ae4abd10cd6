import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, relationship } from '../../test/factories.js';
import { importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import type { Distribution } from '../policy/distribution.js';
import type { UserViewer } from '../policy/viewer.js';
import type { StixObject } from '../stix/types.js';
import { deleteObject } from '../store/objects/delete-object.js';
import type { Store } from '../store/store.js';
import { createCollection } from './taxii-collection.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { TAXII_ACCEPT, taxiiWorld } from './taxii-test-kit.js';
import type { TaxiiWorld } from './taxii-test-kit.js';

describe.each(storeBackends())('TAXII answers cut to each caller’s audience on $name', (backend) => {
  let store: Store;
  let w: TaxiiWorld;
  let all: TaxiiCollection;
  let pub: TaxiiCollection;
  const made: Record<string, StixObject> = {};

  async function seed(
    writer: UserViewer,
    name: string,
    distribution: Distribution,
    extra: Partial<StixObject> = {},
  ) {
    const object = indicator({ name, ...extra });
    const { summary } = await importText(store, writer, bundle([object]), { distribution });
    expect(summary.created).toBe(1);
    made[name] = object;
    return object;
  }

  beforeEach(async () => {
    store = await backend.open();
    w = await taxiiWorld(store);
    all = await createCollection(store, w.admin.viewer, { title: 'All' });
    pub = await createCollection(store, w.admin.viewer, { title: 'Public', public: true });
    await seed(w.telecom.viewer, 'telecom-only', 'organisation');
    await seed(w.telecom.viewer, 'ops-group', `group:${w.groupId}`);
    await seed(w.telecom.viewer, 'community', 'community');
    await seed(w.telecom.viewer, 'public', 'public');
    await seed(w.police.viewer, 'police-only', 'organisation');
    await seed(w.peer.viewer, 'peer-only', 'organisation');
  });
  afterEach(async () => {
    await w.app.close();
    await store.close();
  });

  const get = (url: string, auth?: string) =>
    w.app.inject({
      method: 'GET',
      url,
      headers: { ...TAXII_ACCEPT, ...(auth === undefined ? {} : { authorization: auth }) },
    });

  /** Follows `next` one object at a time, as a client would, and returns every name seen. */
  async function pullNames(
    c: TaxiiCollection,
    auth: string | undefined,
    endpoint = 'objects',
  ): Promise<string[]> {
    const seen: string[] = [];
    let next: string | undefined;
    for (;;) {
      const res = await get(
        `/taxii2/api/collections/${c.id}/${endpoint}/?limit=1&match[version]=all${next === undefined ? '' : `&next=${next}`}`,
        auth,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      for (const o of body.objects ?? []) {
        const id = String(o.id);
        seen.push(
          endpoint === 'objects' ? String(o.name) : Object.keys(made).find((k) => made[k]!.id === id)!,
        );
      }
      if (body.more !== true) return seen.sort();
      next = body.next;
    }
  }

  it('gives two users pulling the same collection exactly their visible sets, in objects and manifests', async () => {
    const expected = {
      telecom: ['community', 'ops-group', 'public', 'telecom-only'],
      police: ['community', 'ops-group', 'police-only', 'public'],
      peer: ['community', 'peer-only', 'public'],
    };
    for (const [who, names] of Object.entries(expected)) {
      const auth = w[who as keyof typeof expected].bearer;
      expect(await pullNames(all, auth)).toEqual(names);
      expect(await pullNames(all, auth, 'manifest')).toEqual(names);
    }
  });

  it('answers 404 alike for hidden and missing objects, on every per-object endpoint', async () => {
    const hidden = made['telecom-only']!.id;
    const missing = 'indicator--11111111-2222-4333-8444-555555555555';
    for (const id of [hidden, missing]) {
      for (const suffix of ['', 'versions/']) {
        const res = await get(`/taxii2/api/collections/${all.id}/objects/${id}/${suffix}`, w.police.bearer);
        expect(res.statusCode).toBe(404);
        expect(res.json().title).toBe(`object ${id} in collection ${all.id} not found`);
      }
    }
    const byId = await get(`/taxii2/api/collections/${all.id}/objects/?match[id]=${hidden}`, w.police.bearer);
    expect(byId.json()).toEqual({ more: false });
    expect(byId.headers['x-taxii-date-added-first']).toBeUndefined();
  });

  it('keeps a newer version sent to a narrower audience out of versions and manifests', async () => {
    const shared = made.community!;
    await importText(
      store,
      w.telecom.viewer,
      bundle([{ ...shared, modified: '2026-06-01T00:00:00.000Z', name: 'internal' }]),
      {
        distribution: 'organisation',
      },
    );
    const versions = await get(
      `/taxii2/api/collections/${all.id}/objects/${shared.id}/versions/`,
      w.peer.bearer,
    );
    expect(versions.json()).toEqual({ more: false, versions: [shared.modified] });
    const own = await get(
      `/taxii2/api/collections/${all.id}/objects/${shared.id}/versions/`,
      w.telecom.bearer,
    );
    expect(own.json().versions).toEqual([shared.modified, '2026-06-01T00:00:00.000Z']);
    const last = await get(`/taxii2/api/collections/${all.id}/objects/${shared.id}/`, w.peer.bearer);
    expect(last.json().objects.map((o: StixObject) => o.name)).toEqual(['community']);
    const text = (await get(`/taxii2/api/collections/${all.id}/manifest/?match[version]=all`, w.peer.bearer))
      .body;
    expect(text).not.toContain('2026-06-01');
  });

  it('redacts references to objects the caller cannot see', async () => {
    const rel = relationship(made.community!.id, made['telecom-only']!.id);
    await importText(store, w.telecom.viewer, bundle([rel]), { distribution: 'community' });
    const peerText = (await get(`/taxii2/api/collections/${all.id}/objects/`, w.peer.bearer)).body;
    expect(peerText).not.toContain(made['telecom-only']!.id);
    const ownText = (await get(`/taxii2/api/collections/${all.id}/objects/`, w.telecom.bearer)).body;
    expect(ownText).toContain(made['telecom-only']!.id);
  });

  it('sends objects that need no redaction byte for byte as stored, and still redacts the others', async () => {
    const plain = relationship(made.community!.id, made.public!.id);
    const leaking = relationship(made.community!.id, made['telecom-only']!.id);
    await importText(store, w.telecom.viewer, bundle([plain, leaking]), { distribution: 'community' });
    const stored = async (id: string) =>
      (await store.db.selectFrom('objects').select('data').where('id', '=', id).executeTakeFirstOrThrow())
        .data;
    const res = await get(
      `/taxii2/api/collections/${all.id}/objects/?match[type]=relationship`,
      w.peer.bearer,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/taxii+json;version=2.1');
    // The envelope is exactly what serialising it would give, with the plain object's stored text in it.
    expect(res.body).toBe(JSON.stringify(res.json()));
    expect(res.body).toContain(await stored(plain.id));
    const leaked = (res.json().objects as StixObject[]).find((o) => o.id === leaking.id)!;
    expect(leaked).not.toHaveProperty('target_ref');
    expect(leaked.x_accord_redacted).toEqual(['target_ref']);
    expect(res.body).not.toContain(made['telecom-only']!.id);
    // The owner reads both as written.
    const own = await get(
      `/taxii2/api/collections/${all.id}/objects/?match[type]=relationship`,
      w.telecom.bearer,
    );
    expect(own.body).toContain(await stored(leaking.id));
  });

  it('stops sending a reference as soon as its target is deleted, though earlier pages were cached', async () => {
    const target = await seed(w.telecom.viewer, 'deleted-later', 'community');
    const rel = relationship(made.community!.id, target.id);
    await importText(store, w.telecom.viewer, bundle([rel]), { distribution: 'community' });
    const page = async () =>
      (
        (
          await get(`/taxii2/api/collections/${all.id}/objects/?match[type]=relationship`, w.peer.bearer)
        ).json().objects as StixObject[]
      ).find((o) => o.id === rel.id)!;
    // Twice: the second answer comes from the caches of granted ids and of texts found presentable.
    expect((await page()).target_ref).toBe(target.id);
    expect((await page()).target_ref).toBe(target.id);
    await deleteObject(store, w.telecom.viewer, target.id, null);
    const after = await page();
    expect(after).not.toHaveProperty('target_ref');
    expect(after.x_accord_redacted).toEqual(['target_ref']);
  });

  it('lets a push status reveal nothing about objects the sender cannot see', async () => {
    const hidden = made['telecom-only']!;
    const res = await w.app.inject({
      method: 'POST',
      url: `/taxii2/api/collections/${all.id}/objects/`,
      headers: {
        ...TAXII_ACCEPT,
        'content-type': 'application/taxii+json;version=2.1',
        authorization: w.peer.bearer,
      },
      payload: JSON.stringify({ objects: [hidden] }),
    });
    // Same id and version as telecom's hidden copy: created in peer's own lineage, not "already stored".
    expect(res.json().successes).toEqual([{ id: hidden.id, version: hidden.modified }]);
  });

  it('stays correct while objects are added between pages', async () => {
    const first = await get(`/taxii2/api/collections/${all.id}/objects/?limit=2`, w.telecom.bearer);
    const page1 = first.json();
    expect(page1.more).toBe(true);
    const lastAdded = first.headers['x-taxii-date-added-last'] as string;
    await seed(w.telecom.viewer, 'late-1', 'community');
    await seed(w.telecom.viewer, 'late-2', 'community');
    const seen = page1.objects.map((o: StixObject) => o.name);
    let next: string | undefined = page1.next;
    while (next !== undefined) {
      const body = (
        await get(`/taxii2/api/collections/${all.id}/objects/?limit=2&next=${next}`, w.telecom.bearer)
      ).json();
      seen.push(...body.objects.map((o: StixObject) => o.name));
      next = body.more === true ? body.next : undefined;
    }
    expect(seen.sort()).toEqual(['community', 'late-1', 'late-2', 'ops-group', 'public', 'telecom-only']);
    // A client resuming from the header instead of the token sees the same rest.
    const resumed = (
      await get(`/taxii2/api/collections/${all.id}/objects/?added_after=${lastAdded}`, w.telecom.bearer)
    ).json();
    const page1Names = page1.objects.map((o: StixObject) => o.name);
    const everything = ['community', 'late-1', 'late-2', 'ops-group', 'public', 'telecom-only'];
    expect(resumed.objects.map((o: StixObject) => o.name).sort()).toEqual(
      everything.filter((n) => !page1Names.includes(n)),
    );
  });

  it('serves a public collection anonymously with public objects only, and refuses the others', async () => {
    expect(await pullNames(pub, undefined)).toEqual(['public']);
    expect(await pullNames(pub, undefined, 'manifest')).toEqual(['public']);
    expect(await pullNames(pub, w.peer.bearer)).toEqual(['community', 'peer-only', 'public']);
    const refused = await get(`/taxii2/api/collections/${all.id}/objects/`);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ http_status: '401' });
    expect((await get(`/taxii2/api/collections/${all.id}/manifest/`)).statusCode).toBe(401);
    const post = await w.app.inject({
      method: 'POST',
      url: `/taxii2/api/collections/${pub.id}/objects/`,
      headers: { ...TAXII_ACCEPT, 'content-type': 'application/taxii+json;version=2.1' },
      payload: '{"objects":[]}',
    });
    expect(post.statusCode).toBe(401);
  });
});
