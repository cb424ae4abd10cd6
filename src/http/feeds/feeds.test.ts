import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bundle, indicator, orgId } from '../../../test/factories.js';
import { testApp, testUser } from '../../../test/http-harness.js';
import type { TestUser } from '../../../test/http-harness.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import { PAP_MARKING_IDS, TLP2_MARKING_IDS } from '../../policy/markings.js';
import type { Store } from '../../store/store.js';
import { feedsRoutes } from './feeds.routes.js';

// Not documentation ranges: those are warninglisted and never exported.
const ip = (v: string, extra = {}) =>
  indicator({ name: `C2 ${v}`, pattern: `[ipv4-addr:value = '${v}']`, ...extra });

describe.each(storeBackends())('GET /feeds/{format} on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let soc: TestUser;
  let other: TestUser;

  beforeEach(async () => {
    store = await backend.open();
    soc = await testUser(store, orgId(), 'reader');
    other = await testUser(store, orgId(), 'contributor');
    app = await testApp(store, [feedsRoutes]);
    const green = { object_marking_refs: [TLP2_MARKING_IDS.green] };
    await importText(
      store,
      other.viewer,
      bundle([
        ip('198.18.0.10', { ...green, confidence: 90, labels: ['botnet'] }),
        ip('198.18.0.11', { ...green, confidence: 20 }),
        ip('198.18.0.12', { object_marking_refs: [TLP2_MARKING_IDS.green, PAP_MARKING_IDS.red] }),
        ip('8.8.8.8', green), // warninglisted: a public resolver
        ip('198.18.0.13', { ...green, valid_until: '2026-01-02T00:00:00.000Z' }), // expired
        ip('198.18.0.14', { ...green, revoked: true }),
        indicator({
          pattern: "[domain-name:value = 'c2.accord-test.xyz']",
          object_marking_refs: [TLP2_MARKING_IDS.green],
        }),
      ]),
      { distribution: 'community' },
    );
    await importText(
      store,
      other.viewer,
      bundle([ip('198.18.0.66', { object_marking_refs: [TLP2_MARKING_IDS.red] })]),
      { distribution: 'organisation' },
    );
    await importText(store, other.viewer, bundle([ip('198.18.0.77')]), { distribution: 'organisation' });
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const get = (url: string, user: TestUser, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...user.auth, ...headers } });

  it('serves only what the key may act on: no hidden, TLP:RED, PAP:RED, warninglisted, expired or revoked values', async () => {
    const res = await get('/feeds/ip', soc);
    expect(res.statusCode).toBe(200);
    expect(res.body.trim().split('\n').sort()).toEqual(['198.18.0.10', '198.18.0.11']);
    const owner = await get('/feeds/ip', other);
    expect(owner.body).toContain('198.18.0.77'); // its own organisation-only indicator
    expect(owner.body).not.toContain('198.18.0.66'); // TLP:RED never, not even for the owner
  });

  it('keeps PAP:RED out of blocking formats unless asked for, and audits the request', async () => {
    expect((await get('/feeds/ip?include_pap_red=true', soc)).body).toContain('198.18.0.12');
    expect((await get('/feeds/csv', soc)).body).toContain('198.18.0.12'); // csv is not a blocking format
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'details'])
      .where('action', '=', 'export')
      .execute();
    expect(
      audit.some(
        (a) =>
          a.target === 'feeds/ip' &&
          (JSON.parse(a.details) as { include_pap_red?: boolean }).include_pap_red === true,
      ),
    ).toBe(true);
  });

  it('applies the filters', async () => {
    const lines = async (q: string) =>
      (await get(`/feeds/csv?columns=value${q}`, soc)).body.trim().split(/\r?\n/).slice(1).sort();
    expect(await lines('&min_confidence=50')).toEqual(['198.18.0.10']);
    expect(await lines('&label=botnet')).toEqual(['198.18.0.10']);
    expect(await lines('&kind=domain')).toEqual(['c2.accord-test.xyz']);
    expect(await lines(`&owner=${encodeURIComponent(soc.viewer.orgId)}`)).toEqual([]);
    const inactive = await lines('&active=false');
    expect(inactive).toContain('198.18.0.13'); // expired, asked for
    expect(inactive).not.toContain('198.18.0.14'); // revoked by its owner: withdrawn, never blocked
    expect(await lines('&since=2030-01-01T00:00:00Z')).toEqual([]);
    expect(await lines('&max_tlp=clear')).toEqual([]);
  });

  it('writes each format', async () => {
    const suricata = await get('/feeds/suricata', soc);
    expect(suricata.body).toMatch(/^alert .*198\.18\.0\.10.*sid:\d+;/m);
    expect((await get('/feeds/zeek', soc)).body).toMatch(/^#fields\tindicator\tindicator_type/m);
    expect((await get('/feeds/rpz', soc)).body).toMatch(/c2\.accord-test\.xyz\s+(IN\s+)?CNAME\s+\./);
    expect((await get('/feeds/domain', soc)).body.trim()).toBe('c2.accord-test.xyz');
    const misp = JSON.parse((await get('/feeds/misp', soc)).body) as {
      response: Array<{ Event: { Attribute?: Array<{ value: string }> } }>;
    };
    const values = misp.response.flatMap((e) => (e.Event.Attribute ?? []).map((a) => a.value));
    expect(values).toContain('198.18.0.10');
    expect(values).not.toContain('198.18.0.66'); // TLP:RED
    expect(values).not.toContain('198.18.0.77'); // another organisation's own
    const stix = JSON.parse((await get('/feeds/stix', soc)).body) as {
      objects: Array<{ id: string; object_marking_refs?: string[] }>;
    };
    expect(stix.objects.length).toBeGreaterThan(0);
    expect(stix.objects.some((o) => o.object_marking_refs?.includes(TLP2_MARKING_IDS.red))).toBe(false);
  });

  it('answers 304 to a client whose copy is current, and 200 once something changed', async () => {
    const first = await get('/feeds/ip', soc);
    const etag = first.headers.etag as string;
    expect((await get('/feeds/ip', soc, { 'if-none-match': etag })).statusCode).toBe(304);
    expect(
      (await get('/feeds/ip', soc, { 'if-modified-since': first.headers['last-modified'] as string }))
        .statusCode,
    ).toBe(304);
    await importText(
      store,
      other.viewer,
      bundle([ip('198.18.0.20', { object_marking_refs: [TLP2_MARKING_IDS.green] })]),
      { distribution: 'community' },
    );
    const changed = await get('/feeds/ip', soc, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('198.18.0.20');
  });

  it('accepts the key as ?token= for appliances, records that, and refuses bad requests', async () => {
    const res = await app.inject({ method: 'GET', url: `/feeds/ip?token=${soc.key}` });
    expect(res.statusCode).toBe(200);
    const rows = await store.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'export')
      .execute();
    expect(rows.some((r) => (JSON.parse(r.details) as { via_query_token: boolean }).via_query_token)).toBe(
      true,
    );
    expect(rows.every((r) => !r.details.includes(soc.key))).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/feeds/ip' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/feeds/ip?token=accord_bad_key' })).statusCode).toBe(401);
    expect((await get('/feeds/nope', soc)).statusCode).toBe(404);
    expect((await get('/feeds/csv?columns=bogus', soc)).statusCode).toBe(400);
  });
});
