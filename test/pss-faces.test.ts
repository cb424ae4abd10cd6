import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PSS_FILES,
  checkAgainstSet,
  readPssSet,
  reportPssHits,
  traceLeak,
} from '../src/deconflict/pss/index.js';
import { serverRoutes } from '../src/http/server-routes.js';
import type { Store } from '../src/store/store.js';
import { bundle, indicator, orgId } from './factories.js';
import { testApp, testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { importText } from './import-helpers.js';
import { storeBackends } from './store-harness.js';

const C2 = 'pss-faces-c2-gate.com';
const LOG = `GET http://${C2}/gate.php 200\ndns unrelated-site.example.org\n`;

/** Unpacks a tar archive with the system `tar`, as a recipient would. */
function untar(archive: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-pss-tar-'));
  writeFileSync(join(dir, 'set.tar'), archive);
  execFileSync('tar', ['-xf', 'set.tar'], { cwd: dir });
  return dir;
}

describe.each(storeBackends())('private search set faces on $name', { timeout: 60_000 }, ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let exporter: TestUser;
  let recipient: TestUser;
  let url: string;
  beforeAll(async () => {
    store = await open();
    app = await testApp(store, serverRoutes);
    exporter = await testUser(store, orgId());
    recipient = await testUser(store, orgId());
    await importText(
      store,
      exporter.viewer,
      bundle([indicator({ pattern: `[domain-name:value = '${C2}']` })]),
      {
        distribution: 'community',
      },
    );
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const post = (payload: unknown, query = '') =>
    app.inject({
      method: 'POST',
      url: `/feeds/pss${query}`,
      headers: exporter.auth,
      payload: payload as object,
    });

  it('POST /feeds/pss answers a tar of the set directory that pss check reads', async () => {
    const res = await post({ recipient: recipient.viewer.orgId, name: 'faces-set' }, '?kind=domain');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-tar');
    expect(res.headers['x-accord-pss-id']).toMatch(/^pss--/);
    const dir = untar(res.rawPayload);
    expect(readdirSync(join(dir, 'faces-set')).sort()).toEqual(
      [PSS_FILES.metadata, PSS_FILES.hashes, PSS_FILES.bloom, PSS_FILES.key].sort(),
    );
    expect(statSync(join(dir, 'faces-set', PSS_FILES.key)).mode & 0o077).toBe(0);
    const meta = JSON.parse(readFileSync(join(dir, 'faces-set', PSS_FILES.metadata), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(meta).toMatchObject({
      version: 1,
      name: 'faces-set',
      algorithm: 'HMAC-SHA-256',
      'x-accord-recipient': recipient.viewer.orgId,
      'x-accord-issuer': 'https://accord.example',
    });
    const set = await readPssSet(join(dir, 'faces-set'));
    expect(checkAgainstSet(set, LOG).map((h) => [h.value, h.certainty])).toEqual([[C2, 'exact']]);
    // The watermark: the bloom file alone, stripped of its metadata, names the recipient.
    const admin = await testUser(store, exporter.viewer.orgId, 'admin');
    const bloom = readFileSync(join(dir, 'faces-set', PSS_FILES.bloom));
    const traced = await traceLeak(store, admin.viewer, { bloom });
    expect(traced.map((t) => t.recipient_org)).toEqual([recipient.viewer.orgId]);
  });

  it('refuses a missing or unknown recipient with a clear error and records nothing', async () => {
    const before = await store.db.selectFrom('pss_exports').select('id').execute();
    const missing = await post({});
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('recipient');
    const unknown = await post({ recipient: 'no-such-org' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'not_found' });
    const badRate = await post({ recipient: recipient.viewer.orgId, fp_rate: 2 });
    expect(badRate.statusCode).toBe(400);
    expect(await store.db.selectFrom('pss_exports').select('id').execute()).toHaveLength(before.length);
    const anon = await app.inject({ method: 'POST', url: '/feeds/pss', payload: { recipient: 'x' } });
    expect(anon.statusCode).toBe(401);
  });

  it('reports hits back as sightings only when asked, with the recipient key', async () => {
    const res = await post({ recipient: recipient.viewer.orgId, name: 'report-set' });
    const set = await readPssSet(join(untar(res.rawPayload), 'report-set'));
    const hits = checkAgainstSet(set, `${LOG}dns ${C2}\n`);
    expect(hits).toHaveLength(2);
    const sent: string[] = [];
    const spy: typeof fetch = async (input, init) => {
      sent.push(typeof init?.body === 'string' ? init.body : '');
      return fetch(input, init);
    };
    const rows = await reportPssHits(
      [...hits, { line: 9, kind: 'domain', value: 'not-an-indicator.example', certainty: 'probable' }],
      { url, apiKey: recipient.key, note: `private search set ${set.metadata.keyid}`, fetch: spy },
    );
    expect(rows.map((r) => [r.value, r.status, r.count, r.sightings])).toEqual([
      [C2, 'reported', 2, 1],
      ['not-an-indicator.example', 'refused', 1, 0],
    ]);
    // One request a distinct value; nothing of the log but the values that hit.
    expect(sent).toHaveLength(2);
    expect(sent.join('')).not.toContain('unrelated-site');
    const sightings = await store.db
      .selectFrom('objects')
      .select('data')
      .where('type', '=', 'sighting')
      .where('owner_org', '=', recipient.viewer.orgId)
      .execute();
    expect(sightings).toHaveLength(1);
    expect(sightings[0]!.data).toContain(set.metadata.keyid);

    const refused = await reportPssHits(hits, { url, apiKey: 'accord_wrong', note: 'x' });
    expect(refused.map((r) => r.status)).toEqual(['failed']);
    expect(refused[0]!.message).toMatch(/^HTTP 401/);
    await expect(reportPssHits(hits, { url: 'ftp://x', apiKey: 'k', note: 'x' })).rejects.toThrow(/http/);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { post?: { requestBody?: unknown } }>;
    }>();
    expect(doc.paths['/feeds/pss']?.post?.requestBody).toBeDefined();
  });
});
