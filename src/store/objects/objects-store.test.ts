import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, malware, orgId, relationship, userViewer } from '../../../test/factories.js';
import { addOrg, importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import { bundleStream } from '../../present/bundle-stream.js';
import { presentVersions } from '../../present/present-objects.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../store.js';
import { deleteObject } from './delete-object.js';
import { countByType, countCurrent, getVersion, listCurrent, listVersions } from './read-objects.js';

describe.each(storeBackends())('object store on $name', (backend) => {
  let store: Store;
  let telecom: UserViewer;
  let police: UserViewer;
  let peer: UserViewer;
  let admin: UserViewer;

  beforeEach(async () => {
    store = await backend.open();
    const [a, b, c] = [orgId(), orgId(), orgId()];
    for (const id of [a, b, c]) await addOrg(store, id);
    telecom = userViewer(a, 'contributor', ['ops']);
    police = userViewer(b, 'contributor', ['ops']);
    peer = userViewer(c, 'contributor');
    admin = userViewer(a, 'admin');
  });
  afterEach(async () => {
    await store.close();
  });

  it('creates, then reports the same versions as duplicates', async () => {
    const objects = [indicator(), malware()];
    const first = await importText(store, telecom, bundle(objects));
    expect(first.summary).toMatchObject({ total: 2, created: 2, duplicate: 0 });
    const again = await importText(store, telecom, bundle(objects));
    expect(again.summary).toMatchObject({ total: 2, created: 0, duplicate: 2 });
    expect(await countCurrent(store.db, telecom, {})).toBe(2);
  });

  it('keeps every version and serves the newest as current', async () => {
    const v1 = indicator({ name: 'first' });
    const v2 = { ...v1, modified: '2026-02-01T00:00:00.000Z', name: 'second' };
    await importText(store, telecom, bundle([v2]));
    await importText(store, telecom, bundle([v1])); // an older version arriving later
    const current = await getVersion(store.db, police, v1.id);
    expect(JSON.parse(current!.data).name).toBe('second');
    const versions = await listVersions(store.db, police, v1.id);
    expect(versions.map((v) => v.version)).toEqual([v1.modified, v2.modified]);
    expect((await getVersion(store.db, police, v1.id, v1.modified))!.version).toBe(v1.modified);
  });

  it('shows a viewer the newest version they may see when a newer one went to a narrower audience', async () => {
    const v1 = indicator({ name: 'shared' });
    const v2 = { ...v1, modified: '2026-02-01T00:00:00.000Z', name: 'internal' };
    await importText(store, telecom, bundle([v1]), { distribution: 'community' });
    await importText(store, telecom, bundle([v2]), { distribution: 'organisation' });
    expect(JSON.parse((await getVersion(store.db, peer, v1.id))!.data).name).toBe('shared');
    expect(JSON.parse((await getVersion(store.db, telecom, v1.id))!.data).name).toBe('internal');
    expect((await listCurrent(store.db, peer, {}, { limit: 10 })).items).toHaveLength(1);
  });

  it('refuses a version of another organisation’s visible object, but never reveals a hidden one', async () => {
    const shared = indicator();
    await importText(store, telecom, bundle([shared]), { distribution: 'community' });
    const newer = { ...shared, modified: '2026-03-01T00:00:00.000Z' };
    const refused = await importText(store, peer, bundle([newer]));
    expect(refused.results[0]).toMatchObject({ status: 'refused', errors: [{ code: 'not_owner' }] });

    const hidden = indicator();
    await importText(store, telecom, bundle([hidden]), { distribution: 'organisation' });
    const own = await importText(store, peer, bundle([{ ...hidden, modified: '2026-03-01T00:00:00.000Z' }]));
    expect(own.results[0]!.status).toBe('created'); // its own lineage: nothing about telecom's copy leaks
    // Both lineages exist; telecom, seeing both, gets the newest, and it says whose it is.
    expect((await getVersion(store.db, telecom, hidden.id))!.ownerOrg).toBe(peer.orgId);
    expect((await listVersions(store.db, telecom, hidden.id)).map((v) => v.ownerOrg)).toEqual([
      telecom.orgId,
      peer.orgId,
    ]);
  });

  it('stores the same SCO for two organisations, each under its own audience', async () => {
    const ip = {
      type: 'ipv4-addr',
      spec_version: '2.1',
      id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
      value: '198.51.100.3',
    };
    await importText(store, telecom, bundle([ip]), { distribution: 'organisation' });
    const second = await importText(store, police, bundle([ip]), { distribution: 'community' });
    expect(second.results[0]!.status).toBe('created');
    expect(await getVersion(store.db, peer, ip.id)).toBeDefined();
  });

  it('applies TLP rules: an explicit wider distribution is refused, a default one narrows', async () => {
    const amber = indicator({
      object_marking_refs: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'],
    });
    const refused = await importText(store, telecom, bundle([amber]), { distribution: 'community' });
    expect(refused.results[0]).toMatchObject({
      status: 'refused',
      errors: [{ code: 'tlp_exceeds_distribution' }],
    });
    const narrowed = await importText(store, telecom, bundle([amber]));
    expect(narrowed.results[0]!.status).toBe('created');
    expect((await getVersion(store.db, telecom, amber.id))!.distribution).toBe('organisation');
    expect(await getVersion(store.db, peer, amber.id)).toBeUndefined();
    const grouped = indicator({
      object_marking_refs: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'],
    });
    await importText(store, telecom, bundle([grouped]), { distribution: 'group:ops' });
    expect(await getVersion(store.db, police, grouped.id)).toBeDefined();
    expect(await getVersion(store.db, peer, grouped.id)).toBeUndefined();
  });

  it('adds the chosen TLP marking to objects that carry none', async () => {
    const plain = indicator();
    await importText(store, telecom, bundle([plain]), { tlp: 'green' });
    const stored = await getVersion(store.db, telecom, plain.id);
    expect(stored!.tlp).toBe('green');
    expect(JSON.parse(stored!.data).object_marking_refs).toEqual([
      'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
    ]);
  });

  it('refuses writing for another organisation unless admin or sync', async () => {
    const foreign = indicator({ created_by_ref: police.orgId });
    const refused = await importText(store, telecom, bundle([foreign]));
    expect(refused.results[0]).toMatchObject({
      status: 'refused',
      errors: [{ code: 'created_by_mismatch' }],
    });
    const byAdmin = await importText(store, admin, bundle([foreign]), { distribution: 'organisation' });
    expect(byAdmin.results[0]!.status).toBe('created');
    expect((await getVersion(store.db, police, foreign.id))!.ownerOrg).toBe(police.orgId);
  });

  it('refuses group distribution to non-members', async () => {
    const result = await importText(store, peer, bundle([indicator()]), { distribution: 'group:ops' });
    expect(result.results[0]).toMatchObject({ status: 'refused', errors: [{ code: 'not_group_member' }] });
  });

  it('deletes with a tombstone, keeps the rows, and refuses new versions of a deleted lineage', async () => {
    const gone = indicator();
    await importText(store, telecom, bundle([gone]));
    await expect(deleteObject(store, peer, gone.id, null)).rejects.toMatchObject({ code: 'not_owner' });
    await deleteObject(store, telecom, gone.id, 'false positive');
    expect(await getVersion(store.db, telecom, gone.id)).toBeUndefined();
    const rows = await store.db.selectFrom('objects').select('deleted').where('id', '=', gone.id).execute();
    expect(rows).toEqual([{ deleted: 1 }]);
    const tomb = await store.db
      .selectFrom('tombstones')
      .selectAll()
      .where('id', '=', gone.id)
      .executeTakeFirst();
    expect(tomb).toMatchObject({ owner_org: telecom.orgId, reason: 'false positive' });
    const again = await importText(
      store,
      telecom,
      bundle([{ ...gone, modified: '2026-05-01T00:00:00.000Z' }]),
    );
    expect(again.results[0]).toMatchObject({ status: 'refused', errors: [{ code: 'object_deleted' }] });
    await expect(deleteObject(store, telecom, gone.id, null)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('redacts references to objects the viewer cannot see', async () => {
    const secret = malware();
    const ind = indicator();
    const rel = relationship(ind.id, secret.id);
    await importText(store, telecom, bundle([secret]), { distribution: 'organisation' });
    await importText(store, telecom, bundle([ind, rel]), { distribution: 'community' });
    const stored = await getVersion(store.db, peer, rel.id);
    const [seen] = await presentVersions(store.db, peer, [stored!]);
    expect(seen!.object.target_ref).toBeUndefined();
    expect(seen!.object.source_ref).toBe(ind.id);
    expect(seen!.object.x_accord_redacted).toEqual(['target_ref']);
    const [own] = await presentVersions(store.db, telecom, [(await getVersion(store.db, telecom, rel.id))!]);
    expect(own!.object.target_ref).toBe(secret.id);
  });

  it('pages with keyset cursors without gaps or repeats, and counts only what is visible', async () => {
    const objects = Array.from({ length: 25 }, (_, i) => indicator({ name: `n${i}` }));
    await importText(store, telecom, bundle(objects.slice(0, 15)), { distribution: 'community' });
    await importText(store, telecom, bundle(objects.slice(15)), { distribution: 'organisation' });
    const seen: string[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await listCurrent(
        store.db,
        peer,
        {},
        after === undefined ? { limit: 4 } : { after, limit: 4 },
      );
      seen.push(...page.items.map((i) => i.id));
      if (page.next === undefined) break;
      after = page.next;
    }
    expect(seen).toEqual(objects.slice(0, 15).map((o) => o.id));
    expect(await countCurrent(store.db, peer, {})).toBe(15);
    expect(await countCurrent(store.db, telecom, {})).toBe(25);
    expect(await countByType(store.db, peer)).toEqual({ indicator: 15 });
    expect(await countCurrent(store.db, peer, { text: 'N1' })).toBe(6); // n1, n10..n14
  });

  it('round-trips a bundle holding every STIX 2.1 type deep-equal', async () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../../../test/fixtures/every-type.bundle.json', import.meta.url), 'utf8'),
    ) as {
      objects: Array<{ id: string }>;
    };
    const { summary, results } = await importText(store, admin, fixture);
    expect(results.filter((r) => r.status !== 'created')).toEqual([]);
    expect(summary.created).toBe(fixture.objects.length);
    let text = '';
    for await (const chunk of bundleStream(store.db, admin, { filters: {} })) text += chunk;
    const exported = (JSON.parse(text) as { objects: Array<{ id: string }> }).objects;
    const byId = new Map(exported.map((o) => [o.id, o]));
    for (const object of fixture.objects) expect(byId.get(object.id)).toEqual(object);
    expect(exported).toHaveLength(fixture.objects.length);
  });
});
