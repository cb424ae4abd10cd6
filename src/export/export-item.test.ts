import { describe, expect, it } from 'vitest';
import type { StixObject } from '../stix/types.js';
import { exportItemFromIndicator, exportItemFromSco, exportItemsFromSco } from './export-item.js';

const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
const RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';

function indicator(pattern: string, extra: Partial<StixObject> = {}): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2025-01-01T00:00:00.000Z',
    modified: '2025-01-02T03:04:05.000Z',
    pattern,
    pattern_type: 'stix',
    valid_from: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

describe('exportItemFromIndicator', () => {
  it('reads an IPv4 indicator with its metadata and TLP from the markings', () => {
    const item = exportItemFromIndicator(
      indicator("[ipv4-addr:value = '203.0.113.5']", {
        name: 'C2 server',
        description: 'seen in campaign X',
        confidence: 80,
        labels: ['malicious-activity'],
        created_by_ref: 'identity--1',
        valid_until: '2026-01-01T00:00:00Z',
        object_marking_refs: [AMBER],
      }),
      { ownerName: 'Telco CTI', url: 'https://accord.example/objects/x', pap: 'green' },
    );
    expect(item).toEqual({
      id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      kind: 'ipv4',
      value: '203.0.113.5',
      name: 'C2 server',
      description: 'seen in campaign X',
      tlp: 'amber',
      pap: 'green',
      confidence: 80,
      labels: ['malicious-activity'],
      ownerName: 'Telco CTI',
      ownerId: 'identity--1',
      created: '2025-01-01T00:00:00.000Z',
      modified: '2025-01-02T03:04:05.000Z',
      validUntil: '2026-01-01T00:00:00Z',
      url: 'https://accord.example/objects/x',
    });
  });

  it.each([
    ["[ipv4-addr:value ISSUBSET '198.51.100.0/24']", 'ipv4-cidr'],
    ["[ipv4-addr:value = '198.51.100.7/32']", 'ipv4'],
    ["[ipv6-addr:value = '2001:db8::1']", 'ipv6'],
    ["[ipv6-addr:value ISSUBSET '2001:db8::/32']", 'ipv6-cidr'],
    ["[domain-name:value = 'EVIL.example']", 'domain'],
    ["[url:value = 'http://evil.example/a']", 'url'],
    ["[email-addr:value = 'boss@evil.example']", 'email'],
    ["[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E']", 'md5'],
    ["[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']", 'sha1'],
    [
      "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
      'sha256',
    ],
  ])('maps %s to %s', (pattern, kind) => {
    expect(exportItemFromIndicator(indicator(pattern))?.kind).toBe(kind);
  });

  it('normalises values: lower-case domains and hashes', () => {
    expect(exportItemFromIndicator(indicator("[domain-name:value = 'EVIL.example']"))?.value).toBe(
      'evil.example',
    );
    expect(
      exportItemFromIndicator(indicator("[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E']"))?.value,
    ).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it.each([
    "[domain-name:value = 'a.example' AND domain-name:value = 'b.example']",
    "[domain-name:value != 'a.example']",
    "[domain-name:value NOT = 'a.example']",
    "[url:value LIKE 'http://%']",
    "[ipv4-addr:value = 'not an ip']",
    'not a pattern',
  ])('gives null for what a blocklist cannot hold: %s', (pattern) => {
    expect(exportItemFromIndicator(indicator(pattern))).toBeNull();
  });

  it('gives null for revoked indicators, other pattern languages and other objects', () => {
    expect(
      exportItemFromIndicator(indicator("[ipv4-addr:value = '203.0.113.5']", { revoked: true })),
    ).toBeNull();
    expect(exportItemFromIndicator(indicator('alert ip any any', { pattern_type: 'snort' }))).toBeNull();
    expect(exportItemFromIndicator({ type: 'malware', id: 'malware--1' })).toBeNull();
  });

  it('takes the most restrictive TLP marking; the caller may override it', () => {
    const both = indicator("[ipv4-addr:value = '203.0.113.5']", { object_marking_refs: [AMBER, RED] });
    expect(exportItemFromIndicator(both)?.tlp).toBe('red');
    expect(exportItemFromIndicator(both, { tlp: 'amber+strict' })?.tlp).toBe('amber+strict');
  });
});

describe('exportItemFromSco', () => {
  it('reads address, domain and URL objects', () => {
    const sco = {
      type: 'ipv4-addr',
      id: 'ipv4-addr--1',
      value: '198.51.100.0/24',
      modified: '2025-01-02T00:00:00Z',
    };
    expect(exportItemFromSco(sco)).toMatchObject({
      id: 'ipv4-addr--1',
      kind: 'ipv4-cidr',
      value: '198.51.100.0/24',
    });
    expect(
      exportItemFromSco({ type: 'domain-name', id: 'domain-name--1', value: 'Evil.Example.' }),
    ).toMatchObject({
      kind: 'domain',
      value: 'evil.example',
    });
  });

  it('stands a file for its strongest hash, and lists all its values on request', () => {
    const file = {
      type: 'file',
      id: 'file--1',
      name: 'x.exe',
      hashes: {
        MD5: 'd41d8cd98f00b204e9800998ecf8427e',
        'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
    };
    expect(exportItemFromSco(file)?.kind).toBe('sha256');
    expect(
      exportItemsFromSco(file)
        .map((i) => i.kind)
        .sort(),
    ).toEqual(['filename', 'md5', 'sha256']);
  });

  it('gives null for objects with nothing to export', () => {
    expect(exportItemFromSco({ type: 'process', id: 'process--1' })).toBeNull();
    expect(exportItemFromSco({ type: 'ipv4-addr', id: 'ipv4-addr--2', value: 'nope' })).toBeNull();
  });
});
