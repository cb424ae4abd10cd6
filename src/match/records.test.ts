import { describe, expect, it } from 'vitest';
import { FIELD_MAPS, recordToEvent } from './field-maps.js';
import { MatchIndex } from './match-index.js';
import { matchRecords } from './match-records.js';
import { valueToPaths } from './value-to-paths.js';

describe('valueToPaths', () => {
  it('types raw values', () => {
    expect(valueToPaths('198.51.100.7')).toEqual({ 'ipv4-addr:value': '198.51.100.7' });
    expect(valueToPaths('2001:DB8::0:1')).toEqual({ 'ipv6-addr:value': '2001:db8::1' });
    expect(valueToPaths('Evil.Example.com')).toEqual({ 'domain-name:value': 'evil.example.com' });
    expect(valueToPaths('http://Evil.example.com:8080/x?y')).toEqual({
      'url:value': 'http://Evil.example.com:8080/x?y',
      'domain-name:value': 'evil.example.com',
    });
    expect(valueToPaths('http://10.0.0.1/a')).toEqual({
      'url:value': 'http://10.0.0.1/a',
      'ipv4-addr:value': '10.0.0.1',
    });
    expect(valueToPaths('jdoe@Example.com')).toEqual({
      'email-addr:value': 'jdoe@Example.com',
      'domain-name:value': 'example.com',
    });
    expect(valueToPaths('79054025255FB1A26E4BC422AEF54EB4')).toEqual({
      'file:hashes.MD5': '79054025255fb1a26e4bc422aef54eb4',
    });
    expect(Object.keys(valueToPaths('a'.repeat(40)))).toEqual(["file:hashes.'SHA-1'"]);
    expect(Object.keys(valueToPaths('a'.repeat(64)))).toEqual(["file:hashes.'SHA-256'"]);
    expect(valueToPaths('not a value')).toEqual({});
    expect(valueToPaths('')).toEqual({});
  });
});

describe('field maps', () => {
  it('maps Zeek and ECS records', () => {
    const conn = recordToEvent(
      { ts: 1704067200.5, 'id.orig_h': '10.0.0.5', 'id.resp_h': '198.51.100.7' },
      FIELD_MAPS['zeek-conn'],
    );
    expect(conn.time).toBe('2024-01-01T00:00:00.500Z');
    expect(conn.values).toEqual(new Map([['ipv4-addr:value', ['10.0.0.5', '198.51.100.7']]]));
    const http = recordToEvent(
      { ts: 1, host: 'evil.example.com', uri: '/gate.php' },
      FIELD_MAPS['zeek-http'],
    );
    expect(http.values).toEqual(
      new Map([
        ['domain-name:value', ['evil.example.com']],
        ['url:value', ['http://evil.example.com/gate.php']],
      ]),
    );
    const ecs = recordToEvent(
      {
        '@timestamp': '2024-01-01T00:00:00Z',
        source: { ip: '10.0.0.5' },
        file: { hash: { sha256: 'AB'.repeat(32) } },
        dns: { question: { name: 'x.test' } },
      },
      FIELD_MAPS.ecs,
    );
    expect(ecs.time).toBe('2024-01-01T00:00:00Z');
    expect(ecs.values).toEqual(
      new Map([
        ['ipv4-addr:value', ['10.0.0.5']],
        ['domain-name:value', ['x.test']],
        ["file:hashes.'SHA-256'", ['AB'.repeat(32)]],
      ]),
    );
  });

  it('keeps values flat and builds the Map and the RFC 3339 time only when read', () => {
    const map = { fields: { a: 'auto', h: 'file:hashes.sha256', d: 'domain-name:value' }, time: 't' };
    const e = recordToEvent({ t: 1704067200.0129, a: 'http://Evil.test/x', h: 'AB', d: 'evil.test' }, map);
    expect(e.timeMs).toBe(1704067200012);
    expect(e.canonical).toEqual(['url:value', 'domain-name:value', "file:hashes.'SHA-256'"]);
    expect(e.vals).toEqual(['http://Evil.test/x', 'evil.test', 'AB']);
    expect(e.keys).toEqual(['url:value', 'domain-name:value', 'file:hashes.sha256']);
    // Two spellings of one hash key stay two keys of the Map, as before.
    e.put("file:hashes.'SHA-256'", 'AB');
    e.put('file:hashes.sha256', 'AB');
    expect(e.canonical).toHaveLength(4);
    // The URL's host and the mapped domain are one value under one key.
    expect(e.values).toEqual(
      new Map([
        ['url:value', ['http://Evil.test/x']],
        ['domain-name:value', ['evil.test']],
        ['file:hashes.sha256', ['AB']],
        ["file:hashes.'SHA-256'", ['AB']],
      ]),
    );
    expect(e.time).toBe('2024-01-01T00:00:00.012Z');
    expect(recordToEvent({ t: 'yesterday' }, map).time).toBe('yesterday');
    expect(recordToEvent({ t: 'yesterday' }, map).timeMs).toBeUndefined();
    expect(recordToEvent({ t: '' }, map).time).toBeUndefined();
    expect(() => recordToEvent({ t: 1e20 }, map)).toThrow(RangeError);
  });

  it('refills a reused event exactly as a fresh one is filled', () => {
    const map = {
      fields: { a: 'auto', h: 'file:hashes.sha256', d: 'domain-name:value', p: 'network-traffic:dst_port' },
      time: 't',
    };
    const records: Record<string, unknown>[] = [
      { t: 1704067200.5, a: 'http://Evil.test/x', h: 'AB', d: 'evil.test' },
      { t: 'yesterday', d: ['a.test', 'b.test'], p: 443 },
      { a: '198.51.100.7' },
      { t: '2024-01-01T00:00:00Z', h: 'CD', a: 'x@evil.test' },
      {},
    ];
    const reused = recordToEvent(records[0]!, map);
    reused.id = 'was set';
    reused.seq = 7;
    for (const record of [...records, ...records.reverse()]) {
      const fresh = recordToEvent(record, map);
      const again = recordToEvent(record, map, reused);
      expect(again).toBe(reused);
      expect([again.id, again.seq]).toEqual([undefined, undefined]);
      expect([again.canonical, again.vals, again.keys]).toEqual([fresh.canonical, fresh.vals, fresh.keys]);
      expect([again.timeMs, again.time, again.values]).toEqual([fresh.timeMs, fresh.time, fresh.values]);
    }
  });

  it('matchRecords finds single and multi-record hits', () => {
    const index = new MatchIndex();
    index.add({ id: 'ip', pattern: "[ipv4-addr:value = '198.51.100.7']" });
    index.add({ id: 'hash', pattern: `[file:hashes.'SHA-256' = '${'ab'.repeat(32)}']` });
    index.add({
      id: 'seq',
      pattern: "[domain-name:value = 'x.test'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.9']",
    });
    const records = [
      { '@timestamp': '2024-01-01T00:00:00Z', destination: { ip: '198.51.100.7' } },
      { '@timestamp': '2024-01-01T00:00:01Z', file: { hash: { sha256: 'AB'.repeat(32) } } },
      { '@timestamp': '2024-01-01T00:00:02Z', dns: { question: { name: 'x.test' } } },
      { '@timestamp': '2024-01-01T00:00:03Z', source: { ip: '10.0.0.9' } },
    ];
    const hits = [...matchRecords(index, records, FIELD_MAPS.ecs)].map((h) => [h.id, h.record, h.events]);
    expect(hits).toEqual([
      ['ip', 0, ['0']],
      ['hash', 1, ['1']],
      ['seq', 3, ['2', '3']],
    ]);
  });
});
