import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../policy/viewer.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Store } from '../../store/store.js';
import { seedLandscapeWorld, seenBy } from '../../../test/landscape-world.js';
import type { LandscapeWorld } from '../../../test/landscape-world.js';
import { storeBackends } from '../../../test/store-harness.js';
import { CATEGORY_IDS } from './categories.js';
import { LandscapeRequest } from './landscape-request.js';
import { renderLandscapeHtml } from './render-html.js';
import { narrativeScaffold } from './narrative.js';
import { landscapeFigures } from './saved-reports.js';

const H1 = LandscapeRequest.parse({ from: '2026-01-01', to: '2026-07-01', granularity: 'quarter' });
const inH1 = (t: string) => t >= '2026-01-01' && t < '2026-07-01';
const inH2025 = (t: string) => t >= '2025-07-01' && t < '2026-01-01';

describe.each(storeBackends())('landscape figures on $name', (backend) => {
  let store: Store;
  let world: LandscapeWorld;
  beforeAll(async () => {
    store = await backend.open();
    world = await seedLandscapeWorld(store);
  });
  afterAll(() => store.close());

  it('counts, per audience, what that audience may see in the period and the one before', async () => {
    for (const who of ['a', 'b', 'admin'] as const) {
      const f = await landscapeFigures(store.db, world[who].viewer, H1);
      const seen = seenBy(world, who);
      expect(f.volume.total).toBe(seen.filter((s) => inH1(s.created)).length);
      expect(f.volume.previous_total).toBe(seen.filter((s) => inH2025(s.created)).length);
      const byQuarter = [
        seen.filter((s) => s.created >= '2026-01-01' && s.created < '2026-04-01').length,
        seen.filter((s) => s.created >= '2026-04-01' && s.created < '2026-07-01').length,
      ];
      expect(f.period.buckets).toEqual(['2026-Q1', '2026-Q2']);
      expect(f.volume.objects).toEqual(byQuarter);
      expect(f.volume.indicators.reduce<number>((s, x) => s + (x ?? 0), 0)).toBe(
        seen.filter((s) => s.object.type === 'indicator' && inH1(s.created)).length,
      );
    }
  });

  it('two users get two different reports: B also counts its own ransomware', async () => {
    const a = await landscapeFigures(store.db, world.a.viewer, H1);
    const b = await landscapeFigures(store.db, world.b.viewer, H1);
    const ransomware = (f: typeof a) => f.volume.categories.find((c) => c.id === 'ransomware')!;
    // LockBit and the indicator that indicates it; B adds SecretLocker and its indicator.
    expect(ransomware(a).total).toBe(2);
    expect(ransomware(b).total).toBe(4);
    // The ransomware-tagged indicator of September 2025.
    expect(ransomware(a).previous_total).toBe(1);
    expect(ransomware(a).change_pct).toBe(100);
    expect(a.rankings.ransomware.map((r) => r.name)).toEqual(['LockBit']);
    expect(b.rankings.ransomware.map((r) => r.name).sort()).toEqual(['LockBit', 'SecretLocker']);
    expect(JSON.stringify(a)).not.toContain('SecretLocker');
    expect(a.tlp).toBe('green');
    expect(b.tlp).toBe('amber');
    expect(a.quality.contributions.map((c) => c.org_id)).toEqual([world.orgA]);
    expect(b.quality.contributions.map((c) => c.org_id).sort()).toEqual([world.orgA, world.orgB].sort());
  });

  it('ranks, lists what is new, and places victims', async () => {
    const f = await landscapeFigures(store.db, world.a.viewer, H1);
    // LockBit: the indicates relationship, the sighting of its indicator, the report. Emotet: a use, the report.
    expect(f.rankings.malware.map((r) => [r.name, r.count, r.new])).toEqual([
      ['LockBit', 3, true],
      ['Emotet', 2, false],
    ]);
    expect(f.rankings.threat_actors).toEqual([
      { name: 'Wizard Spider', count: 3, first_seen: '2025-01-01T00:00:00.000Z', new: false },
    ]);
    expect(f.rankings.brands.map((r) => [r.name, r.count])).toEqual([['BankCo', 1]]);
    expect(f.rankings.new_families).toEqual([{ name: 'LockBit', first_seen: '2026-02-01T00:00:00.000Z' }]);
    // T1486 was first used in 2025, so only T1566 is new.
    expect(f.rankings.new_techniques).toEqual([
      { external_id: 'T1566', name: 'Phishing', first_seen: '2026-05-01T00:00:00.000Z' },
    ]);
    expect(f.geography.victims_by_sector).toEqual([{ sector: 'healthcare', count: 1 }]);
    expect(f.geography.victims_by_country).toEqual([{ country: 'DE', count: 1 }]);
    expect(f.geography.infrastructure_addresses).toBe(1);
    expect(f.geography.infrastructure_by_country).toBeNull();
    expect(f.volume.categories.find((c) => c.id === 'phishing')!.total).toBe(1);
    expect(f.volume.categories.map((c) => c.id)).toEqual([...CATEGORY_IDS]);
  });

  it('hosting figures come from the IP locator when one is given', async () => {
    const f = await landscapeFigures(store.db, world.b.viewer, H1, {
      locateIp: (ip) =>
        ip === '203.0.113.5' ? { country: 'NL', asn: 64500, holder: 'Example Hosting' } : undefined,
    });
    expect(f.geography.infrastructure_addresses).toBe(2);
    expect(f.geography.infrastructure_by_country).toEqual([{ country: 'NL', count: 1 }]);
    // Both choropleths: victims in DE, hosting in NL, every other country blank.
    const html = renderLandscapeHtml(f, narrativeScaffold(f));
    const shaded = [...html.matchAll(/<path[^>]*data-iso="([A-Z]+)" data-count="(\d+)"/g)].map((m) =>
      m.slice(1),
    );
    expect(shaded).toEqual([
      ['DE', '1'],
      ['NL', '1'],
    ]);
    expect(html.match(/data-iso="BR"/g)).toHaveLength(2);
    expect(f.geography.infrastructure_by_asn).toEqual([{ asn: 64500, holder: 'Example Hosting', count: 1 }]);
  });

  it('the scope narrows what is counted', async () => {
    const only = LandscapeRequest.parse({ ...H1, scope: { types: ['indicator'] } });
    const f = await landscapeFigures(store.db, world.b.viewer, only);
    expect(f.volume.total).toBe(
      seenBy(world, 'b').filter((s) => s.object.type === 'indicator' && inH1(s.created)).length,
    );
    const green = LandscapeRequest.parse({ ...H1, scope: { tlp_max: 'green' } });
    expect(JSON.stringify((await landscapeFigures(store.db, world.b.viewer, green)).volume)).toBe(
      JSON.stringify((await landscapeFigures(store.db, world.a.viewer, green)).volume),
    );
  });

  it('a CLEAR report built by an administrator reveals nothing an anonymous visitor could not see', async () => {
    const clear = await landscapeFigures(
      store.db,
      world.admin.viewer,
      LandscapeRequest.parse({ ...H1, variant: 'clear', threshold: 2 }),
    );
    const orgNames = (await store.db.selectFrom('organisations').select('name').execute()).map((o) => o.name);
    const text = JSON.stringify(clear) + renderLandscapeHtml(clear, narrativeScaffold(clear));
    for (const secret of [...world.privateNames, ...orgNames, world.orgA, world.orgB])
      expect(text).not.toContain(secret);
    // Every name it gives is the name of something the anonymous viewer sees.
    const anonymous = new Set(
      (await visibleCurrent(store.db, ANONYMOUS).select('o.data').execute()).map(
        (r) => (JSON.parse(r.data) as { name?: string }).name,
      ),
    );
    for (const r of [...clear.rankings.malware, ...clear.rankings.threat_actors, ...clear.rankings.brands])
      expect(anonymous.has(r.name)).toBe(true);
    expect(clear.rankings.malware.map((r) => r.name)).toEqual(['Emotet']);
    // Every count is at least the threshold, or suppressed.
    const cells: Array<number | null> = [];
    JSON.stringify(clear, (key, value: unknown) => {
      if (typeof value === 'number' && !['threshold', 'suppressed', 'change_pct', 'asn'].includes(key))
        cells.push(value);
      return value;
    });
    for (const c of cells) expect(c).toBeGreaterThanOrEqual(2);
    expect(clear.suppressed).toBeGreaterThan(0);
    expect(clear.tlp).toBe('clear');
    expect(clear.quality.contributions).toEqual([]);
    expect(clear.geography.victims_by_country).toEqual([]);
    // Suppressed cells never reach the map: no country is shaded.
    expect(renderLandscapeHtml(clear, narrativeScaffold(clear))).not.toContain('data-count=');
  });
});

describe('landscape request', () => {
  it('refuses a period that ends before it starts, with where', () => {
    const r = LandscapeRequest.safeParse({ from: '2026-07-01', to: '2026-01-01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['to']);
  });
  it('refuses a date that is not one', () => {
    expect(LandscapeRequest.safeParse({ from: '2026-02-31x', to: '2026-03-01' }).success).toBe(false);
  });
});
