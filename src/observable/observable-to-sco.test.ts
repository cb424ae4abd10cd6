import { describe, expect, it } from 'vitest';
import { validateObject } from '../stix/index.js';
import type { Observable } from './kind.js';
import { observableToSco } from './observable-to-sco.js';
import { observablesFromSco } from './observables-from-sco.js';

const ROUND_TRIP: Observable[] = [
  { kind: 'ipv4', value: '192.0.2.1' },
  { kind: 'ipv4-cidr', value: '192.0.2.0/24' },
  { kind: 'ipv6', value: '2001:db8::1' },
  { kind: 'ipv6-cidr', value: '2001:db8::/32' },
  { kind: 'domain', value: 'evil.example.com' },
  { kind: 'url', value: 'https://evil.example.com/a?b=C' },
  { kind: 'email', value: 'Mallory@example.org' },
  { kind: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
  { kind: 'sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  { kind: 'sha256', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  { kind: 'sha512', value: 'f'.repeat(128) },
  { kind: 'filename', value: 'invoice.pdf.exe' },
  { kind: 'mutex', value: 'Global\\Evil' },
  { kind: 'asn', value: '64496' },
  { kind: 'regkey', value: 'HKEY_LOCAL_MACHINE\\Software\\Evil' },
  { kind: 'x509-sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
];

describe('observableToSco / observablesFromSco', () => {
  it.each(ROUND_TRIP)('$kind $value becomes a valid SCO that gives the observable back', (o) => {
    const sco = observableToSco(o);
    expect(sco).not.toBeNull();
    const result = validateObject(sco);
    expect(result.errors).toEqual([]);
    expect(observablesFromSco(sco!)).toEqual([o]);
  });

  it('gives the same deterministic id for the same value', () => {
    const a = observableToSco({ kind: 'domain', value: 'evil.example.com' });
    const b = observableToSco({ kind: 'domain', value: 'evil.example.com' });
    const c = observableToSco({ kind: 'domain', value: 'other.example.com' });
    expect(a?.id).toBe(b?.id);
    expect(a?.id).not.toBe(c?.id);
    // The STIX 2.1 specification's own example: domain-name "example.com".
    expect(observableToSco({ kind: 'domain', value: 'example.com' })?.id).toBe(
      'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7',
    );
  });

  it('has no SCO for kinds without a core STIX type', () => {
    expect(observableToSco({ kind: 'cve', value: 'CVE-2021-44228' })).toBeNull();
    expect(observableToSco({ kind: 'ja3', value: 'a'.repeat(32) })).toBeNull();
  });

  it('reads every hash and the name of a file, normalised, and skips values that do not normalise', () => {
    const found = observablesFromSco({
      type: 'file',
      id: 'file--00000000-0000-4000-8000-000000000000',
      hashes: { MD5: 'D41D8CD98F00B204E9800998ECF8427E', 'SHA-256': 'not-a-hash', SHA1: 'a'.repeat(40) },
      name: 'dropper.exe',
    });
    expect(found).toEqual([
      { kind: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
      { kind: 'sha1', value: 'a'.repeat(40) },
      { kind: 'filename', value: 'dropper.exe' },
    ]);
    expect(observablesFromSco({ type: 'ipv4-addr', id: 'ipv4-addr--x', value: '10.1.2.3/8' })).toEqual([
      { kind: 'ipv4-cidr', value: '10.0.0.0/8' },
    ]);
    expect(observablesFromSco({ type: 'software', id: 'software--x', name: 'Word' })).toEqual([]);
  });
});
