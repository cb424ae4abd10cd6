import type { Warninglist } from './warninglist.js';

/**
 * Accord's own warninglists: address ranges and names that never identify an attacker's
 * infrastructure, so an indicator on one is a false positive or a typo. Written from the RFCs
 * (IANA special-purpose registries), not copied from MISP.
 */
export const BUILTIN_WARNINGLISTS: readonly Warninglist[] = [
  {
    name: 'accord-rfc1918',
    description: 'RFC 1918 private IPv4 networks',
    type: 'cidr',
    values: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
  },
  {
    name: 'accord-rfc6598-cgnat',
    description: 'RFC 6598 shared address space (carrier-grade NAT)',
    type: 'cidr',
    values: ['100.64.0.0/10'],
  },
  {
    name: 'accord-loopback',
    description: 'Loopback addresses (RFC 1122, RFC 4291)',
    type: 'cidr',
    values: ['127.0.0.0/8', '::1/128'],
  },
  {
    name: 'accord-link-local',
    description: 'Link-local addresses (RFC 3927, RFC 4291)',
    type: 'cidr',
    values: ['169.254.0.0/16', 'fe80::/10'],
  },
  {
    name: 'accord-multicast',
    description: 'Multicast addresses (RFC 5771, RFC 4291)',
    type: 'cidr',
    values: ['224.0.0.0/4', 'ff00::/8'],
  },
  {
    name: 'accord-documentation',
    description: 'Documentation ranges (RFC 5737, RFC 3849): TEST-NET-1/2/3 and 2001:db8::/32',
    type: 'cidr',
    values: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'],
  },
  {
    name: 'accord-ipv6-ula',
    description: 'IPv6 unique local addresses (RFC 4193)',
    type: 'cidr',
    values: ['fc00::/7'],
  },
  {
    name: 'accord-reserved-ip',
    description: '"This network", reserved and broadcast addresses, and the unspecified IPv6 address',
    type: 'cidr',
    values: ['0.0.0.0/8', '240.0.0.0/4', '::/128'],
  },
  {
    name: 'accord-public-dns-resolvers',
    description: 'Large public DNS resolvers (Google, Cloudflare, Quad9, OpenDNS): contacted by everyone',
    type: 'cidr',
    values: [
      '8.8.8.8',
      '8.8.4.4',
      '2001:4860:4860::8888',
      '2001:4860:4860::8844',
      '1.1.1.1',
      '1.0.0.1',
      '2606:4700:4700::1111',
      '2606:4700:4700::1001',
      '9.9.9.9',
      '149.112.112.112',
      '2620:fe::fe',
      '2620:fe::9',
      '208.67.222.222',
      '208.67.220.220',
      '2620:119:35::35',
      '2620:119:53::53',
    ],
  },
  {
    name: 'accord-reserved-domains',
    description: 'Reserved top-level and example domains (RFC 2606, RFC 6761, RFC 6762, RFC 8375)',
    type: 'hostname',
    values: [
      'example',
      'test',
      'invalid',
      'localhost',
      'local',
      'home.arpa',
      'example.com',
      'example.net',
      'example.org',
    ],
  },
];
