import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientRateLimit } from '../src/http/public/client-rate-limit.js';
import { publicRansomwareRoutes } from '../src/http/public/ransomware.routes.js';
import { landscapeSources } from '../src/http/reports/report-sources.js';
import { countIdentification } from '../src/public/ransomware/identify-counts.js';
import { loadRansomwareDatabase } from '../src/public/ransomware/ransomware-database.js';
import { LandscapeRequest } from '../src/reports/landscape/landscape-request.js';
import { narrativeScaffold } from '../src/reports/landscape/narrative.js';
import { renderLandscapeHtml } from '../src/reports/landscape/render-html.js';
import { landscapeFigures } from '../src/reports/landscape/saved-reports.js';
import type { Store } from '../src/store/store.js';
import { orgId } from './factories.js';
import { testApp, testUser } from './http-harness.js';
import { storeBackends } from './store-harness.js';

const H1 = LandscapeRequest.parse({ from: '2026-01-01', to: '2026-07-01', granularity: 'quarter' });
const inH1 = (day: string) => day >= '2026-01-01' && day < '2026-07-01';

describe.each(storeBackends())('landscape portal figures on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let withDecryptor: string[];
  let without: string[];
  let seeds: Array<{ day: string; family: string | null }>;
  beforeAll(async () => {
    store = await backend.open();
    app = await testApp(store, [(ctx) => publicRansomwareRoutes(ctx, new ClientRateLimit(50))]);
    const { database, tables } = await loadRansomwareDatabase(store);
    const uuids = database.families.map((f) => f.galaxy_uuid);
    withDecryptor = uuids.filter((u) => tables.decryptors.has(u)).slice(0, 2);
    without = uuids.filter((u) => !tables.decryptors.has(u)).slice(0, 3);
    seeds = [
      { day: '2026-01-05', family: withDecryptor[0]! },
      { day: '2026-01-05', family: withDecryptor[0]! },
      { day: '2026-02-11', family: withDecryptor[1]! },
      { day: '2026-03-01', family: without[0]! },
      { day: '2026-04-20', family: without[1]! },
      { day: '2026-05-02', family: null },
      { day: '2026-06-30', family: null },
      { day: '2025-12-31', family: without[2]! },
      { day: '2026-07-01', family: withDecryptor[0]! },
    ];
    for (const s of seeds)
      await countIdentification(
        store,
        s.family === null
          ? { status: 'not_identified', candidates: [] }
          : {
              status: 'identified',
              candidates: [
                { family: '', galaxy_uuid: s.family, confidence: 1, reasons: [], decryptor: null },
              ],
            },
        new Date(`${s.day}T12:00:00Z`),
      );
    const org = orgId();
    for (const [i, [received, status]] of [
      ['2026-02-01T10:00:00Z', 'new'],
      ['2026-03-01T10:00:00Z', 'promoted'],
      ['2026-06-01T10:00:00Z', 'benign'],
      ['2026-08-01T10:00:00Z', 'promoted'],
    ].entries())
      await store.db
        .insertInto('public_intake_reports')
        .values({
          id: `r${i}`,
          org_id: org,
          kind: 'email',
          received: received!,
          status: status!,
          stix_report_id: `report--${i}`,
        })
        .execute();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('counts identification requests, decryptor coverage and intake for the period', async () => {
    const user = await testUser(store, orgId(), 'reader');
    const f = await landscapeFigures(store.db, user.viewer, H1, landscapeSources({ store }));
    const period = seeds.filter((s) => inH1(s.day));
    const families = new Set(period.flatMap((s) => (s.family === null ? [] : [s.family])));
    const covered = [...families].filter((u) => withDecryptor.includes(u)).length;
    expect(f.portal).toEqual({
      identification_requests: period.length,
      identified: period.filter((s) => s.family !== null).length,
      not_identified: period.filter((s) => s.family === null).length,
      families_identified: families.size,
      families_with_decryptor: covered,
      decryptor_coverage: Math.round((covered / families.size) * 1000) / 1000,
      intake_reports: 3,
      intake_promoted: 1,
    });
    expect(f.portal!.decryptor_coverage).toBe(0.5);
    expect(renderLandscapeHtml(f, narrativeScaffold(f))).toContain('Decryptor coverage');
    const clear = await landscapeFigures(
      store.db,
      user.viewer,
      LandscapeRequest.parse({ ...H1, variant: 'clear', threshold: 5 }),
      landscapeSources({ store }),
    );
    expect(clear.portal).toMatchObject({
      identification_requests: 7,
      identified: 5,
      families_identified: null,
    });
    expect(clear.portal!.decryptor_coverage).toBeNull();
  });

  it('the public identify API counts each request by day and outcome, keeping none of its input', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const before = await store.db
      .selectFrom('public_identify_counts')
      .selectAll()
      .where('day', '=', today)
      .execute();
    expect(before).toEqual([]);
    for (const payload of [
      { file_names: ['holiday.jpg.djvu'], note_names: ['_readme.txt'] },
      { file_names: ['invoice.pdf.djvu'] },
      { file_names: ['nothing-like-ransomware.qqzzx'] },
    ])
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/public/ransomware/identify', payload })).statusCode,
      ).toBe(200);
    const rows = await store.db
      .selectFrom('public_identify_counts')
      .selectAll()
      .where('day', '=', today)
      .execute();
    expect(rows.map((r) => [r.status, r.galaxy_uuid, r.n]).sort()).toEqual([
      ['identified', 'e37ddc9e-8ceb-4817-a17e-755aa379ed14', 2],
      ['not_identified', '', 1],
    ]);
    const text = JSON.stringify(rows);
    for (const input of ['holiday', 'invoice', 'readme', 'qqzzx']) expect(text).not.toContain(input);
  });
});
