import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkValues, registerInterests } from '../src/deconflict/index.js';
import { exportPss, pssHash } from '../src/deconflict/pss/index.js';
import { serverRoutes } from '../src/http/server-routes.js';
import type { Store } from '../src/store/store.js';
import { bundle, indicator, orgId } from './factories.js';
import { testApp, testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { importText } from './import-helpers.js';
import { storeBackends } from './store-harness.js';

const SECRET_DOMAIN = 'kestrel-secret-c2.net';
const SECRET_EMAIL = 'kestrel-suspect@mailbox-kestrel.org';
const SECRET_CASE = 'OP-KESTREL-CASE-4417';
const CONTACT = 'desk-kestrel@police.example';
const PUBLIC_DOMAIN = 'ordinary-shared-c2.com';

/**
 * Interests live in their own tables, as keyed hashes: these read paths, for the owner and for
 * another organisation, must answer exactly as they did before the interests were registered.
 */
describe.each(storeBackends())(
  'interests stay off every other path on $name',
  { timeout: 90_000 },
  ({ open }) => {
    let store: Store;
    let app: FastifyInstance;
    let police: TestUser;
    let bank: TestUser;
    let indicatorId: string;
    const before = new Map<string, string>();

    const paths = () => [
      '/api/v1/objects?limit=100',
      `/api/v1/objects/${indicatorId}`,
      `/api/v1/objects/${indicatorId}/graph`,
      `/api/v1/objects/${indicatorId}/correlations`,
      `/api/v1/search?q=kestrel`,
      `/api/v1/search?q=${PUBLIC_DOMAIN}`,
      '/api/v1/dashboard',
      '/feeds/csv',
      '/feeds/domain',
      '/feeds/stix',
      '/feeds/misp',
      '/taxii2/api/collections/',
    ];

    const read = async (u: TestUser) => {
      const out = new Map<string, string>();
      for (const url of paths()) {
        const res = await app.inject({ method: 'GET', url, headers: { ...u.auth, accept: '*/*' } });
        out.set(url, `${String(res.statusCode)} ${res.body}`);
      }
      const match = await app.inject({
        method: 'POST',
        url: '/api/v1/match',
        headers: { ...u.auth, 'content-type': 'text/plain' },
        payload: `${SECRET_DOMAIN}\n${SECRET_EMAIL}\n198.51.100.77\n${PUBLIC_DOMAIN}\n`,
      });
      out.set('match', `${String(match.statusCode)} ${match.body}`);
      return out;
    };

    /** Drops what legitimately changes between two reads (timestamps, the ETag of the feed). */
    const stable = (body: string) =>
      body
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'T')
        .replace(/bundle--[0-9a-f-]{36}/g, 'bundle');

    beforeAll(async () => {
      store = await open();
      app = await testApp(store, serverRoutes);
      police = await testUser(store, orgId());
      bank = await testUser(store, orgId());
      const ind = indicator({ pattern: `[domain-name:value = '${PUBLIC_DOMAIN}']` });
      indicatorId = ind.id;
      await importText(store, police.viewer, bundle([ind]), { distribution: 'community' });
      for (const u of [police, bank])
        for (const [k, v] of await read(u)) before.set(`${u.viewer.orgId} ${k}`, v);
      const registered = await registerInterests(
        store,
        police.viewer,
        [SECRET_DOMAIN, SECRET_EMAIL, '198.51.100.0/24', PUBLIC_DOMAIN].map((value) => ({
          value,
          caseRef: SECRET_CASE,
          contact: CONTACT,
        })),
      );
      expect(registered.every((r) => r.status === 'registered')).toBe(true);
      // A check that hits, so notifications and audit rows exist too.
      await checkValues(store, bank.viewer, [{ value: SECRET_DOMAIN }]);
    });
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    it('search, objects, graph, correlations, dashboard, feeds, TAXII and match answer as before', async () => {
      for (const u of [police, bank]) {
        const after = await read(u);
        for (const [k, v] of after) {
          expect(v, k).not.toContain(SECRET_CASE);
          expect(v, k).not.toContain(SECRET_EMAIL);
          expect(v, k).not.toContain('kestrel-secret');
          expect(v, k).not.toContain('interest--');
          expect(v, k).not.toContain(CONTACT);
          expect(stable(v), `${k} changed for ${u === police ? 'the owner' : 'another org'}`).toBe(
            stable(before.get(`${u.viewer.orgId} ${k}`)!),
          );
        }
        expect(after.get('match')).toContain(PUBLIC_DOMAIN);
        expect([...after.values()].filter((v) => !v.startsWith('200 '))).toEqual([]);
      }
    });

    it('TAXII collections and their objects hold no interest', async () => {
      const cols = await app.inject({
        method: 'GET',
        url: '/taxii2/api/collections/',
        headers: { ...bank.auth, accept: 'application/taxii+json;version=2.1' },
      });
      const ids = (cols.json<{ collections?: Array<{ id: string }> }>().collections ?? []).map((c) => c.id);
      for (const id of ids) {
        const res = await app.inject({
          method: 'GET',
          url: `/taxii2/api/collections/${id}/objects/`,
          headers: { ...bank.auth, accept: 'application/taxii+json;version=2.1' },
        });
        expect(res.body).not.toContain('kestrel');
        expect(res.body).not.toContain(SECRET_CASE);
      }
    });

    it("a private search set for another organisation never carries the owner's interests", async () => {
      const set = await exportPss(store, police.viewer, {
        recipientOrg: bank.viewer.orgId,
        filters: { activeOnly: true, includePapRed: false },
        baseUrl: 'https://accord.example',
      });
      const key = Buffer.from(set.key, 'hex');
      expect(set.hashes).toEqual([pssHash(key, PUBLIC_DOMAIN)]);
      expect(set.hashes).not.toContain(pssHash(key, SECRET_DOMAIN));
      expect(JSON.stringify(set.metadata)).not.toContain('kestrel');
    });
  },
);
