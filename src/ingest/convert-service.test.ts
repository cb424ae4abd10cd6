import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import { testUser } from '../../test/http-harness.js';
import { TLP2_MARKING_IDS } from '../policy/markings.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import type { ConversionResult } from './conversion.js';
import { storeConverted } from './convert-service.js';
import { convertCsv, CSV_PRESETS } from './csv/index.js';
import { convertMispEvent } from './misp/index.js';
import { attr, event } from './misp/misp-builders.fixture.js';
import { placeObject } from './write-policy.js';

const ORG = 'identity--0b7a3c1e-6a55-4a6e-9f0e-2f4b8c9d1e2f';
const EVERY_TYPE = readFileSync(
  new URL('../../test/fixtures/misp/every-type.event.json', import.meta.url),
  'utf8',
);

async function stored(
  store: Store,
): Promise<Array<{ id: string; distribution: string; tlp: string | null }>> {
  return store.db.selectFrom('objects').select(['id', 'distribution', 'tlp']).orderBy('id').execute();
}

describe('placeObject: who narrows and who is refused', () => {
  const writer: UserViewer = {
    kind: 'user',
    userId: 'u',
    email: 'u@example.org',
    orgId: ORG,
    role: 'contributor',
    groups: [],
    readOnly: false,
  };
  const orgs = new Map();
  it('narrows a source distribution wider than the TLP to the organisation', () => {
    const p = placeObject(writer, ORG, 'amber', { distribution: 'community', narrow: true }, orgs, 'x');
    expect(p).toMatchObject({ distribution: 'organisation', tlp: 'amber' });
  });
  it('refuses the same distribution when the user chose it', () => {
    const p = placeObject(writer, ORG, 'amber', { distribution: 'community' }, orgs, 'x');
    expect(p).toMatchObject({ code: 'tlp_exceeds_distribution' });
  });
  it('keeps a source distribution the TLP allows', () => {
    const p = placeObject(writer, ORG, 'green', { distribution: 'community', narrow: true }, orgs, 'x');
    expect(p).toMatchObject({ distribution: 'community' });
  });
});

