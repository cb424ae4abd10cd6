import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbound } from '../src/federation/read-outbound.js';
import { reportSighting } from '../src/sightings/report-sighting.js';
import { deleteObject } from '../src/store/objects/delete-object.js';
import type { StixObject } from '../src/stix/types.js';
import { bundle, indicator } from './factories.js';
import { Instance, backendsFor, link } from './federation-harness.js';
import { testUser } from './http-harness.js';
import { importText } from './import-helpers.js';

/** Every stored version of `id` on `i`: version, owner, distribution, TLP, deleted flag, in seq order. */
async function versions(i: Instance, id: string) {
  return i.store.db
    .selectFrom('objects')
    .select(['seq', 'version', 'owner_org', 'distribution', 'tlp', 'deleted', 'data'])
    .where('id', '=', id)
    .orderBy('seq')
    .execute();
}

const live = async (i: Instance, id: string) => (await versions(i, id)).filter((v) => v.deleted === 0);

describe('federation A ↔ B ↔ C on loopback', () => {
  const kinds = backendsFor();
  let a: Instance;
  let b: Instance;
  let c: Instance;
  const group = 'op-ab';

  /** Pulls along the chain until every instance is caught up (both directions). */
  async function sync() {
    for (let round = 0; round < 3; round++) {
      await b.pull(a);
      await c.pull(b);
      await b.pull(c);
      await a.pull(b);
    }
  }

  const write = async (i: Instance, objects: StixObject[], distribution: string, tlp: string) => {
    const r = await importText(i.store, i.user.viewer, bundle(objects), {
      distribution: distribution as 'federation',
      tlp: tlp as 'green',
    });
    expect(r.results.map((x) => x.status)).toEqual(objects.map(() => 'created'));
  };

  beforeAll(async () => {
    a = await Instance.create('alpha', kinds.a);
    b = await Instance.create('bravo', kinds.b);
    c = await Instance.create('charlie', kinds.c);
    a.user = await testUser(a.store, a.org, 'contributor', [group]);
    // A lets B have federation items and its spanning group; B relays federation items only to C.
    await link(
      a,
      b,
      { rule: { max_tlp: 'amber', groups: [group] }, speaksFor: [a.org] },
      { speaksFor: [b.org, c.org] },
    );
    await link(b, c, { speaksFor: [a.org, b.org] }, { speaksFor: [c.org] });
  });
  afterAll(async () => {
    for (const i of [a, b, c]) await (i as Instance | undefined)?.destroy();
  });

  it(`runs A on ${kinds.a}, B on ${kinds.b}, C on ${kinds.c}`, () => {
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  });

  it('relays federation items A → B → C with owner and markings; a B-only item never reaches C', async () => {
    const everyone = indicator({ name: 'federated C2' });
    const bOnly = indicator({ name: 'for the operation' });
    await write(a, [everyone], 'federation', 'green');
    await write(a, [bOnly], `group:${group}`, 'amber');
    await sync();

    const [source] = await live(a, everyone.id);
    for (const i of [b, c]) {
      const [copy] = await live(i, everyone.id);
      expect(copy, `${i.name} holds the federated item`).toBeDefined();
      expect(copy!.owner_org).toBe(a.org);
      expect(copy!.distribution).toBe('federation');
      expect(copy!.tlp).toBe('green');
      expect(JSON.parse(copy!.data)).toEqual(JSON.parse(source!.data));
    }
    const [onB] = await live(b, bOnly.id);
    expect(onB?.distribution).toBe(`group:${group}`);
    expect(onB?.tlp).toBe('amber');
    expect(await versions(c, bOnly.id)).toEqual([]);
    // Not even named in what B serves C.
    const page = await readOutbound(b.store, await b.peer(c), 0, 5000);
    expect(page.events.map((e) => e.id)).not.toContain(bOnly.id);
  });

  it('delivers versions in order, and a revocation, a narrowing and a deletion reach B and C', async () => {
    const versioned = indicator({ name: 'v1' });
    const narrowed = indicator({ name: 'to be narrowed' });
    const deleted = indicator({ name: 'to be deleted' });
    await write(a, [versioned, narrowed, deleted], 'federation', 'green');
    await sync();
    for (const i of [b, c]) expect((await live(i, deleted.id)).length).toBe(1);

    await write(
      a,
      [{ ...versioned, name: 'v2', modified: '2026-02-01T00:00:00.000Z' }],
      'federation',
      'green',
    );
    await write(
      a,
      [{ ...versioned, name: 'v3', modified: '2026-03-01T00:00:00.000Z' }],
      'federation',
      'green',
    );
    await write(
      a,
      [{ ...versioned, name: 'v3', revoked: true, modified: '2026-04-01T00:00:00.000Z' }],
      'federation',
      'green',
    );
    await write(
      a,
      [{ ...narrowed, name: 'community only now', modified: '2026-02-01T00:00:00.000Z' }],
      'community',
      'green',
    );
    await deleteObject(a.store, a.user.viewer, deleted.id, 'false positive');
    await sync();

    for (const i of [b, c]) {
      const seen = await live(i, versioned.id);
      expect(seen.map((v) => JSON.parse(v.data).name as string)).toEqual(['v1', 'v2', 'v3', 'v3']);
      expect(JSON.parse(seen.at(-1)!.data).revoked).toBe(true);
      expect(await live(i, narrowed.id), `${i.name} withdrew the narrowed item`).toEqual([]);
      expect(await live(i, deleted.id), `${i.name} deleted the item`).toEqual([]);
      const tombstone = await i.store.db
        .selectFrom('tombstones')
        .selectAll()
        .where('id', '=', deleted.id)
        .executeTakeFirst();
      expect(tombstone?.owner_org).toBe(a.org);
    }
    // The narrowed version itself never left A.
    for (const i of [b, c])
      expect((await versions(i, narrowed.id)).map((v) => (JSON.parse(v.data) as StixObject).name)).toEqual([
        'to be narrowed',
      ]);
  });

  it('sends a sighting on C back to the indicator owner on A, through B', async () => {
    const target = indicator({ name: 'sighted on C' });
    await write(a, [target], 'federation', 'green');
    await sync();
    const [posted] = await reportSighting(c.store, c.user.viewer, { indicator_id: target.id, count: 3 });
    expect(posted?.status, posted?.message).toBe('created');
    expect(posted?.distribution).toBe('federation');
    await sync();
    const [onA] = await live(a, posted!.id!);
    expect(onA?.owner_org).toBe(c.org);
    const sighting = JSON.parse(onA!.data) as StixObject;
    expect(sighting.sighting_of_ref).toBe(target.id);
    expect(sighting.count).toBe(3);
  });

  it('records the origin instance and never sends an item back where it came from', async () => {
    const item = indicator({ name: 'loop check' });
    await write(a, [item], 'federation', 'green');
    await sync();
    const origin = await c.store.db
      .selectFrom('federation_origins')
      .selectAll()
      .where('object_id', '=', item.id)
      .executeTakeFirst();
    expect(origin?.origin_instance).toBe(a.id);
    expect(origin?.received_from).toBe((await c.peer(b)).id);
    const back = await readOutbound(b.store, await b.peer(a), 0, 5000);
    expect(back.events.map((e) => e.id)).not.toContain(item.id);
    // Each instance holds the version once, however often it synced.
    for (const i of [a, b, c]) expect((await versions(i, item.id)).length).toBe(1);
  });
});
