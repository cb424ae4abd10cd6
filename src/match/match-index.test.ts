import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePattern } from '../pattern/evaluator.js';
import type { Observation, Sco } from '../pattern/observation.js';
import { parsePattern } from '../pattern/parser.js';
import { RecordEvent } from './event.js';
import { MatchIndex } from './match-index.js';

const ids = (index: MatchIndex, values: Record<string, string | string[]>, time?: string): string[] =>
  index
    .match(time ? { values, time } : { values })
    .map((h) => h.id)
    .sort();

function indexOf(patterns: Record<string, string>, clock?: () => number): MatchIndex {
  const index = new MatchIndex(clock ? { clock } : {});
  for (const [id, pattern] of Object.entries(patterns)) {
    const r = index.add({ id, pattern });
    if (!r.ok) throw new Error(`${pattern}: ${r.error}`);
  }
  return index;
}

describe('MatchIndex single comparisons', () => {
  const index = indexOf({
    ip: "[ipv4-addr:value = '198.51.100.7']",
    net: "[ipv4-addr:value ISSUBSET '10.0.0.0/8']",
    neteq: "[ipv4-addr:value = '192.0.2.0/24']",
    v6: "[ipv6-addr:value ISSUBSET '2001:db8::/32']",
    v6eq: "[ipv6-addr:value = '2001:DB8:0:0:0:0:0:1']",
    dom: "[domain-name:value = 'Evil.Example.com']",
    suffix: "[domain-name:value LIKE '%.bad.org']",
    url: "[url:value = 'HTTP://Evil.Example.com/Gate.php']",
    contains: "[url:value LIKE '%/wp-admin/%']",
    re: "[url:value MATCHES '^https?://[a-z0-9.]+/dl/[a-f0-9]{8}\\\\.exe$']",
    md5: "[file:hashes.MD5 = '79054025255FB1A26E4BC422AEF54EB4']",
    sha: "[file:hashes.'SHA-256' IN ('aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f')]",
    port: '[network-traffic:dst_port = 4444]',
    notport: '[network-traffic:dst_port > 60000]',
  });

  it('decides equality, CIDR, suffix, substring and regex from the index', () => {
    expect(ids(index, { 'ipv4-addr:value': '198.51.100.7' })).toEqual(['ip']);
    expect(ids(index, { 'ipv4-addr:value': '10.20.30.40' })).toEqual(['net']);
    expect(ids(index, { 'ipv4-addr:value': '192.0.2.99' })).toEqual(['neteq']);
    expect(ids(index, { 'ipv4-addr:value': ['1.1.1.1', '10.0.0.1', '198.51.100.7'] })).toEqual(['ip', 'net']);
    expect(ids(index, { 'ipv6-addr:value': '2001:db8::1' })).toEqual(['v6', 'v6eq']);
    expect(ids(index, { 'ipv6-addr:value': '2001:db9::1' })).toEqual([]);
    expect(ids(index, { 'domain-name:value': 'EVIL.example.COM.' })).toEqual(['dom']);
    expect(ids(index, { 'domain-name:value': 'x.y.bad.org' })).toEqual(['suffix']);
    expect(ids(index, { 'domain-name:value': 'bad.org' })).toEqual([]);
    expect(ids(index, { 'url:value': 'http://evil.example.com/Gate.php' })).toEqual(['url']);
    expect(ids(index, { 'url:value': 'http://evil.example.com/gate.php' })).toEqual([]);
    expect(ids(index, { 'url:value': 'https://blog.test/wp-admin/x' })).toEqual(['contains']);
    expect(ids(index, { 'url:value': 'https://cdn.test/dl/deadbeef.exe' })).toEqual(['re']);
    expect(ids(index, { 'url:value': 'https://cdn.test/dl/deadbeefX.exe' })).toEqual([]);
    expect(ids(index, { 'file:hashes.md5': '79054025255fb1a26e4bc422aef54eb4' })).toEqual(['md5']);
    expect(
      ids(index, {
        "file:hashes.'SHA-256'": 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F',
      }),
    ).toEqual(['sha']);
    expect(
      ids(index, {
        'file:hashes.sha256': 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f',
      }),
    ).toEqual(['sha']);
    expect(ids(index, { 'network-traffic:dst_port': '4444' })).toEqual(['port']);
    expect(ids(index, { 'network-traffic:dst_port': '61000' })).toEqual(['notport']);
    expect(ids(index, { 'network-traffic:dst_port': '80' })).toEqual([]);
  });

  it('accepts a Map of values', () => {
    const values = new Map([['ipv4-addr:value', ['198.51.100.7', '10.9.9.9']]]);
    expect(
      index
        .match({ values })
        .map((h) => h.id)
        .sort(),
    ).toEqual(['ip', 'net']);
  });

  it('reports an indicator once per event', () => {
    const one = indexOf({ a: "[domain-name:value LIKE '%.x.com' OR domain-name:value LIKE '%.y.x.com']" });
    expect(ids(one, { 'domain-name:value': ['a.y.x.com', 'b.x.com'] })).toEqual(['a']);
  });
});

