import { describe, expect, it } from 'vitest';
import { awkwardItems, item } from '../../test/fixtures/export/items.js';
import { checkZone, hasTool } from '../../test/fixtures/export/tools.js';
import { parseNetwork } from './address.js';
import { rpzDomain, rpzFormatter, rpzIpName, rpzSerial } from './rpz.js';
import { collect } from './stream-lines.js';

const ORIGIN = 'rpz.accord.example';

describe('rpz zone', () => {
  it('writes TTL, SOA with the serial, NS, domain and IP triggers', async () => {
    const out = await collect(
      rpzFormatter(
        [
          item({ kind: 'domain', value: 'Evil.Example' }),
          item({ kind: 'ipv4', value: '203.0.113.5' }),
          item({ kind: 'ipv4-cidr', value: '198.51.100.0/24' }),
          item({ kind: 'ipv6', value: '2001:db8::1' }),
          item({ kind: 'url', value: 'http://evil.example/' }),
          item({ kind: 'domain', value: 'evil.example' }),
        ],
        { origin: ORIGIN, serial: rpzSerial('2025-01-02T03:04:05.000Z'), ttl: 600 },
      ),
    );
    expect(out).toBe(
      [
        `; Accord response policy zone ${ORIGIN}`,
        '$TTL 600',
        '@ IN SOA localhost. hostmaster.localhost. 1735787045 3600 600 86400 300',
        '@ IN NS localhost.',
        'evil.example CNAME .',
        '*.evil.example CNAME .',
        '32.5.113.0.203.rpz-ip CNAME .',
        '24.0.100.51.198.rpz-ip CNAME .',
        '128.1.zz.db8.2001.rpz-ip CNAME .',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['2001:db8::1', '128.1.zz.db8.2001'],
    ['::1', '128.1.zz'],
    ['2001:db8::', '128.zz.db8.2001'],
    ['2001:db8:abcd::/48', '48.zz.abcd.db8.2001'],
    ['2001:db8:0:1:1:1:1:1', '128.1.1.1.1.1.0.db8.2001'],
    ['10.1.2.3/8', '8.0.0.0.10'],
  ])('names %s as %s', (value, name) => {
    const network = parseNetwork(value);
    expect(network).toBeDefined();
    if (network) expect(rpzIpName(network)).toBe(name);
  });

  it('uses actions other than NXDOMAIN when asked', async () => {
    const one = [item({ kind: 'domain', value: 'a.example' })];
    const line = async (action: Parameters<typeof rpzFormatter>[1]) =>
      (await collect(rpzFormatter(one, action))).split('\n')[4];
    expect(await line({ action: 'nodata' })).toBe('a.example CNAME *.');
    expect(await line({ action: 'drop' })).toBe('a.example CNAME rpz-drop.');
    expect(await line({ action: { redirect: 'walled.example' } })).toBe('a.example CNAME walled.example.');
  });

  it('refuses names that would break the zone', () => {
    expect(rpzDomain('bad domain.example', ORIGIN)).toBeUndefined();
    expect(rpzDomain('a;b.example', ORIGIN)).toBeUndefined();
    expect(rpzDomain(`${'a'.repeat(64)}.example`, ORIGIN)).toBeUndefined();
    expect(rpzDomain(`${'abcdefghi.'.repeat(24)}example`, ORIGIN)).toBeUndefined();
    expect(rpzDomain('xn--bcher-kva.example.', ORIGIN)).toBe('xn--bcher-kva.example');
  });

  it('derives the serial from the time of the last change', () => {
    expect(rpzSerial(new Date('2025-01-02T03:04:05.999Z'))).toBe(1735787045);
    expect(rpzSerial('2025-01-02T03:04:06Z')).toBeGreaterThan(rpzSerial('2025-01-02T03:04:05Z'));
    expect(() => rpzSerial('yesterday')).toThrow(/not a date/);
  });
});

const bind = hasTool('named-checkzone');
if (!bind) console.warn('skipped: named-checkzone not installed (apt-get install bind9-utils)');

describe.skipIf(!bind)('named-checkzone loads the zone', () => {
  it('accepts the awkward mix', async () => {
    const zone = await collect(rpzFormatter(awkwardItems(), { origin: ORIGIN, serial: 1735787045 }));
    const run = checkZone(ORIGIN, zone);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/loaded serial 1735787045/);
  });

  it('really checks: a broken zone fails', () => {
    expect(
      checkZone(ORIGIN, '$TTL 300\n@ IN SOA localhost. x. 1 2 3 4 5\nbroken record here\n').status,
    ).not.toBe(0);
  });
});
