import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { networkText, parseNetwork } from './address.js';

describe('parseNetwork', () => {
  it.each([
    ['203.0.113.5', { family: 'ipv4', address: '203.0.113.5', prefix: 32 }],
    ['198.51.100.77/24', { family: 'ipv4', address: '198.51.100.0', prefix: 24 }],
    ['10.1.2.3/0', { family: 'ipv4', address: '0.0.0.0', prefix: 0 }],
    ['192.0.2.1/32', { family: 'ipv4', address: '192.0.2.1', prefix: 32 }],
    ['2001:0DB8::1', { family: 'ipv6', address: '2001:db8::1', prefix: 128 }],
    ['2001:db8::1/32', { family: 'ipv6', address: '2001:db8::', prefix: 32 }],
  ])('reads %s', (value, network) => {
    expect(parseNetwork(value)).toEqual(network);
  });

  it.each(['999.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4/33', '0x7f.0.0.1', 'fe80::1%eth0', '', 'evil.example'])(
    'refuses %s',
    (value) => {
      expect(parseNetwork(value)).toBeUndefined();
    },
  );

  it('agrees with ipaddr.js on every IPv4 CIDR', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
        const network = parseNetwork(`${ip}/${prefix}`);
        expect(network?.address).toBe(ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${prefix}`).toString());
        expect(network && networkText(network)).toBe(
          prefix === 32
            ? ip
            : `${ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${prefix}`).toString()}/${prefix}`,
        );
      }),
    );
  });
});
