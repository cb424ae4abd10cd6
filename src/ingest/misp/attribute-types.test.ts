import { describe, expect, it } from 'vitest';
import { validatePattern } from '../../pattern/index.js';
import { validateObject } from '../../stix/index.js';
import type { StixObject } from '../../stix/types.js';
import { ATTRIBUTE_CASES } from './attribute-cases.fixture.js';
import { attr, CTX, event } from './misp-builders.fixture.js';
import { convertMispEvent } from './convert-misp-event.js';

function convertOne(type: string, value: string, toIds: boolean): StixObject[] {
  const r = convertMispEvent(event({ Attribute: [attr(1, type, value, { to_ids: toIds })] }), CTX);
  expect(r.errors).toEqual([]);
  return r.objects.map((o) => o.object);
}

function strip(o: StixObject): Record<string, unknown> {
  const {
    id: _id,
    spec_version: _v,
    object_marking_refs: _m,
    resolves_to_refs: _r,
    src_ref: _s,
    dst_ref: _d,
    ...rest
  } = o;
  return rest;
}

describe('MISP attribute types → STIX', () => {
  it.each(ATTRIBUTE_CASES.map((c) => [c.type, c] as const))('%s with to_ids → indicator pattern', (_t, c) => {
    const objects = convertOne(c.type, c.value, true);
    const indicator = objects.find((o) => o.type === 'indicator');
    expect(indicator?.pattern).toBe(c.pattern);
    expect(indicator?.id).toBe('indicator--00000000-0000-4000-8000-000000000001');
    expect(indicator?.name).toBe(`${c.type} ${c.value}`);
    expect(validatePattern(c.pattern).valid).toBe(true);
    for (const o of objects) expect(validateObject(o).errors).toEqual([]);
  });

  it.each(ATTRIBUTE_CASES.filter((c) => c.scos.length > 0).map((c) => [c.type, c] as const))(
    '%s without to_ids → observed-data and SCOs',
    (_t, c) => {
      const objects = convertOne(c.type, c.value, false);
      const observed = objects.find((o) => o.type === 'observed-data');
      const scos = objects.filter((o) => o.type !== 'observed-data' && o.type !== 'report');
      expect(scos.map(strip)).toEqual(c.scos);
      expect(observed?.object_refs).toEqual(scos.map((s) => s.id));
      for (const o of objects) {
        const v = validateObject(o);
        expect(v.errors).toEqual([]);
        // Deterministic SCO ids: the validator warns when an id is not the one STIX 2.1 §2.9 computes.
        expect(v.warnings.filter((w) => w.code === 'sco_id_mismatch')).toEqual([]);
      }
    },
  );

  it('refs inside composite SCOs point at the SCOs made with them', () => {
    const objects = convertOne('domain|ip', 'bad.example.org|192.0.2.44', false);
    const domain = objects.find((o) => o.type === 'domain-name');
    const ip = objects.find((o) => o.type === 'ipv4-addr');
    expect(domain?.resolves_to_refs).toEqual([ip?.id]);
  });

  it('normalises values: upper-case hashes, domains and short registry hives', () => {
    expect(convertOne('md5', '0749BAE92CA336A02C83D126E04EC628', true)[0]?.pattern).toBe(
      "[file:hashes.MD5 = '0749bae92ca336a02c83d126e04ec628']",
    );
    expect(convertOne('domain', 'EVIL.Example.COM.', true)[0]?.pattern).toBe(
      "[domain-name:value = 'evil.example.com']",
    );
    expect(convertOne('regkey', 'HKLM\\Software\\X', true)[0]?.pattern).toBe(
      "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\X']",
    );
    expect(convertOne('AS', 'AS64496', true)[0]?.pattern).toBe('[autonomous-system:number = 64496]');
  });

  it('vulnerability → vulnerability with its CVE reference, text/comment → notes on the report', () => {
    const r = convertMispEvent(
      event({
        Attribute: [
          attr(1, 'vulnerability', 'cve-2021-44228'),
          attr(2, 'text', 'Packed with UPX'),
          attr(3, 'comment', 'seen twice'),
        ],
      }),
      CTX,
    );
    const vuln = r.objects.find((o) => o.object.type === 'vulnerability')?.object;
    expect(vuln?.name).toBe('CVE-2021-44228');
    expect(vuln?.external_references).toEqual([{ source_name: 'cve', external_id: 'CVE-2021-44228' }]);
    const notes = r.objects.filter((o) => o.object.type === 'note').map((o) => o.object);
    expect(notes.map((n) => n.content)).toEqual(['Packed with UPX', 'seen twice']);
    expect(notes[0]?.object_refs).toEqual(['report--5f1e0c2a-1b2c-4d3e-8f40-112233445566']);
  });

  it('link without to_ids → an external reference of the report', () => {
    const r = convertMispEvent(
      event({ Attribute: [attr(1, 'link', 'https://example.org/blog', { comment: 'write-up' })] }),
      CTX,
    );
    const report = r.objects.find((o) => o.object.type === 'report')?.object;
    expect(report?.external_references).toContainEqual({
      source_name: 'link',
      url: 'https://example.org/blog',
      description: 'write-up',
    });
    expect(r.objects).toHaveLength(1);
  });

  it('unknown types become the custom x-misp-attribute with a warning naming the type', () => {
    const r = convertMispEvent(
      event({
        Attribute: [
          attr(1, 'pgp-public-key', 'KEY'),
          attr(2, 'iban', 'DE44500105175407324931', { to_ids: true }),
        ],
      }),
      CTX,
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unknown_attribute_type', 'Event.Attribute[0].type'],
      ['unknown_attribute_type', 'Event.Attribute[1].type'],
    ]);
    expect(r.warnings[0]?.message).toContain('pgp-public-key');
    const custom = r.objects.find((o) => o.object.type === 'x-misp-attribute')?.object;
    expect(custom).toMatchObject({ x_misp_type: 'pgp-public-key', x_misp_value: 'KEY' });
    const indicator = r.objects.find((o) => o.object.type === 'indicator')?.object;
    expect(indicator?.pattern).toBe(
      "[x-misp-attribute:x_misp_type = 'iban' AND x-misp-attribute:x_misp_value = 'DE44500105175407324931']",
    );
  });
});
