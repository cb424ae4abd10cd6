import { describe, expect, it } from 'vitest';
import { parseMispWarninglist } from './parse-misp-warninglist.js';

const VALID = {
  name: 'List of known public resolvers (test)',
  version: 20240101,
  description: 'made-up list in the MISP format',
  type: 'cidr',
  list: ['192.0.2.53', '198.51.100.0/24', '2001:db8::53'],
  matching_attributes: ['ip-src', 'ip-dst', 'domain|ip'],
};

describe('parseMispWarninglist', () => {
  it('parses a MISP list.json, from text or from a parsed value', () => {
    for (const input of [JSON.stringify(VALID), VALID]) {
      const result = parseMispWarninglist(input);
      expect(result).toEqual({
        ok: true,
        warnings: [],
        warninglist: {
          name: VALID.name,
          description: VALID.description,
          type: 'cidr',
          values: VALID.list,
          matching_attributes: VALID.matching_attributes,
          version: 20240101,
        },
      });
    }
  });

  it('canonicalises hostname entries (wildcards, leading and trailing dots, case)', () => {
    const result = parseMispWarninglist({
      ...VALID,
      type: 'hostname',
      list: ['*.Example.COM', '.example.net', 'example.org.'],
    });
    expect(result.ok && result.warninglist.values).toEqual(['example.com', 'example.net', 'example.org']);
  });

  it.each([
    ['{not json', /^not valid JSON/],
    [JSON.stringify([1, 2]), /^\(root\): /],
    [JSON.stringify({ ...VALID, name: undefined }), /^name: /],
    [JSON.stringify({ ...VALID, name: '' }), /^name: name must not be empty/],
    [JSON.stringify({ ...VALID, type: 'prefix' }), /^type: /],
    [JSON.stringify({ ...VALID, list: 'x' }), /^list: /],
    [JSON.stringify({ ...VALID, list: [1] }), /^list\.0: /],
    [JSON.stringify({ ...VALID, list: ['nope'] }), /^list: no usable entry/],
  ])('refuses %s with a clear error', (input, message) => {
    const result = parseMispWarninglist(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(message);
  });

  it('skips single bad entries with a warning that names their index', () => {
    const result = parseMispWarninglist({ ...VALID, list: ['192.0.2.1', '300.1.1.1', '10.0.0.0/33'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warninglist.values).toEqual(['192.0.2.1']);
    expect(result.warnings).toEqual([
      'list[1] "300.1.1.1" is not an IP address or CIDR network; skipped',
      'list[2] "10.0.0.0/33" is not an IP address or CIDR network; skipped',
    ]);
  });

  it('refuses regexes that do not compile or could backtrack catastrophically', () => {
    const result = parseMispWarninglist({
      ...VALID,
      type: 'regex',
      list: ['/^ok\\.example$/i', '/(a+)+$/', '/x/g', '(unclosed'],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warninglist.values).toEqual(['/^ok\\.example$/i']);
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings[1]).toMatch(/unsupported regex flags "g"/);
  });
});
