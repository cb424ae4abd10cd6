import { describe, expect, it } from 'vitest';
import { patternObservable } from './pattern-observable.js';

describe('patternObservable', () => {
  it.each([
    ["[ipv4-addr:value = '198.18.0.1']", { kind: 'ipv4', value: '198.18.0.1' }],
    ["[ipv4-addr:value = '198.18.0.0/24']", { kind: 'ipv4-cidr', value: '198.18.0.0/24' }],
    ["[ipv4-addr:value ISSUBSET '198.18.0.0/16']", { kind: 'ipv4-cidr', value: '198.18.0.0/16' }],
    ["[ipv6-addr:value = '2001:DB8:0:0::1']", { kind: 'ipv6', value: '2001:db8::1' }],
    ["[domain-name:value = 'Evil.Accord-Test.XYZ']", { kind: 'domain', value: 'evil.accord-test.xyz' }],
    [
      "[url:value = 'http://c2.accord-test.xyz/gate.php?id=1']",
      { kind: 'url', value: 'http://c2.accord-test.xyz/gate.php?id=1' },
    ],
    ["[file:hashes.'SHA-256' = 'AB".padEnd(70, 'C') + "']", null],
    [
      "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
      { kind: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
    ],
    ["[email-addr:value = 'boss@accord-test.xyz']", { kind: 'email', value: 'boss@accord-test.xyz' }],
    // The same kinds the defender exports read from a pattern (one mapping for both).
    ["[ipv4-addr:value = '198.18.0.7/32']", { kind: 'ipv4', value: '198.18.0.7' }],
    ["[file:hashes.SHA256 = '" + 'a'.repeat(64) + "']", { kind: 'sha256', value: 'a'.repeat(64) }],
    [
      "[cryptocurrency-wallet:value = '1BoatSLRHtKNngkdXEeobR76b53LETtpyT']",
      { kind: 'btc', value: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT' },
    ],
    // Not a single equality: nothing to index.
    ["[ipv4-addr:value = '198.18.0.1'] AND [domain-name:value = 'a.accord-test.xyz']", null],
    ["[ipv4-addr:value != '198.18.0.1']", null],
    ["[url:value ISSUBSET 'http://x/']", null],
    ["[domain-name:value LIKE '%.accord-test.xyz']", null],
  ])('%s', (pattern, expected) => {
    expect(patternObservable(pattern)).toEqual(expected);
  });

  it('takes the parser path for spaced or parenthesised patterns', () => {
    expect(patternObservable("[ ( ipv4-addr:value = '198.18.0.2' ) ]")).toEqual({
      kind: 'ipv4',
      value: '198.18.0.2',
    });
  });
});
