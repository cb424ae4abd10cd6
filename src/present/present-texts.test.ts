import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, malware, orgId, relationship, userViewer } from '../../test/factories.js';
import { addOrg, importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import type { Distribution } from '../policy/distribution.js';
import { TLP2_MARKING_IDS } from '../policy/markings.js';
import type { UserViewer, Viewer } from '../policy/viewer.js';
import type { StixObject } from '../stix/types.js';
import { listAllVersions } from '../store/objects/read-objects.js';
import type { StoredVersion } from '../store/objects/read-objects.js';
import type { Store } from '../store/store.js';
import { presentVersions } from './present-objects.js';
import { presentTexts } from './present-texts.js';
import { deleteObject } from '../store/objects/delete-object.js';
import { deletionEpoch } from '../store/objects/visible-id-cache.js';

describe.each(storeBackends())('presentTexts on $name', (backend) => {
  let store: Store;
  let owner: UserViewer;
  let other: UserViewer;
  let admin: UserViewer;
  let hidden: StixObject;
  let shared: StixObject;

  async function put(objects: StixObject[], distribution: Distribution, writer = owner) {
    const { summary } = await importText(store, writer, bundle(objects), { distribution });
    expect(summary.created).toBe(objects.length);
  }

  /** Every version `viewer` may see, as the TAXII page reader hands them over. */
  async function visibleTo(viewer: Viewer): Promise<StoredVersion[]> {
    return (await listAllVersions(store.db, viewer, {}, { limit: 1000 })).items;
  }

  /** What the parse-and-redact presenter gives, serialised: the reference presentTexts must match. */
  async function reference(viewer: Viewer, versions: StoredVersion[]): Promise<string[]> {
    return (await presentVersions(store.db, viewer, versions)).map((p) => JSON.stringify(p.object));
  }

  beforeEach(async () => {
    store = await backend.open();
    const a = orgId();
    const b = orgId();
    await addOrg(store, a);
    await addOrg(store, b);
    owner = userViewer(a);
    other = userViewer(b);
    admin = userViewer(b, 'admin');
    hidden = malware({ name: 'owner only' });
    shared = malware({ name: 'shared' });
    await put([hidden], 'organisation');
    await put([shared], 'community');
  });
  afterEach(async () => {
    await store.close();
  });

  it('returns the stored text itself when nothing needs redacting', async () => {
    const plain = indicator({ name: 'plain' });
    const linked = relationship(plain.id, shared.id, { object_marking_refs: [TLP2_MARKING_IDS.green] });
    await put([plain, linked], 'community');
    const versions = (await visibleTo(other)).filter((v) => v.id === plain.id || v.id === linked.id);
    expect(versions).toHaveLength(2);
    const texts = await presentTexts(store.db, other, versions);
    // The very string read from the store: not parsed and serialised again.
    for (const [i, text] of texts.entries()) expect(text).toBe(versions[i]!.data);
    expect(texts).toEqual(await reference(other, versions));
  });

  it('still redacts a reference to a hidden object, as presentVersions does', async () => {
    const rel = relationship(shared.id, hidden.id);
    const nested = indicator({
      name: 'nested',
      extensions: {
        'x-accord-test-ext': { extension_type: 'property-extension', about_refs: [hidden.id, shared.id] },
      },
    });
    await put([rel, nested], 'community');
    const versions = await visibleTo(other);
    const texts = await presentTexts(store.db, other, versions);
    expect(texts).toEqual(await reference(other, versions));
    const byId = new Map(versions.map((v, i) => [v.id, JSON.parse(texts[i]!) as StixObject]));
    expect(byId.get(rel.id)).not.toHaveProperty('target_ref');
    expect(byId.get(rel.id)!.x_accord_redacted).toEqual(['target_ref']);
    expect(JSON.stringify(byId.get(nested.id))).not.toContain(hidden.id);
    expect(texts.join('\n')).not.toContain(hidden.id);
    // The owner and an administrator read the same objects as written.
    for (const viewer of [owner, admin]) {
      const own = await visibleTo(viewer);
      expect(await presentTexts(store.db, viewer, own)).toEqual(own.map((v) => v.data));
    }
  });

  it('removes granular-marked fields and handles texts the scan cannot read, as presentVersions does', async () => {
    const granular = indicator({
      name: 'granular',
      description: 'amber detail',
      granular_markings: [{ selectors: ['description'], marking_ref: TLP2_MARKING_IDS.amber }],
    });
    const escaped = relationship(shared.id, shared.id, { description: 'caf\u0001 see \\u0066' });
    await put([granular, escaped], 'community');
    const versions = await visibleTo(other);
    const texts = await presentTexts(store.db, other, versions);
    expect(texts).toEqual(await reference(other, versions));
    const presented = texts.map((t) => JSON.parse(t) as StixObject);
    expect(presented.find((o) => o.id === granular.id)).not.toHaveProperty('description');
    expect(presented.find((o) => o.id === escaped.id)).toEqual(escaped);
  });

  it('decides per object: a hidden reference in one object leaves the others untouched', async () => {
    const objects = Array.from({ length: 20 }, (_, i) =>
      i === 7 ? relationship(shared.id, hidden.id) : relationship(shared.id, shared.id),
    );
    await put(objects, 'community');
    const versions = (await visibleTo(other)).filter((v) => v.type === 'relationship');
    const texts = await presentTexts(store.db, other, versions);
    expect(texts).toEqual(await reference(other, versions));
    const changed = versions.filter((v, i) => texts[i] !== v.data).map((v) => v.id);
    expect(changed).toEqual([objects[7]!.id]);
  });

  it('remembers a version that presents as stored only until a deletion moves the epoch', async () => {
    const target = malware({ name: 'deleted later' });
    await put([target], 'community');
    const linked = relationship(shared.id, target.id);
    await put([linked], 'community');
    // The same version objects each time, as the TAXII text cache hands them over.
    const versions = (await visibleTo(other)).filter((v) => v.id === linked.id);
    const epoch = await deletionEpoch(store.db);
    expect(await presentTexts(store.db, other, versions, { epoch })).toEqual([versions[0]!.data]);
    expect(await presentTexts(store.db, other, versions, { epoch })).toEqual([versions[0]!.data]);

    await deleteObject(store, owner, target.id, null);
    const after = await deletionEpoch(store.db);
    expect(after).toBe(epoch + 1);
    const texts = await presentTexts(store.db, other, versions, { epoch: after });
    expect(texts).toEqual(await reference(other, versions));
    expect(JSON.parse(texts[0]!)).toMatchObject({ x_accord_redacted: ['target_ref'] });
    // Another audience never borrows the finding: the owner reads the version unredacted anyway,
    // and a second organisation's viewer is checked afresh.
    expect(await presentTexts(store.db, owner, versions, { epoch: after })).toEqual([versions[0]!.data]);
    expect(await presentTexts(store.db, other, versions, { epoch: after })).toEqual(texts);
  });
});
