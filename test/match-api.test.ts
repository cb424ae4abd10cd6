import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRoutes } from '../src/http/match/match.routes.js';
import type { MatchResponse } from '../src/http/match/match.schema.js';
import { ViewerIndexCache } from '../src/matching/index.js';
import { bundle, indicator } from './factories.js';
import { matchWorld } from './fixtures/match/world.js';
import type { MatchWorld } from './fixtures/match/world.js';
import { testApp } from './http-harness.js';
import { importText } from './import-helpers.js';
import { storeBackends } from './store-harness.js';

describe.each(storeBackends())('POST /api/v1/match on $name', ({ open }) => {
  let w: MatchWorld;
  let app: FastifyInstance;
  const cache = new ViewerIndexCache();
  beforeAll(async () => {
    w = await matchWorld(await open());
    app = await testApp(w.store, [(ctx) => matchRoutes(ctx, cache)]);
  });
  afterAll(async () => {
    await app.close();
    await w.store.close();
  });

  const post = async (auth: Record<string, string>, url: string, contentType: string, payload: string) => {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { ...auth, 'content-type': contentType },
      payload,
    });
    return { status: res.statusCode, body: res.json<MatchResponse & { code?: string }>() };
  };

  it('never reports an indicator the caller may not see', async () => {
    const values = '198.18.1.1\n198.18.1.2\nc2.accord-test.xyz\n';
    const outsider = await post(w.outsider.auth, '/api/v1/match', 'text/plain', values);
    expect(outsider.status).toBe(200);
    expect(outsider.body.matches.map((m) => m.indicator.id)).toEqual([w.ids.community]);
    const member = await post(w.member.auth, '/api/v1/match', 'text/plain', values);
    expect(member.body.matches.map((m) => m.indicator.id)).toEqual([w.ids.group, w.ids.community]);
    expect(member.body.summary).toMatchObject({ input: 'values', events: 3, matches: 2, truncated: false });
  });

  it('reads JSON Lines with a field map and STIX bundles by content type', async () => {
    const ndjson = `${JSON.stringify({ ts: 1, 'id.orig_h': '198.18.1.1', 'id.resp_h': '10.0.0.1' })}\nnot json\n`;
    const conn = await post(
      w.member.auth,
      '/api/v1/match?field_map=zeek-conn',
      'application/x-ndjson',
      ndjson,
    );
    expect(conn.status).toBe(200);
    expect(conn.body.matches).toMatchObject([{ line: 1, indicator: { id: w.ids.group }, event: { ts: 1 } }]);
    expect(conn.body.summary.malformed_lines).toMatchObject([{ line: 2 }]);
    const missing = await post(w.member.auth, '/api/v1/match', 'application/x-ndjson', ndjson);
    expect([missing.status, missing.body.code]).toEqual([400, 'field_map_required']);
    const forced = await post(w.member.auth, '/api/v1/match?input=values', 'application/json', '198.18.1.1');
    expect(forced.body.matches.map((m) => m.indicator.id)).toEqual([w.ids.group]);
    const octets = await post(
      w.member.auth,
      '/api/v1/match?input=values',
      'application/octet-stream',
      '198.18.1.1',
    );
    expect(octets.body.matches.map((m) => m.indicator.id)).toEqual([w.ids.group]);
    expect(
      (await post(w.member.auth, '/api/v1/match', 'application/octet-stream', '198.18.1.1')).status,
    ).toBe(415);

    const stix = bundle([
      {
        type: 'domain-name',
        spec_version: '2.1',
        id: 'domain-name--33333333-3333-4333-8333-333333333333',
        value: 'c2.accord-test.xyz',
      },
      {
        type: 'observed-data',
        spec_version: '2.1',
        id: 'observed-data--00000000-0000-4000-8000-000000000009',
        created: '2026-11-01T00:00:00Z',
        modified: '2026-11-01T00:00:00Z',
        first_observed: '2026-11-01T00:00:00Z',
        last_observed: '2026-11-01T00:00:00Z',
        number_observed: 1,
        object_refs: ['domain-name--33333333-3333-4333-8333-333333333333'],
      },
    ]);
    const res = await post(w.outsider.auth, '/api/v1/match', 'application/stix+json', JSON.stringify(stix));
    expect(res.body.matches).toMatchObject([
      {
        indicator: { id: w.ids.community },
        observed_data: ['observed-data--00000000-0000-4000-8000-000000000009'],
      },
    ]);
  });

  it('refuses anonymous callers and unknown content types', async () => {
    expect((await post({}, '/api/v1/match', 'text/plain', '198.18.1.1')).status).toBe(401);
    expect((await post(w.member.auth, '/api/v1/match', 'application/xml', '<x/>')).status).toBe(415);
  });

  it('reuses the compiled index per audience until something is written', async () => {
    const before = cache.builds;
    await post(w.outsider.auth, '/api/v1/match', 'text/plain', '198.18.1.1');
    await post(w.outsider.auth, '/api/v1/match', 'text/plain', '198.18.1.1');
    expect(cache.builds).toBe(before);
    const fresh = indicator({ name: 'new', pattern: "[ipv4-addr:value = '198.18.77.7']" });
    await importText(w.store, w.owner.viewer, bundle([fresh]), { distribution: 'community' });
    const after = await post(w.outsider.auth, '/api/v1/match', 'text/plain', '198.18.77.7');
    expect(after.body.matches.map((m) => m.indicator.id)).toEqual([fresh.id]);
    expect(cache.builds).toBe(before + 1);
  });

  it('reports sightings on request', async () => {
    const res = await post(
      w.outsider.auth,
      '/api/v1/match?report_sightings=true',
      'text/plain',
      'c2.accord-test.xyz',
    );
    expect(res.body.sightings).toMatchObject([
      { indicator: w.ids.community, status: 'created', distribution: 'community' },
    ]);
  });
});
