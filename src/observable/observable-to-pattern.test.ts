import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePattern, singleComparison, validatePattern } from '../pattern/index.js';
import type { Observable } from './kind.js';
import { observableToPattern } from './observable-to-pattern.js';

const CASES: [Observable, string | null][] = [
  [{ kind: 'ipv4', value: '1.2.3.4' }, "[ipv4-addr:value = '1.2.3.4']"],
  [{ kind: 'ipv4-cidr', value: '10.0.0.0/8' }, "[ipv4-addr:value ISSUBSET '10.0.0.0/8']"],
  [{ kind: 'ipv6', value: '2001:db8::1' }, "[ipv6-addr:value = '2001:db8::1']"],
  [{ kind: 'ipv6-cidr', value: '2001:db8::/32' }, "[ipv6-addr:value ISSUBSET '2001:db8::/32']"],
  [{ kind: 'domain', value: 'evil.example' }, "[domain-name:value = 'evil.example']"],
  [{ kind: 'url', value: "http://x.example/it's\\here" }, "[url:value = 'http://x.example/it\\'s\\\\here']"],
  [{ kind: 'email', value: 'a@example.org' }, "[email-addr:value = 'a@example.org']"],
  [
    { kind: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
    "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
  ],
  [{ kind: 'sha1', value: 'a'.repeat(40) }, `[file:hashes.'SHA-1' = '${'a'.repeat(40)}']`],
  [{ kind: 'sha256', value: 'b'.repeat(64) }, `[file:hashes.'SHA-256' = '${'b'.repeat(64)}']`],
  [{ kind: 'sha512', value: 'c'.repeat(128) }, `[file:hashes.'SHA-512' = '${'c'.repeat(128)}']`],
  [{ kind: 'filename', value: 'invoice.pdf.exe' }, "[file:name = 'invoice.pdf.exe']"],
  [{ kind: 'mutex', value: 'Global\\M' }, "[mutex:name = 'Global\\\\M']"],
  [{ kind: 'asn', value: '64496' }, '[autonomous-system:number = 64496]'],
  [
    { kind: 'regkey', value: 'HKEY_LOCAL_MACHINE\\Run' },
    "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Run']",
  ],
  [{ kind: 'x509-sha1', value: 'd'.repeat(40) }, `[x509-certificate:hashes.'SHA-1' = '${'d'.repeat(40)}']`],
  [
    { kind: 'user-agent', value: 'Mozilla/4.0' },
    "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'Mozilla/4.0']",
  ],
  [{ kind: 'cve', value: 'CVE-2021-44228' }, null],
  [{ kind: 'asn', value: 'not-a-number' }, null],
];

describe('observableToPattern', () => {
  it.each(CASES)('%j -> %s', (o, expected) => {
    expect(observableToPattern(o)).toBe(expected);
  });

  it('produces patterns the STIX pattern validator accepts', () => {
    for (const [o, pattern] of CASES) {
      if (pattern === null) continue;
      const report = validatePattern(pattern);
      expect(report.errors, `${o.kind}: ${pattern}`).toEqual([]);
    }
  });

  it('round-trips any string value through the pattern parser', () => {
    const kinds = ['domain', 'url', 'filename', 'mutex', 'regkey', 'user-agent', 'email'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.string({ unit: 'binary' }), (kind, value) => {
        const pattern = observableToPattern({ kind, value });
        expect(pattern).not.toBeNull();
        const parsed = parsePattern(pattern!);
        if (!parsed.ok) throw new Error(`${pattern!}: ${parsed.error.message}`);
        expect(singleComparison(parsed.ast)?.value).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});
