import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserViewer } from '../policy/viewer.js';
import { deleteObject } from '../store/objects/delete-object.js';
import type { Store } from '../store/store.js';
import { bundle, indicator, malware, orgId, relationship, userViewer } from '../../test/factories.js';
import { addOrg, importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import { readChanges } from './read-changes.js';
import type { StreamEvent } from './stream-event.js';
import type { StreamFilter } from './stream-filter.js';

async function readAll(store: Store, viewer: UserViewer, after = 0, limit = 500, filter: StreamFilter = {}) {
  const events: StreamEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await readChanges(store, viewer, { after: cursor, limit, filter });
    events.push(...page.events);
    if (page.next === cursor) return { events, cursor };
    cursor = page.next;
  }
}

const summary = (events: StreamEvent[]) => events.map((e) => `${e.kind} ${e.id}`);

describe.each(storeBackends())('the change stream read on $name', ({ open }) => {
  let store: Store;
  const a = orgId();
  const b = orgId();
  const c = orgId();
  let owner: UserViewer;
  let partner: UserViewer;
  let member: UserViewer;
  let outsider: UserViewer;
  const shared = indicator({ name: 'shared' });
  const secret = indicator({ name: 'secret' });
  const narrowed = indicator({ name: 'narrowed' });
  const doomed = malware({ name: 'doomed' });
  const grouped = indicator({ name: 'grouped' });
  const rel = relationship(shared.id, secret.id);

  beforeAll(async () => {
    store = await open();
    for (const org of [a, b, c]) await addOrg(store, org);
    await store.db
      .insertInto('sharing_groups')
      .values({
        id: 'ops',
        name: 'ops',
        description: null,
        owner_org: a,
        created: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    for (const org of [a, b])
      await store.db
        .insertInto('group_members')
        .values({ group_id: 'ops', org_id: org, added: '2026-01-01T00:00:00.000Z' })
        .execute();
    owner = userViewer(a, 'contributor', ['ops']);
    partner = userViewer(b, 'contributor', ['ops']);
    member = userViewer(b);
    outsider = userViewer(c);
    await importText(store, owner, bundle([shared, narrowed, doomed, rel]), { distribution: 'community' });
    await importText(store, owner, bundle([secret]), { distribution: 'organisation' });
    await importText(store, owner, bundle([grouped]), { distribution: 'group:ops' });
    await importText(
      store,
      owner,
      bundle([{ ...narrowed, modified: '2026-02-01T00:00:00.000Z', name: 'narrowed v2' }]),
      { distribution: 'organisation' },
    );
    await importText(
      store,
      owner,
      bundle([{ ...shared, modified: '2026-02-01T00:00:00.000Z', revoked: true }]),
      { distribution: 'community' },
    );
    await deleteObject(store, owner, doomed.id, 'wrong');
  });
  afterAll(async () => {
    await store.close();
  });

  it('gives the owner every change in commit order, the deletion last', async () => {
    const { events } = await readAll(store, owner);
    expect(summary(events)).toEqual([
      `version ${shared.id}`,
      `version ${narrowed.id}`,
      `version ${rel.id}`,
      `version ${secret.id}`,
      `version ${grouped.id}`,
      `version ${narrowed.id}`,
      `revoked ${shared.id}`,
      `deleted ${doomed.id}`,
    ]);
    const seqs = events.map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('never shows a viewer what it may not see; a narrowed version arrives as a removal', async () => {
    const { events } = await readAll(store, outsider);
    expect(summary(events)).toEqual([
      `version ${shared.id}`,
      `version ${narrowed.id}`,
      `version ${rel.id}`,
      `removed ${narrowed.id}`,
      `revoked ${shared.id}`,
      `deleted ${doomed.id}`,
    ]);
    const json = JSON.stringify(events);
    expect(json).not.toContain(secret.id);
    expect(json).not.toContain(grouped.id);
    expect(json).not.toContain('narrowed v2');
  });

  it('follows sharing groups', async () => {
    const withGroup = summary((await readAll(store, partner)).events);
    const without = summary((await readAll(store, member)).events);
    expect(withGroup).toContain(`version ${grouped.id}`);
    expect(without).not.toContain(`version ${grouped.id}`);
  });

  it('redacts references to objects the viewer may not see', async () => {
    const { events } = await readAll(store, outsider);
    const relEvent = events.find((e) => e.id === rel.id);
    expect(relEvent).toBeDefined();
    expect(JSON.stringify(relEvent)).not.toContain(secret.id);
    const mine = (await readAll(store, owner)).events.find((e) => e.id === rel.id);
    expect(JSON.stringify(mine)).toContain(secret.id);
  });

  it('resumes after any event with no gap and no duplicate, whatever the page size', async () => {
    const all = (await readAll(store, outsider)).events;
    for (const limit of [1, 2, 3, 7]) {
      expect((await readAll(store, outsider, 0, limit)).events).toEqual(all);
    }
    for (const [i, e] of all.entries()) {
      expect((await readAll(store, outsider, e.seq, 2)).events).toEqual(all.slice(i + 1));
    }
  });

  it('filters by kind, type, owner and TLP', async () => {
    const kinds = await readAll(store, owner, 0, 500, { kinds: ['deleted', 'removed'] });
    expect(summary(kinds.events)).toEqual([`deleted ${doomed.id}`]);
    const types = await readAll(store, owner, 0, 500, { types: ['malware'] });
    // The malware was deleted: its version is no longer served, its deletion is.
    expect(summary(types.events)).toEqual([`deleted ${doomed.id}`]);
    const owners = await readAll(store, owner, 0, 500, { owners: [b] });
    expect(owners.events).toEqual([]);
    const red = await readAll(store, owner, 0, 500, { tlps: ['red'] });
    expect(red.events).toEqual([]);
    const collection = await readAll(store, owner, 0, 500, { collection: { types: ['relationship'] } });
    expect(summary(collection.events)).toEqual([`version ${rel.id}`]);
  });

  it('carries sightings like every object, to those who may see them', async () => {
    const before = (await readAll(store, owner)).cursor;
    const sighting = {
      type: 'sighting',
      spec_version: '2.1',
      id: `sighting--${crypto.randomUUID()}`,
      created: '2026-01-02T00:00:00.000Z',
      modified: '2026-01-02T00:00:00.000Z',
      sighting_of_ref: narrowed.id,
      count: 3,
    };
    const { results } = await importText(store, partner, bundle([sighting]), { distribution: 'community' });
    expect(results[0]?.status).toBe('created');
    const seen = (await readAll(store, owner, before)).events;
    expect(seen).toMatchObject([{ kind: 'version', type: 'sighting', id: sighting.id }]);
  });

  it('carries a deletion only to viewers who could see the object', async () => {
    const hidden = indicator({ name: 'hidden then deleted' });
    await importText(store, owner, bundle([hidden]), { distribution: 'organisation' });
    const before = (await readAll(store, outsider)).cursor;
    await deleteObject(store, owner, hidden.id, null);
    expect((await readAll(store, outsider, before)).events).toEqual([]);
    expect(summary((await readAll(store, owner, before)).events)).toEqual([`deleted ${hidden.id}`]);
  });
});
