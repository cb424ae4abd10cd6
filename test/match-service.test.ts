import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldMap } from '../src/match/index.js';
import { FIELD_MAPS } from '../src/match/index.js';
import { runMatch } from '../src/matching/index.js';
import { reportSighting } from '../src/sightings/report-sighting.js';
import type { InputKind, MatchRecord } from '../src/matching/index.js';
import type { UserViewer } from '../src/policy/viewer.js';
import { bundle, chunked, indicator } from './factories.js';
import { importText } from './import-helpers.js';
import { matchWorld, SHA256 } from './fixtures/match/world.js';
import type { MatchWorld } from './fixtures/match/world.js';
import { storeBackends } from './store-harness.js';

async function match(
  w: MatchWorld,
  viewer: UserViewer,
  input: InputKind,
  text: string,
  fieldMap?: FieldMap,
): Promise<{ matches: MatchRecord[]; summary: Awaited<ReturnType<typeof runMatch>>['summary'] }> {
  const matches: MatchRecord[] = [];
  const { summary } = await runMatch(w.store, viewer, [{ open: () => chunked(text, 7) }], {
    input,
    ...(fieldMap === undefined ? {} : { fieldMap }),
    onMatch: (m) => {
      matches.push(m);
    },
  });
  return { matches, summary };
}

const ids = (ms: MatchRecord[]) => ms.map((m) => m.indicator.id);

