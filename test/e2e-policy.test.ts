import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLP2_MARKING_IDS } from '../src/stix/tlp.js';
import { call, httpWorld } from '../src/http/admin/admin-test-app.js';
import type { HttpWorld, Reply } from '../src/http/admin/admin-test-app.js';
import type { Store } from '../src/store/store.js';
import { indicator, malware, relationship, stixId, T0 } from './factories.js';
import { storeBackends } from './store-harness.js';

/**
 * Issue 3's end-to-end proof, on the README's worked example: a telecom shares TLP:AMBER intelligence
 * with a police cyber-crime centre through the sharing group "Operation partners"; a peer company
 * outside the group sees nothing of it — not in lists, totals, counts, references, exports or TAXII —
 * and every write rule refuses with its code. Everything is built through the public API.
 */
// Routable addresses: documentation ranges are warninglisted and would never reach a feed at all.
const AMBER_IP = '45.155.205.66';
const GREEN_IP = '91.92.109.23';
const TAXII = { accept: 'application/taxii+json;version=2.1' };

describe.each(storeBackends())('sharing policy end to end on $name', { timeout: 120_000 }, (backend) => {
  let store: Store;
  let w: HttpWorld;
  const org = { telecom: '', police: '', peer: '' };
  const key = { telecom: '', telecomAdmin: '', telecomReader: '', telecomReadOnly: '', police: '', peer: '' };
  let groupId = '';
  let collection = '';
  const amber = { indicator: '', malware: '', relationship: '', report: '' };
  const green = { indicator: '', report: '' };
  const amberIds = () => Object.values(amber);

  const get = (url: string, k?: string) => call(w.app, 'GET', url, k);
  const post = (url: string, k: string | undefined, body: unknown) => call(w.app, 'POST', url, k, body);
  const bundle = (objects: unknown[]) => ({ type: 'bundle', id: stixId('bundle'), objects });
  const ids = (r: Reply): string[] =>
    (r.body.items as Array<{ object: { id: string } }>).map((i) => i.object.id);
  const taxii = async (path: string, k: string) => {
    const response = await w.app.inject({
      method: 'GET',
      url: `/taxii2/api/collections/${collection}/${path}`,
      headers: { ...TAXII, authorization: `Bearer ${k}` },
    });
    return { status: response.statusCode, text: response.body };
  };

  async function newUser(orgId: string, role: string, email: string): Promise<string> {
    const user = await post('/api/v1/users', w.adminKey, { email, name: email, org_id: orgId, role });
    expect(user.status).toBe(201);
    const created = await post('/api/v1/keys', w.adminKey, { user_id: user.body.id });
    return created.body.key as string;
  }

  // Setting up the world takes many requests; a busy machine needs more than the default hook timeout.
  beforeAll(async () => {
    store = await backend.open();
    w = await httpWorld(store);
    // The organisations, their people and the sharing group, as an administrator would set them up.
    for (const [name, kind, sector] of [
      ['telecom', 'private', 'telecommunications'],
      ['police', 'law-enforcement', 'government-national'],
      ['peer', 'private', 'telecommunications'],
    ] as const) {
      const created = await post('/api/v1/organisations', w.adminKey, { name, kind, sector, country: 'NL' });
      expect(created.status).toBe(201);
      org[name] = created.body.id as string;
    }
    key.telecom = await newUser(org.telecom, 'contributor', 'analyst@telecom.example');
    key.telecomAdmin = await newUser(org.telecom, 'org-admin', 'admin@telecom.example');
    key.telecomReader = await newUser(org.telecom, 'reader', 'reader@telecom.example');
    key.police = await newUser(org.police, 'contributor', 'analyst@police.example');
    key.peer = await newUser(org.peer, 'contributor', 'analyst@peer.example');
    const readOnly = await post('/api/v1/keys', key.telecom, { read_only: true, name: 'SIEM' });
    key.telecomReadOnly = readOnly.body.key as string;
    const group = await post('/api/v1/groups', key.telecomAdmin, { name: 'Operation partners' });
    groupId = group.body.id as string;
    expect(
      (await post(`/api/v1/groups/${groupId}/members`, key.telecomAdmin, { org_id: org.police })).status,
    ).toBe(200);
    collection = (await post('/api/v1/taxii/collections', w.adminKey, { title: 'Everything' })).body
      .id as string;

    // The telecom's TLP:AMBER intelligence, to the group only.
    const ind = indicator({
      created_by_ref: org.telecom,
      name: 'Operation C2',
      pattern: `[ipv4-addr:value = '${AMBER_IP}']`,
    });
    const mal = malware({ created_by_ref: org.telecom, name: 'SecretLoader' });
    const rel = relationship(ind.id, mal.id, { created_by_ref: org.telecom });
    const rep = {
      type: 'report',
      spec_version: '2.1',
      id: stixId('report'),
      created: T0,
      modified: T0,
      created_by_ref: org.telecom,
      name: 'Operation report',
      published: T0,
      object_refs: [ind.id, mal.id, rel.id],
    };
    const amberImport = await post(
      `/api/v1/bundles?distribution=group:${groupId}&tlp=amber`,
      key.telecom,
      bundle([ind, mal, rel, rep]),
    );
    expect(amberImport.body.summary).toMatchObject({ total: 4, created: 4 });
    Object.assign(amber, { indicator: ind.id, malware: mal.id, relationship: rel.id, report: rep.id });

    // And a community TLP:GREEN report that references the AMBER indicator.
    const greenInd = indicator({
      created_by_ref: org.telecom,
      name: 'Spam botnet',
      pattern: `[ipv4-addr:value = '${GREEN_IP}']`,
    });
    const greenRep = {
      ...rep,
      id: stixId('report'),
      name: 'Public summary',
      object_refs: [greenInd.id, ind.id],
    };
    const greenImport = await post(
      '/api/v1/bundles?distribution=community&tlp=green',
      key.telecom,
      bundle([greenInd, greenRep]),
    );
    expect(greenImport.body.summary).toMatchObject({ total: 2, created: 2 });
    Object.assign(green, { indicator: greenInd.id, report: greenRep.id });
  }, 300_000);

  afterAll(async () => {
    await w.app.close();
    await store.close();
  });

  it('lists and totals: the peer never sees an AMBER object, nor counts one', async () => {
    const peer = await get('/api/v1/objects?total=true&limit=1000', key.peer);
    const police = await get('/api/v1/objects?total=true&limit=1000', key.police);
    expect(ids(peer).filter((id) => amberIds().includes(id))).toEqual([]);
    expect(ids(peer)).toEqual(expect.arrayContaining(Object.values(green)));
    expect(ids(police)).toEqual(expect.arrayContaining([...amberIds(), ...Object.values(green)]));
    expect(peer.body.total).toBe(ids(peer).length);
    expect(police.body.total).toBe((peer.body.total as number) + 4);
    const peerIndicators = await get('/api/v1/objects?type=indicator&total=true', key.peer);
    expect(peerIndicators.body).toMatchObject({ total: 1 });
    expect((await get('/api/v1/objects?type=indicator&total=true', key.police)).body).toMatchObject({
      total: 2,
    });
    const byName = await get('/api/v1/objects?q=SecretLoader&total=true', key.peer);
    expect(byName.body).toEqual({ items: [], total: 0 });
    const byOwner = await get(`/api/v1/objects?created_by_ref=${org.telecom}&total=true`, key.peer);
    expect(byOwner.body.total).toBe(3); // the telecom's identity and its two GREEN objects
  });

  it('single reads: get, versions, audience and graph answer 404 exactly as for a missing object', async () => {
    const missing = stixId('indicator');
    for (const path of ['', '/versions', '/audience', '/graph']) {
      const nothing = await get(`/api/v1/objects/${missing}${path}`, key.peer);
      expect(nothing).toMatchObject({ status: 404, body: { code: 'not_found' } });
      for (const id of amberIds()) {
        const hidden = await get(`/api/v1/objects/${id}${path}`, key.peer);
        expect(hidden.status).toBe(404);
        expect(hidden.body.code).toBe('not_found');
        expect(hidden.body.message).toBe(nothing.body.message.replace(missing, id));
        expect((await get(`/api/v1/objects/${id}${path}`, key.police)).status).toBe(200);
      }
    }
    const graph = await get(`/api/v1/objects/${green.report}/graph?depth=3`, key.peer);
    expect(graph.status).toBe(200);
    expect(JSON.stringify(graph.body)).not.toMatch(new RegExp(amberIds().join('|')));
  });

  it('references: the GREEN report reaches the peer without its AMBER reference, police with it', async () => {
    const peer = await get(`/api/v1/objects/${green.report}`, key.peer);
    expect(peer.body.object.object_refs).toEqual([green.indicator]);
    expect(peer.body.object.x_accord_redacted).toEqual(['object_refs']);
    const police = await get(`/api/v1/objects/${green.report}`, key.police);
    expect(police.body.object.object_refs).toEqual([green.indicator, amber.indicator]);
    const versions = await get(`/api/v1/objects/${green.report}/versions`, key.peer);
    expect(JSON.stringify(versions.body)).not.toContain(amber.indicator);
  });

  it('explains the audience: owner and group for the AMBER report, everyone for the GREEN one', async () => {
    const audience = await get(`/api/v1/objects/${amber.report}/audience`, key.police);
    expect(audience.body).toEqual({
      id: amber.report,
      owner_org: org.telecom,
      distribution: `group:${groupId}`,
      markings: { tlp: 'amber', pap: null },
      organisations: [
        { id: w.adminOrg.id, name: w.adminOrg.name, reasons: ['admin-role'] },
        { id: org.police, name: 'police', reasons: ['group:Operation partners'] },
        { id: org.telecom, name: 'telecom', reasons: ['owner', 'group:Operation partners'] },
      ],
      public: false,
      constraints: [
        'distribution group: only the members of sharing group "Operation partners" see it',
        'TLP:AMBER limits this to a sharing group or the owner',
      ],
    });
    const greenAudience = await get(`/api/v1/objects/${green.report}/audience`, key.peer);
    expect(greenAudience.body.organisations.map((o: { name: string }) => o.name)).toEqual(
      expect.arrayContaining(['peer', 'police', 'telecom']),
    );
    expect(greenAudience.body.constraints).toContain(
      'TLP:GREEN limits this to the community at most; it is never public',
    );
    expect((await get(`/api/v1/objects/${amber.report}/audience`)).status).toBe(401);
  });

  it('dashboard and search: no number reveals an AMBER object', async () => {
    const peer = await get('/api/v1/dashboard', key.peer);
    const police = await get('/api/v1/dashboard', key.police);
    const listed = (await get('/api/v1/objects?total=true', key.peer)).body.total as number;
    expect(peer.body.total).toBe(listed);
    expect(police.body.total).toBe(listed + 4);
    expect(peer.body.by_tlp.map((t: { tlp: string }) => t.tlp)).not.toContain('amber');
    expect(JSON.stringify(peer.body)).not.toMatch(new RegExp(amberIds().join('|')));
    const search = await get('/api/v1/search?tlp=amber&total=true', key.peer);
    expect(search.body).toEqual({ items: [], total: 0 });
    expect((await get('/api/v1/search?tlp=amber&total=true', key.police)).body.total).toBe(4);
  });

  it('exports and feeds: nothing AMBER reaches the peer', async () => {
    for (const format of ['stix', 'csv', 'suricata', 'zeek', 'rpz']) {
      const peer = await w.app.inject({
        url: `/feeds/${format}`,
        headers: { authorization: `Bearer ${key.peer}` },
      });
      const police = await w.app.inject({
        url: `/feeds/${format}`,
        headers: { authorization: `Bearer ${key.police}` },
      });
      // A response policy zone writes addresses reversed, as `32.<d.c.b.a>.rpz-ip`.
      const needle = format === 'rpz' ? AMBER_IP.split('.').reverse().join('.') : AMBER_IP;
      expect(peer.statusCode).toBe(200);
      expect(peer.body).not.toContain(needle);
      expect(peer.body).not.toMatch(new RegExp(amberIds().join('|')));
      expect(police.body).toContain(needle);
    }
  });

  it('TAXII: objects, manifest, object and versions leave the AMBER objects out', async () => {
    for (const path of ['objects/', 'manifest/']) {
      const peer = await taxii(path, key.peer);
      expect(peer.status).toBe(200);
      expect(peer.text).toContain(green.report);
      expect(peer.text).not.toMatch(new RegExp(amberIds().join('|')));
      expect((await taxii(path, key.police)).text).toContain(amber.report);
    }
    for (const id of amberIds()) {
      for (const path of [`objects/${id}/`, `objects/${id}/versions/`]) {
        const hidden = await taxii(path, key.peer);
        const missing = await taxii(path.replace(id, stixId(id.split('--')[0]!)), key.peer);
        expect(hidden.status).toBe(404);
        expect(missing.status).toBe(404);
        expect((await taxii(path, key.police)).status).toBe(200);
      }
    }
  });

  it('POST /bundles never confirms that an invisible id exists', async () => {
    const fresh = stixId('indicator');
    const results = async (id: string, createdBy: string) => {
      const forged = id.startsWith('malware--')
        ? malware({ id, created_by_ref: createdBy })
        : indicator({ id, created_by_ref: createdBy, pattern: "[ipv4-addr:value = '192.0.2.1']" });
      const reply = await post('/api/v1/bundles', key.peer, bundle([forged]));
      return JSON.parse(JSON.stringify(reply.body.results).replaceAll(id, 'ID')) as unknown;
    };
    // Someone else's id under the telecom's name: refused the same way as an unknown id.
    expect(await results(amber.indicator, org.telecom)).toEqual(await results(fresh, org.telecom));
    expect(await results(amber.indicator, org.telecom)).toMatchObject([
      { status: 'refused', errors: [{ code: 'created_by_mismatch' }] },
    ]);
    // Under its own name: a lineage of its own, exactly as for an unknown id; the telecom's is untouched.
    const other = stixId('malware');
    expect(await results(amber.malware, org.peer)).toEqual(await results(other, org.peer));
    expect(await results(stixId('malware'), org.peer)).toMatchObject([{ status: 'created' }]);
    const telecomView = await get(`/api/v1/objects/${amber.malware}`, key.police);
    expect(telecomView.body.meta).toMatchObject({ owner_org: org.telecom, tlp: 'amber' });
  });

  it('refuses every write the rules forbid, each with its code', async () => {
    const refusal = async (url: string, k: string, object: Record<string, unknown>) => {
      const reply = await post(url, k, bundle([object]));
      expect(reply.status).toBe(200);
      expect(reply.body.summary.refused).toBe(1);
      return reply.body.results[0].errors[0].code as string;
    };
    const mine = (extra: Record<string, unknown> = {}) =>
      indicator({ created_by_ref: org.telecom, ...extra });
    expect(await refusal('/api/v1/bundles?distribution=community&tlp=amber', key.telecom, mine())).toBe(
      'tlp_exceeds_distribution',
    );
    expect(
      await refusal(
        '/api/v1/bundles?distribution=public',
        key.telecom,
        mine({ object_marking_refs: [TLP2_MARKING_IDS.green] }),
      ),
    ).toBe('tlp_exceeds_distribution');
    expect(await refusal('/api/v1/bundles', key.peer, mine())).toBe('created_by_mismatch');
    expect(
      await refusal(
        `/api/v1/bundles?distribution=group:${groupId}&tlp=amber`,
        key.peer,
        indicator({ created_by_ref: org.peer }),
      ),
    ).toBe('not_group_member');
    const takeover = indicator({
      id: amber.indicator,
      created_by_ref: org.police,
      modified: '2026-06-01T00:00:00.000Z',
    });
    expect(
      await refusal(`/api/v1/bundles?distribution=group:${groupId}&tlp=amber`, key.police, takeover),
    ).toBe('not_owner');
    const del = await call(w.app, 'DELETE', `/api/v1/objects/${amber.indicator}`, key.police);
    expect(del).toMatchObject({ status: 403, body: { code: 'not_owner' } });
    const body = bundle([mine()]);
    expect(await post('/api/v1/bundles', key.telecomReadOnly, body)).toMatchObject({
      status: 403,
      body: { code: 'read_only' },
    });
    expect(await post('/api/v1/bundles', key.telecomReader, body)).toMatchObject({
      status: 403,
      body: { code: 'read_only' },
    });
    expect(await post('/api/v1/bundles', undefined, body)).toMatchObject({
      status: 401,
      body: { code: 'unauthorized' },
    });
  });

  it('after police leaves the group, police no longer sees the AMBER objects', async () => {
    const before = (await get('/api/v1/objects?total=true&limit=1000', key.police)).body.total as number;
    const removed = await call(
      w.app,
      'DELETE',
      `/api/v1/groups/${groupId}/members/${org.police}`,
      key.telecomAdmin,
    );
    expect(removed.body.members).toEqual([org.telecom]);
    const after = await get('/api/v1/objects?total=true&limit=1000', key.police);
    expect(after.body.total).toBe(before - 4);
    expect(ids(after).filter((id) => amberIds().includes(id))).toEqual([]);
    for (const id of amberIds()) expect((await get(`/api/v1/objects/${id}`, key.police)).status).toBe(404);
    const report = await get(`/api/v1/objects/${green.report}`, key.police);
    expect(report.body.object.object_refs).toEqual([green.indicator]);
    expect((await taxii('objects/', key.police)).text).not.toContain(amber.report);
    const audience = await get(`/api/v1/objects/${amber.report}/audience`, key.telecom);
    expect(audience.body.organisations.map((o: { name: string }) => o.name)).not.toContain('police');
    const verify = await get('/api/v1/audit/verify', w.adminKey);
    expect(verify.body).toMatchObject({ ok: true });
  });
});
