import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv4ToNumber, maskIpv4, normaliseObservable, numberToIpv4 } from '../observable/index.js';
import { enclosingNetworks, ipRangeOf } from './ip-range.js';

describe('ipRangeOf', () => {
  it.each([
    [
      { kind: 'ipv4', value: '198.18.0.1' },
      { family: 4, lo: 'c6120001', hi: 'c6120001', prefix: 32 },
    ],
    [
      { kind: 'ipv4-cidr', value: '198.18.0.0/15' },
      { family: 4, lo: 'c6120000', hi: 'c613ffff', prefix: 15 },
    ],
    [
      { kind: 'ipv4-cidr', value: '0.0.0.0/0' },
      { family: 4, lo: '00000000', hi: 'ffffffff', prefix: 0 },
    ],
    [
      { kind: 'ipv6-cidr', value: '2001:db8::/32' },
      {
        family: 6,
        lo: '20010db8000000000000000000000000',
        hi: '20010db8ffffffffffffffffffffffff',
        prefix: 32,
      },
    ],
    [{ kind: 'domain', value: 'a.accord-test.xyz' }, null],
  ] as const)('%j', (o, expected) => {
    expect(ipRangeOf(o)).toEqual(expected);
  });
});

describe('enclosingNetworks', () => {
  it('lists every larger network, normalised as the index stores it', () => {
    const nets = enclosingNetworks({ kind: 'ipv4-cidr', value: '198.18.4.0/24' }).map((n) => n.value);
    expect(nets).toHaveLength(24);
    expect(nets[0]).toBe('0.0.0.0/0');
    expect(nets).toContain('198.18.0.0/16');
    expect(nets.at(-1)).toBe('198.18.4.0/23');
    const v6 = enclosingNetworks({ kind: 'ipv6', value: '2001:db8::5' });
    expect(v6).toHaveLength(129);
    expect(v6.at(-1)).toEqual({ kind: 'ipv6-cidr', value: '2001:db8::5/128' });
  });

  it('agrees with integer containment for any address and network (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(2 ** 32 - 1),
        fc.nat(2 ** 32 - 1),
        fc.integer({ min: 0, max: 32 }),
        (ip, base, prefix) => {
          const network = `${numberToIpv4(maskIpv4(base, prefix))}/${prefix}`;
          const inside = maskIpv4(ip, prefix) === maskIpv4(base, prefix);
          const found = enclosingNetworks({ kind: 'ipv4', value: numberToIpv4(ip) }).some(
            (n) => n.value === network,
          );
          expect(found).toBe(inside);
          const range = ipRangeOf({ kind: 'ipv4-cidr', value: normaliseObservable('ipv4-cidr', network)! })!;
          const hex = ip.toString(16).padStart(8, '0');
          expect(hex >= range.lo && hex <= range.hi).toBe(inside);
          expect(ipv4ToNumber(numberToIpv4(ip))).toBe(ip);
        },
      ),
    );
  });
});