describe.each(storeBackends())('matching against the store on $name', ({ open }) => {
  let w: MatchWorld;
  beforeAll(async () => {
    w = await matchWorld(await open());
  });
  afterAll(async () => {
    await w.store.close();
  });

  const everything = [
    '198.18.1.1',
    '198.18.1.2',
    '198.18.1.3',
    '198.18.1.4',
    '198.18.1.5',
    '198.18.1.6',
    '8.8.8.8',
    'c2.accord-test.xyz',
  ].join('\n');

  it('only names indicators the caller may see, live and not warninglisted', async () => {
    const owner = await match(w, w.owner.viewer, 'values', everything);
    expect(ids(owner.matches).sort()).toEqual(
      [w.ids.group, w.ids.orgOnly, w.ids.orphaned, w.ids.community].sort(),
    );
    expect(owner.summary.skipped.warninglisted).toBe(1);
    const member = await match(w, w.member.viewer, 'values', everything);
    expect(ids(member.matches).sort()).toEqual([w.ids.group, w.ids.orphaned, w.ids.community].sort());
    const outsider = await match(w, w.outsider.viewer, 'values', everything);
    expect(ids(outsider.matches)).toEqual([w.ids.community]);
    expect(outsider.matches[0]).toMatchObject({
      line: 8,
      value: 'c2.accord-test.xyz',
      indicator: { name: 'community domain' },
      owner_org: w.owner.viewer.orgId,
      tlp: null,
    });
    expect(outsider.summary).toMatchObject({ events: 8, matches: 1, matched_indicators: 1, malformed: 0 });
  });

  it('leaves decayed indicators out (src/lifecycle isLive)', async () => {
    const old = indicator({
      name: 'stale ip',
      pattern: "[ipv4-addr:value = '198.18.66.6']",
      created: '2025-01-01T00:00:00.000Z',
      modified: '2025-01-01T00:00:00.000Z',
      valid_from: '2025-01-01T00:00:00.000Z',
    });
    await importText(w.store, w.owner.viewer, bundle([old]), { distribution: 'community' });
    expect(ids((await match(w, w.outsider.viewer, 'values', '198.18.66.6')).matches)).toEqual([old.id]);
    // An IP address a year old, received a year ago, has decayed below the threshold.
    await w.store.db
      .updateTable('objects')
      .set({ date_added: '2025-01-01T00:00:00.000Z' })
      .where('id', '=', old.id)
      .execute();
    expect((await match(w, w.outsider.viewer, 'values', '198.18.66.6')).matches).toEqual([]);
    // A recent sighting the caller can see brings it back, as in the defender feeds.
    const [posted] = await reportSighting(w.store, w.outsider.viewer, {
      indicator_id: old.id,
      last_seen: new Date().toISOString(),
    });
    expect(posted?.status).toBe('created');
    expect(ids((await match(w, w.outsider.viewer, 'values', '198.18.66.6')).matches)).toEqual([old.id]);
  });

  it('types plain values: CIDR, domain suffix, URL host, hash, e-mail, defanged', async () => {
    const text = [
      '# a comment',
      '198.19.44.1',
      'x.evil.accord-test.xyz',
      'hxxp://www.accord-test.xyz/gate.php',
      SHA256.toUpperCase(),
      'bob@c2.accord-test.xyz',
      '',
      'not a value at all',
    ].join('\n');
    const { matches, summary } = await match(w, w.outsider.viewer, 'values', text);
    expect(matches.map((m) => [m.line, m.indicator.id])).toEqual([
      [2, w.ids.cidr],
      [3, w.ids.suffix],
      [4, w.ids.url],
      [5, w.ids.hash],
      [6, w.ids.community],
    ]);
    expect(summary.malformed_lines).toEqual([
      { line: 8, error: 'not an IP address, domain, URL, e-mail address or hash' },
    ]);
  });

  it('maps JSON Lines with every preset and reports malformed lines', async () => {
    const conn = await match(
      w,
      w.member.viewer,
      'jsonl',
      [
        JSON.stringify({ ts: 1764380000.1, 'id.orig_h': '10.1.1.1', 'id.resp_h': '198.18.1.1' }),
        '{"ts": 1, broken',
        '[1,2]',
        JSON.stringify({ ts: 1764380001, 'id.orig_h': '10.1.1.1', 'id.resp_h': '198.18.2.2' }),
      ].join('\n'),
      FIELD_MAPS['zeek-conn'],
    );
    expect(conn.matches.map((m) => [m.line, m.indicator.id])).toEqual([[1, w.ids.group]]);
    expect(conn.matches[0]!.event).toMatchObject({ 'id.resp_h': '198.18.1.1' });
    expect(conn.summary.malformed_lines.map((l) => l.line)).toEqual([2, 3]);
    expect(conn.summary.malformed_lines[0]!.error).toMatch(/^not JSON/);
    expect(conn.summary.malformed_lines[1]!.error).toBe('not a JSON object');

    const dns = await match(
      w,
      w.outsider.viewer,
      'jsonl',
      `${JSON.stringify({ ts: 1, query: 'C2.accord-test.xyz', answers: ['198.19.0.7'] })}\n`,
      FIELD_MAPS['zeek-dns'],
    );
    expect(ids(dns.matches).sort()).toEqual([w.ids.community, w.ids.cidr].sort());

    const http = await match(
      w,
      w.outsider.viewer,
      'jsonl',
      JSON.stringify({ ts: 1, host: 'www.accord-test.xyz', uri: '/gate.php' }),
      FIELD_MAPS['zeek-http'],
    );
    expect(ids(http.matches)).toEqual([w.ids.url]);

    const ecs = await match(
      w,
      w.outsider.viewer,
      'jsonl',
      [
        JSON.stringify({ '@timestamp': '2026-11-01T00:00:00Z', file: { hash: { sha256: SHA256 } } }),
        JSON.stringify({
          '@timestamp': '2026-11-01T00:00:01Z',
          dns: { question: { name: 'stage1.accord-test.xyz' } },
        }),
        JSON.stringify({ '@timestamp': '2026-11-01T00:00:05Z', destination: { ip: '198.18.9.9' } }),
      ].join('\n'),
      FIELD_MAPS.ecs,
    );
    expect(ecs.matches.map((m) => [m.line, m.indicator.id, m.lines])).toEqual([
      [1, w.ids.hash, undefined],
      [3, w.ids.followed, [2, 3]],
    ]);
  });

  it('matches STIX observed-data, one observation and across observations', async () => {
    const ip = (id: string, value: string) => ({ type: 'ipv4-addr', spec_version: '2.1', id, value });
    const od = (id: string, t: string, refs: string[]) => ({
      type: 'observed-data',
      spec_version: '2.1',
      id,
      created: t,
      modified: t,
      first_observed: t,
      last_observed: t,
      number_observed: 1,
      object_refs: refs,
    });
    const objects = [
      ip('ipv4-addr--11111111-1111-4111-8111-111111111111', '198.18.5.5'),
      {
        type: 'network-traffic',
        spec_version: '2.1',
        id: 'network-traffic--22222222-2222-4222-8222-222222222222',
        dst_ref: 'ipv4-addr--11111111-1111-4111-8111-111111111111',
        protocols: ['tcp'],
      },
      od('observed-data--00000000-0000-4000-8000-000000000001', '2026-11-01T00:00:00Z', [
        'network-traffic--22222222-2222-4222-8222-222222222222',
        'ipv4-addr--11111111-1111-4111-8111-111111111111',
      ]),
      {
        type: 'domain-name',
        spec_version: '2.1',
        id: 'domain-name--33333333-3333-4333-8333-333333333333',
        value: 'stage1.accord-test.xyz',
      },
      od('observed-data--00000000-0000-4000-8000-000000000002', '2026-11-01T00:01:00Z', [
        'domain-name--33333333-3333-4333-8333-333333333333',
      ]),
      ip('ipv4-addr--44444444-4444-4444-8444-444444444444', '198.18.9.9'),
      od('observed-data--00000000-0000-4000-8000-000000000003', '2026-11-01T00:02:00Z', [
        'ipv4-addr--44444444-4444-4444-8444-444444444444',
      ]),
    ];
    const text = JSON.stringify({
      type: 'bundle',
      id: 'bundle--55555555-5555-4555-8555-555555555555',
      objects,
    });
    const { matches, summary } = await match(w, w.outsider.viewer, 'stix', text);
    expect(matches.map((m) => [m.indicator.id, m.observed_data])).toEqual([
      [w.ids.dstRef, ['observed-data--00000000-0000-4000-8000-000000000001']],
      [
        w.ids.followed,
        [
          'observed-data--00000000-0000-4000-8000-000000000002',
          'observed-data--00000000-0000-4000-8000-000000000003',
        ],
      ],
    ]);
    expect(summary).toMatchObject({ events: 3, malformed: 0 });

    const broken = await match(
      w,
      w.outsider.viewer,
      'stix',
      '{"type": "bundle", "objects": [{"type": "ipv4-addr"}, {oops}]}',
    );
    expect(broken.summary.malformed).toBe(1);
    expect(broken.summary.malformed_lines[0]!.line).toBe(1);
  });
});