describe('MatchIndex compound patterns and lifecycle', () => {
  it('checks AND/OR candidates exactly', () => {
    const index = indexOf({
      and: "[network-traffic:dst_ref.value = '203.0.113.5' AND network-traffic:dst_port = 443]",
      or: "[domain-name:value = 'a.test' OR url:value LIKE 'http://b.test/%']",
      neg: "[domain-name:value = 'c.test' AND domain-name:value NOT LIKE '%.org']",
      neg2: "[domain-name:value = 'c.test' AND domain-name:value NOT LIKE '%.test']",
      obsOr: "[ipv4-addr:value = '1.1.1.1'] OR [ipv4-addr:value = '2.2.2.2']",
      obsAnd: "[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '2.2.2.2']",
    });
    expect(
      ids(index, { 'network-traffic:dst_ref.value': '203.0.113.5', 'network-traffic:dst_port': '443' }),
    ).toEqual(['and']);
    expect(
      ids(index, { 'network-traffic:dst_ref.value': '203.0.113.5', 'network-traffic:dst_port': '80' }),
    ).toEqual([]);
    expect(ids(index, { 'url:value': 'http://b.test/x' })).toEqual(['or']);
    expect(ids(index, { 'domain-name:value': 'a.test' })).toEqual(['or']);
    expect(ids(index, { 'domain-name:value': 'c.test' })).toEqual(['neg']);
    expect(ids(index, { 'ipv4-addr:value': '2.2.2.2' })).toEqual(['obsOr']);
    // Two observations need two events: a single event never satisfies AND across observations.
    expect(ids(index, { 'ipv4-addr:value': ['1.1.1.1', '2.2.2.2'] })).toEqual(['obsOr']);
  });

  it('adds, replaces, removes and expires incrementally', () => {
    let now = Date.parse('2024-06-01T00:00:00Z');
    const index = new MatchIndex({ clock: () => now });
    expect(
      index.add({ id: 'x', pattern: "[ipv4-addr:value = '9.9.9.9']", validUntil: '2024-06-02T00:00:00Z' }).ok,
    ).toBe(true);
    expect(
      index.add({ id: 'y', pattern: "[ipv4-addr:value = '8.8.8.8']", validFrom: '2024-06-03T00:00:00Z' }).ok,
    ).toBe(true);
    expect(index.add({ id: 'bad', pattern: '[ipv4-addr:value = ' }).ok).toBe(false);
    expect(index.size).toBe(2);
    expect(ids(index, { 'ipv4-addr:value': '9.9.9.9' })).toEqual(['x']);
    expect(ids(index, { 'ipv4-addr:value': '8.8.8.8' })).toEqual([]);
    expect(ids(index, { 'ipv4-addr:value': '8.8.8.8' }, '2024-06-03T00:00:01Z')).toEqual(['y']);
    index.add({ id: 'x', pattern: "[ipv4-addr:value = '7.7.7.7']" });
    expect(index.size).toBe(2);
    expect(ids(index, { 'ipv4-addr:value': '9.9.9.9' })).toEqual([]);
    expect(ids(index, { 'ipv4-addr:value': '7.7.7.7' })).toEqual(['x']);
    expect(index.remove('x')).toBe(true);
    expect(index.remove('x')).toBe(false);
    expect(ids(index, { 'ipv4-addr:value': '7.7.7.7' })).toEqual([]);
    index.add({
      id: 'z',
      pattern: "[ipv4-addr:value = '6.6.6.6']",
      validUntil: '2024-06-01T12:00:00Z',
      meta: { tlp: 'amber' },
    });
    expect(index.match({ values: { 'ipv4-addr:value': '6.6.6.6' } })[0]?.meta).toEqual({ tlp: 'amber' });
    now = Date.parse('2024-06-01T12:00:00Z');
    expect(ids(index, { 'ipv4-addr:value': '6.6.6.6' })).toEqual([]);
    expect(index.expire()).toEqual(['z']);
    expect(index.size).toBe(1);
  });
});

/** The same event as observed data, for comparison with the general evaluator. */
function toObservation(values: Record<string, string>): Observation {
  const objects: Record<string, Sco> = {};
  for (const [key, value] of Object.entries(values)) {
    const [type, path] = key.split(':') as [string, string];
    const o = (objects[type] ??= { type });
    o[path] = /^\d+$/.test(value) ? Number(value) : value;
  }
  return {
    id: 'od',
    first_observed: '2024-01-01T00:00:00Z',
    last_observed: '2024-01-01T00:00:00Z',
    number_observed: 1,
    objects,
  };
}

