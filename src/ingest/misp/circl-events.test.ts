import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePattern } from '../../pattern/index.js';
import { validateObject } from '../../stix/index.js';
import { CTX } from './misp-builders.fixture.js';
import { convertMispEvent } from './convert-misp-event.js';

const dir = new URL('../../../../shared/data/misp/', import.meta.url);
const XORIST = new URL('circl-osint-xorist-event.json', dir);
const SEDNIT = new URL('circl-osint-sednit-event.json', dir);
const present = existsSync(XORIST) && existsSync(SEDNIT);
if (!present) console.warn('skipped: ../shared/data/misp CIRCL events not present');

function load(url: URL): unknown {
  return JSON.parse(readFileSync(url, 'utf8')) as unknown;
}

function countByType(objects: Array<{ object: { type: string } }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { object } of objects) counts[object.type] = (counts[object.type] ?? 0) + 1;
  return counts;
}

describe.skipIf(!present)('real CIRCL OSINT events', () => {
  it('Xorist: 5 indicators, 2 notes, links on the report, all valid', () => {
    const r = convertMispEvent(load(XORIST), CTX);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(countByType(r.objects)).toEqual({ indicator: 5, note: 2, report: 1 });
    const report = r.objects.find((o) => o.object.type === 'report')?.object;
    expect(report?.name).toBe('Ransomware - Xorist');
    expect((report?.external_references as unknown[]).length).toBe(3);
    expect(report?.labels).toEqual([
      'circl:incident-classification="malware"',
      'ms-caro-malware:malware-type="Ransom"',
      'malware_classification:malware-category="Ransomware"',
    ]);
  });

  it('Sednit: 7 + 37 + 12 indicators, 14 galaxy SDOs, 20 references + 13 uses relationships', () => {
    const r = convertMispEvent(load(SEDNIT), CTX);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(countByType(r.objects)).toEqual({
      indicator: 56,
      note: 1,
      report: 1,
      'threat-actor': 1,
      tool: 6,
      malware: 7,
      relationship: 33,
    });
    expect(new Set(r.objects.map((o) => o.distribution))).toEqual(new Set(['community']));
  });

  it.each([
    ['Xorist', XORIST],
    ['Sednit', SEDNIT],
  ])('%s: every object validates with zero errors, every pattern parses and validates', (_name, url) => {
    const r = convertMispEvent(load(url), CTX);
    for (const { object } of r.objects) {
      expect(validateObject(object).errors, object.id).toEqual([]);
      if (object.type === 'indicator')
        expect(validatePattern(object.pattern as string).errors, object.id).toEqual([]);
    }
    const ids = r.objects.map((o) => o.object.id);
    expect(new Set(ids).size).toBe(ids.length);
    const report = r.objects.find((o) => o.object.type === 'report')?.object;
    expect(new Set(report?.object_refs as string[])).toEqual(
      new Set(ids.filter((id) => !id.startsWith('report--'))),
    );
  });

  it.each([
    ['Xorist', XORIST],
    ['Sednit', SEDNIT],
  ])('%s: converting twice gives deep-equal output (re-import is a duplicate)', (_name, url) => {
    expect(convertMispEvent(load(url), CTX)).toEqual(
      convertMispEvent(load(url), { ...CTX, now: '2031-01-01T00:00:00.000Z' }),
    );
  });
});

describe('test/fixtures/misp/every-type.event.json', () => {
  it('converts with no error or warning, every object valid, and covers every mapped type', () => {
    const url = new URL('../../../test/fixtures/misp/every-type.event.json', import.meta.url);
    const r = convertMispEvent(load(url), { ...CTX, sharingGroups: [] });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    for (const { object } of r.objects) expect(validateObject(object).errors, object.id).toEqual([]);
    expect(countByType(r.objects)).toMatchObject({
      indicator: 33,
      note: 1,
      vulnerability: 1,
      'threat-actor': 1,
      sighting: 1,
      relationship: 1,
      report: 1,
    });
  });
});