describe.each(storeBackends())('storeConverted on $name', ({ open }) => {
  let store: Store;
  let writer: UserViewer;
  beforeEach(async () => {
    store = await open();
    writer = (await testUser(store, ORG, 'contributor')).viewer;
  });
  afterEach(async () => {
    await store.close();
  });
  const ctx = (now: string) => ({ ownerIdentityId: ORG, now, source: 'test' });

  it('stores a MISP event, and storing it again changes nothing', async () => {
    const conversion = convertMispEvent(EVERY_TYPE, ctx('2024-06-01T00:00:00.000Z'));
    expect(conversion.errors).toEqual([]);
    const first = await storeConverted(store, writer, conversion, { source: 't', format: 'misp' });
    expect(first).toMatchObject({ invalid: 0, refused: 0, duplicate: 0, total: conversion.objects.length });
    expect(first.created).toBe(conversion.objects.length);
    const again = await storeConverted(store, writer, conversion, { source: 't', format: 'misp' });
    expect(again).toMatchObject({ created: 0, duplicate: conversion.objects.length });
  });

  it('makes an unchanged CSV re-run a duplicate although the converter stamped a new time', async () => {
    const csv = readFileSync(new URL('../../test/fixtures/csv/urlhaus.csv', import.meta.url), 'utf8');
    const run = async (now: string) =>
      storeConverted(store, writer, await convertCsv(csv, CSV_PRESETS.urlhaus, ctx(now)), {
        source: 't',
        format: 'csv',
        now,
      });
    const first = await run('2026-02-01T00:00:00.000Z');
    expect(first.created).toBeGreaterThan(0);
    const second = await run('2026-02-02T00:00:00.000Z');
    expect(second).toMatchObject({ created: 0, duplicate: first.created });
    const count = await store.db
      .selectFrom('objects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(first.created);
  });

  it('writes nothing when the conversion has errors, and says where', async () => {
    const bad = readFileSync(new URL('../../test/fixtures/csv/bad-confidence.csv', import.meta.url), 'utf8');
    const conversion = await convertCsv(
      bad,
      { header: true, columns: { value: 'value', confidence: 'confidence', malwareFamily: 'family' } },
      ctx('2026-02-01T00:00:00.000Z'),
    );
    expect(conversion.objects.length).toBeGreaterThan(0);
    expect(conversion.errors.length).toBeGreaterThan(0);
    const s = await storeConverted(store, writer, conversion, { source: 't', format: 'csv' });
    expect(s.fatal?.code).toBe('invalid_input');
    expect(s.fatal?.line).toBe(conversion.errors[0]?.line);
    expect(s.total).toBe(0);
    expect(await stored(store)).toEqual([]);
  });

  it('a dry run reports what would be created and writes nothing', async () => {
    const conversion = convertMispEvent(EVERY_TYPE, ctx('2024-06-01T00:00:00.000Z'));
    const s = await storeConverted(store, writer, conversion, { source: 't', format: 'misp', dryRun: true });
    expect(s).toMatchObject({ dryRun: true, created: conversion.objects.length });
    expect(await stored(store)).toEqual([]);
    const audit = await store.db.selectFrom('audit_log').select('action').execute();
    expect(audit.filter((a) => a.action === 'object.import')).toEqual([]);
  });

  it('narrows a MISP amber event shared with the community; refuses an explicit community', async () => {
    const doc = event({
      distribution: '1',
      Tag: [{ name: 'tlp:amber' }],
      Attribute: [attr(1, 'domain', 'amber.example.net', { to_ids: true, distribution: '5' })],
    });
    const conversion = convertMispEvent(doc, ctx('2024-06-01T00:00:00.000Z'));
    expect(conversion.objects.every((o) => o.distribution === 'community')).toBe(true);
    const refused = await storeConverted(store, writer, conversion, {
      source: 't',
      format: 'misp',
      distribution: 'community',
    });
    expect(refused.created).toBe(0);
    expect(refused.refused).toBe(conversion.objects.length);
    const results: string[] = [];
    const narrowed = await storeConverted(store, writer, conversion, {
      source: 't',
      format: 'misp',
      onResult: (r) => results.push(...r.warnings.map((w) => w.code)),
    });
    expect(narrowed.created).toBe(conversion.objects.length);
    expect(results).toContain('distribution_narrowed');
    const rows = await stored(store);
    expect(rows.every((r) => r.distribution === 'organisation' && r.tlp === 'amber')).toBe(true);
  });

  it('flags warninglisted values by default and refuses them on request', async () => {
    const now = '2026-02-01T00:00:00.000Z';
    const conversion = await convertCsv('192.0.2.1\nwarn-test.accordtest.net\n', CSV_PRESETS.list, ctx(now));
    const flagged: string[] = [];
    const dropped = await storeConverted(store, writer, conversion, {
      source: 't',
      format: 'csv',
      warninglist: 'drop',
      dryRun: true,
    });
    expect(dropped).toMatchObject({ created: 1, refused: 1 });
    const kept = await storeConverted(store, writer, conversion, {
      source: 't',
      format: 'csv',
      onResult: (r) => flagged.push(...r.warnings.map((w) => w.code)),
    });
    expect(kept.created).toBe(2);
    expect(flagged).toEqual(['warninglisted']);
  });

  it('strict rolls back everything when one object is refused', async () => {
    const conversion: ConversionResult = convertMispEvent(
      event({
        Tag: [{ name: 'tlp:green' }],
        Attribute: [attr(1, 'domain', 'green.example.net', { to_ids: true })],
      }),
      ctx('2024-06-01T00:00:00.000Z'),
    );
    const red = conversion.objects.find((o) => o.object.type === 'indicator')!;
    red.object = { ...red.object, object_marking_refs: [TLP2_MARKING_IDS.red] };
    const s = await storeConverted(store, writer, conversion, {
      source: 't',
      format: 'misp',
      distribution: 'community',
      strict: true,
    });
    expect(s.refused).toBe(1);
    expect(s.rejected).toBe(conversion.objects.length - 1);
    expect(await stored(store)).toEqual([]);
  });
});