describe('MatchIndex agrees with the general evaluator', () => {
  const ip = fc.constantFrom('10.0.0.1', '10.1.2.3', '192.0.2.7', '198.51.100.7', '8.8.8.8');
  const domain = fc.constantFrom('a.evil.com', 'evil.com', 'x.y.bad.org', 'good.net', 'mail.evil.com');
  const url = fc.constantFrom(
    'http://a.evil.com/gate.php',
    'https://good.net/index.html',
    'http://x.y.bad.org/dl/abc.exe',
  );
  const port = fc.constantFrom('22', '443', '4444', '8080');
  const comparison = fc.oneof(
    ip.map((v) => `ipv4-addr:value = '${v}'`),
    ip.map((v) => `ipv4-addr:value != '${v}'`),
    fc
      .constantFrom('10.0.0.0/8', '192.0.2.0/24', '0.0.0.0/0', '198.51.100.7/32')
      .map((v) => `ipv4-addr:value ISSUBSET '${v}'`),
    fc.constantFrom('10.0.0.0/8', '192.0.2.0/24').map((v) => `ipv4-addr:value NOT ISSUBSET '${v}'`),
    domain.map((v) => `domain-name:value = '${v}'`),
    fc
      .constantFrom('%.evil.com', '%.bad.org', '%evil%', 'good.%', '%.com')
      .map((v) => `domain-name:value LIKE '${v}'`),
    fc.constantFrom('%gate%', 'http://%', '%.exe', '%/dl/%').map((v) => `url:value LIKE '${v}'`),
    fc
      .constantFrom('^https://', 'gate\\\\.php$', '/dl/[a-z]+\\\\.exe', 'evil')
      .map((v) => `url:value MATCHES '${v}'`),
    port.map((v) => `network-traffic:dst_port = ${v}`),
    port.map((v) => `network-traffic:dst_port > ${v}`),
    fc.constantFrom('(22, 443)', '(8080)').map((v) => `network-traffic:dst_port IN ${v}`),
  );
  const sameType = (a: string, b: string): boolean => a.split(':')[0] === b.split(':')[0];
  const expr = fc.oneof(
    comparison,
    fc
      .tuple(comparison, comparison, fc.constantFrom('AND', 'OR'))
      .filter(([a, b]) => sameType(a, b))
      .map(([a, b, op]) => `${a} ${op} ${b}`),
  );
  const pattern = fc.oneof(
    expr.map((e) => `[${e}]`),
    fc.tuple(expr, expr).map(([a, b]) => `[${a}] OR [${b}]`),
  );
  const event = fc.record(
    {
      'ipv4-addr:value': ip,
      'domain-name:value': domain,
      'url:value': url,
      'network-traffic:dst_port': port,
    },
    { requiredKeys: [] },
  );

  it('on generated indicators and events', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(pattern, { minLength: 1, maxLength: 12 }),
        fc.array(event, { minLength: 1, maxLength: 5 }),
        (patterns, events) => {
          const index = new MatchIndex();
          patterns.forEach((p, i) => {
            expect(index.add({ id: String(i), pattern: p }).ok).toBe(true);
          });
          for (const values of events) {
            const got = index
              .match({ values })
              .map((h) => Number(h.id))
              .sort((a, b) => a - b);
            const want = patterns.flatMap((p, i) => {
              const parsed = parsePattern(p);
              if (!parsed.ok) throw new Error(p);
              return evaluatePattern(parsed.ast, [toObservation(values)]).matched ? [i] : [];
            });
            expect(got, JSON.stringify({ values, patterns })).toEqual(want);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('MatchIndex key lookups by value position', () => {
  it('sees key indexes made or dropped after record events went through', () => {
    const index = new MatchIndex();
    index.add({ id: 'dom', pattern: "[domain-name:value = 'evil.accord-test.xyz']" });
    const event = (): RecordEvent => {
      const e = new RecordEvent();
      e.put('ipv4-addr:value', '198.18.0.7');
      e.put('domain-name:value', 'evil.accord-test.xyz');
      return e;
    };
    const hitIds = (): string[] =>
      index
        .match(event())
        .map((h) => h.id)
        .sort();
    expect(hitIds()).toEqual(['dom']);
    // The first position's key had no index when the event above went through.
    index.add({ id: 'ip', pattern: "[ipv4-addr:value = '198.18.0.7']" });
    expect(hitIds()).toEqual(['dom', 'ip']);
    // Dropped and made again: a new index for the same key.
    index.remove('ip');
    expect(hitIds()).toEqual(['dom']);
    index.add({ id: 'ip2', pattern: "[ipv4-addr:value ISSUBSET '198.18.0.0/16']" });
    expect(hitIds()).toEqual(['dom', 'ip2']);
    // Events with their keys in another order.
    const other = new RecordEvent();
    other.put('domain-name:value', 'evil.accord-test.xyz');
    other.put('ipv4-addr:value', '198.18.9.9');
    expect(
      index
        .match(other)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['dom', 'ip2']);
  });

  it('answers an event that nominates nothing with an empty array of its own', () => {
    const index = indexOf({ dom: "[domain-name:value = 'evil.accord-test.xyz']" });
    const none = index.match({ values: { 'domain-name:value': 'good.accord-test.xyz' } });
    expect(none).toEqual([]);
    none.push({ id: 'x', pattern: '', meta: null, events: [] });
    expect(index.match({ values: { 'domain-name:value': 'good.accord-test.xyz' } })).toEqual([]);
  });
});
