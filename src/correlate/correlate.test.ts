import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, orgId, stixId, userViewer } from '../../test/factories.js';
import { addOrg, importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import type { UserViewer } from '../policy/viewer.js';
import { deleteObject } from '../store/objects/delete-object.js';
import type { Store } from '../store/store.js';
import { correlateObject, correlateObservables } from './correlate.js';
import type { ObservableCorrelation } from './correlate.js';

const ipv4 = (v: string, extra = {}) => indicator({ pattern: `[ipv4-addr:value = '${v}']`, ...extra });
const domain = (v: string, extra = {}) => indicator({ pattern: `[domain-name:value = '${v}']`, ...extra });

/** `{ orgId: [objectId, ...] }` for one observable's matches, to compare without ordering noise. */
function byOrg(c: ObservableCorrelation | undefined) {
  return Object.fromEntries((c?.matches ?? []).map((m) => [m.org.id, m.objects.map((o) => o.id).sort()]));
}

describe.each(storeBackends())('correlation on $name', ({ open }) => {
  let store: Store;
  let a: UserViewer;
  let b: UserViewer;
  let c: UserViewer;

  beforeEach(async () => {
    store = await open();
    a = userViewer(orgId());
    b = userViewer(orgId());
    c = userViewer(orgId());
    for (const v of [a, b, c]) await addOrg(store, v.orgId);
  });
  afterEach(async () => {
    await store.close();
  });

  it('finds the other visible objects sharing a value, grouped by contributing organisation', async () => {
    const mine = domain('Evil.Accord-Test.XYZ', { name: 'mine' });
    const theirs = domain('evil.accord-test.xyz', { name: 'theirs' });
    const sco = {
      type: 'domain-name',
      spec_version: '2.1',
      id: stixId('domain-name'),
      value: 'evil.accord-test.xyz',
    };
    await importText(store, a, bundle([mine]), { distribution: 'community' });
    await importText(store, b, bundle([theirs, sco]), { distribution: 'community' });
    const result = await correlateObject(store.db, a, mine.id);
    expect(result?.observables).toHaveLength(1);
    const [evil] = result!.observables;
    expect(evil).toMatchObject({ kind: 'domain', value: 'evil.accord-test.xyz' });
    expect(byOrg(evil)).toEqual({ [b.orgId]: [theirs.id, sco.id].sort() });
    const names = evil!.matches[0]!.objects.map((o) => [o.name, o.relation]);
    expect(names).toContainEqual(['theirs', 'exact']);
    expect(names).toContainEqual(['evil.accord-test.xyz', 'exact']);
    expect(evil!.matches[0]!.org.name).toMatch(/^Org /);
  });

  it('never lists, counts or names what the viewer may not see', async () => {
    const mine = ipv4('198.18.1.1');
    await importText(store, a, bundle([mine]), { distribution: 'community' });
    const visible = [ipv4('198.18.1.1'), ipv4('198.18.1.1')];
    await importText(store, b, bundle(visible), { distribution: 'community' });
    const hidden = Array.from({ length: 5 }, () => ipv4('198.18.1.1'));
    await importText(store, c, bundle(hidden), { distribution: 'organisation' });
    const forA = await correlateObject(store.db, a, mine.id, { cap: 3 });
    const [value] = forA!.observables;
    expect(value?.common).toBeUndefined(); // 2 visible others, not 7: the hidden ones do not count
    expect(byOrg(value)).toEqual({ [b.orgId]: visible.map((i) => i.id).sort() });
    expect(JSON.stringify(forA)).not.toContain(c.orgId);
    // The owner of the hidden ones sees all 7 and is over the cap of 3.
    const forC = await correlateObject(store.db, c, hidden[0]!.id, { cap: 3 });
    expect(forC!.observables[0]).toMatchObject({ common: true, count: 7, matches: [] });
    // An object the viewer cannot see has no correlations at all for them.
    expect(await correlateObject(store.db, a, hidden[0]!.id)).toBeUndefined();
  });

  it('counts a common value only up to the count limit', async () => {
    await importText(store, b, bundle(Array.from({ length: 8 }, () => ipv4('198.18.2.2'))), {
      distribution: 'community',
    });
    const [found] = await correlateObservables(store.db, a, [{ kind: 'ipv4', value: '198.18.2.2' }], {
      cap: 2,
      countLimit: 5,
    });
    expect(found).toMatchObject({ common: true, count: 5, count_capped: true });
    const [all] = await correlateObservables(store.db, a, [{ kind: 'ipv4', value: '198.18.2.2' }], {
      cap: 2,
    });
    expect(all).toMatchObject({ common: true, count: 8 });
    expect(all?.count_capped).toBeUndefined();
  });

  it('correlates by network containment both ways, for IPv4 and IPv6', async () => {
    const net = indicator({ pattern: "[ipv4-addr:value ISSUBSET '198.18.0.0/16']" });
    const subnet = indicator({ pattern: "[ipv4-addr:value = '198.18.4.0/24']" });
    const inside = ipv4('198.18.4.9');
    const outside = ipv4('198.19.0.1');
    const net6 = indicator({ pattern: "[ipv6-addr:value = '2001:4860:aa::/48']" });
    const in6 = indicator({ pattern: "[ipv6-addr:value = '2001:4860:AA:0:0::5']" });
    await importText(store, a, bundle([net, net6]), { distribution: 'community' });
    await importText(store, b, bundle([subnet, inside, outside, in6]), { distribution: 'community' });

    const ofNet = (await correlateObject(store.db, a, net.id))!.observables[0]!;
    const objects = ofNet.matches.flatMap((m) => m.objects);
    expect(objects.map((o) => [o.id, o.relation, o.value]).sort()).toEqual(
      [
        [subnet.id, 'within', '198.18.4.0/24'],
        [inside.id, 'within', '198.18.4.9'],
      ].sort(),
    );
    const ofIp = (await correlateObject(store.db, b, inside.id))!.observables[0]!;
    expect(
      ofIp.matches
        .flatMap((m) => m.objects)
        .map((o) => [o.id, o.relation])
        .sort(),
    ).toEqual(
      [
        [net.id, 'contains'],
        [subnet.id, 'contains'],
      ].sort(),
    );
    const ofSubnet = (await correlateObject(store.db, b, subnet.id))!.observables[0]!;
    expect(
      ofSubnet.matches
        .flatMap((m) => m.objects)
        .map((o) => [o.id, o.relation])
        .sort(),
    ).toEqual(
      [
        [net.id, 'contains'],
        [inside.id, 'within'],
      ].sort(),
    );
    const ofNet6 = (await correlateObject(store.db, a, net6.id))!.observables[0]!;
    expect(ofNet6.matches.flatMap((m) => m.objects).map((o) => [o.id, o.value])).toEqual([
      [in6.id, '2001:4860:aa::5'],
    ]);
    const ofIn6 = (await correlateObject(store.db, b, in6.id))!.observables[0]!;
    expect(ofIn6.matches.flatMap((m) => m.objects).map((o) => o.id)).toEqual([net6.id]);
  });

  it('matches on current versions only, and never on deleted objects', async () => {
    const mine = ipv4('198.18.3.3');
    const moved = ipv4('198.18.3.3');
    const gone = ipv4('198.18.3.3');
    await importText(store, a, bundle([mine]), { distribution: 'community' });
    await importText(store, b, bundle([moved, gone]), { distribution: 'community' });
    const newer = {
      ...moved,
      modified: '2026-02-01T00:00:00.000Z',
      pattern: "[ipv4-addr:value = '198.18.3.4']",
    };
    await importText(store, b, bundle([newer]), { distribution: 'community' });
    await deleteObject(store, b, gone.id, null);
    const result = await correlateObject(store.db, a, mine.id);
    expect(result!.observables[0]!.matches).toEqual([]);
  });

  it('keeps the newest version the viewer saw when a newer one went to a narrower audience', async () => {
    const mine = ipv4('198.18.5.5');
    const theirs = ipv4('198.18.5.5');
    await importText(store, a, bundle([mine]), { distribution: 'community' });
    await importText(store, b, bundle([theirs]), { distribution: 'community' });
    const narrowed = {
      ...theirs,
      modified: '2026-02-01T00:00:00.000Z',
      pattern: "[ipv4-addr:value = '198.18.5.6']",
    };
    await importText(store, b, bundle([narrowed]), { distribution: 'organisation' });
    expect(byOrg((await correlateObject(store.db, a, mine.id))!.observables[0])).toEqual({
      [b.orgId]: [theirs.id],
    });
    // The owner sees the newest version, which no longer carries the value.
    const forB = await correlateObservables(store.db, b, [{ kind: 'ipv4', value: '198.18.5.5' }]);
    expect(byOrg(forB[0])).toEqual({ [a.orgId]: [mine.id] });
  });
});
