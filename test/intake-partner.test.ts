import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWorld, newOrg, signedIn } from '../src/admin/admin-test-kit.js';
import type { AdminWorld } from '../src/admin/admin-test-kit.js';
import { createApiKey } from '../src/auth/index.js';
import { serverRoutes } from '../src/http/server-routes.js';
import { setIntakeOrganisation } from '../src/public/intake/intake-organisation.js';
import type { UserViewer, Viewer } from '../src/policy/viewer.js';
import { visibleCurrent } from '../src/store/objects/visible-versions.js';
import { testApp } from './http-harness.js';
import { storeBackends } from './store-harness.js';

const ORIGINAL = [
  'Received: from spam.bad.example (spam.bad.example [198.51.100.7]) by mx.partner.example',
  'From: "Prize Team" <winner@lottery-claim.example>',
  'To: trap@partner.example',
  'Subject: You won 1000000 EUR',
  'Content-Type: text/plain',
  '',
  'Claim at https://lottery-claim.example/claim now.',
  '',
].join('\r\n');

function xarf(overrides: Record<string, unknown> = {}) {
  return {
    xarf_version: '4.0.0',
    report_id: '550e8400-e29b-41d4-a716-446655440000',
    timestamp: '2026-12-07T08:00:00Z',
    reporter: { org: 'Partner Telecom', contact: 'abuse@partner.example', domain: 'partner.example' },
    sender: { org: 'Partner Telecom', contact: 'abuse@partner.example', domain: 'partner.example' },
    source_identifier: '198.51.100.7',
    category: 'messaging',
    type: 'spam',
    evidence_source: 'spamtrap',
    evidence: [
      {
        content_type: 'message/rfc822',
        description: 'the spam',
        payload: Buffer.from(ORIGINAL).toString('base64'),
      },
    ],
    ...overrides,
  };
}

const BOUNDARY = 'arf-boundary';
function arf(feedback: string, original = ORIGINAL): string {
  return [
    'From: fbl@partner.example',
    'To: intake@accord.example',
    'Subject: FW: abuse report',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${BOUNDARY}"`,
    '',
    `--${BOUNDARY}`,
    'Content-Type: text/plain',
    '',
    'This is an abuse report for a message received from 198.51.100.7.',
    `--${BOUNDARY}`,
    'Content-Type: message/feedback-report',
    '',
    feedback,
    `--${BOUNDARY}`,
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    original,
    `--${BOUNDARY}--`,
    '',
  ].join('\r\n');
}
const FEEDBACK = [
  'Feedback-Type: abuse',
  'User-Agent: PartnerFBL/1.0',
  'Version: 1',
  'Original-Mail-From: <winner@lottery-claim.example>',
  'Original-Rcpt-To: <trap@partner.example>',
  'Source-IP: 198.51.100.7',
  'Reported-Domain: claim-prizes.info',
].join('\r\n');

describe.each(storeBackends())('partner intake (X-ARF, ARF) on $name', ({ open }) => {
  let world: AdminWorld;
  let app: FastifyInstance;
  let analyst: UserViewer;
  let outsider: UserViewer;
  let partnerAuth: { authorization: string };
  let partnerOrg: string;

  const visibleText = async (viewer: Viewer) =>
    (await visibleCurrent(world.store.db, viewer).select('o.data').execute()).map((r) => r.data).join('\n');
  const rowCount = async () =>
    Number(
      (
        await world.store.db
          .selectFrom('public_intake_reports')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  beforeAll(async () => {
    world = await adminWorld(await open());
    app = await testApp(world.store, serverRoutes);
    const intakeOrg = await newOrg(world, { kind: 'law-enforcement' });
    await setIntakeOrganisation(world.store, world.admin, intakeOrg.id);
    analyst = await signedIn(world, intakeOrg.id, 'contributor');
    partnerOrg = (await newOrg(world, { kind: 'private' })).id;
    const partner = await signedIn(world, partnerOrg, 'contributor');
    partnerAuth = {
      authorization: `Bearer ${(await createApiKey(world.store, partner, partner.userId)).key}`,
    };
    outsider = await signedIn(world, (await newOrg(world)).id, 'org-admin');
  });
  afterAll(async () => {
    await app.close();
    await world.store.close();
  });

  it('refuses a report without an API key', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/intake/xarf', payload: xarf() });
    expect(res.statusCode).toBe(401);
  });

  it('takes an X-ARF v4 report, credits the partner and keeps it in the intake inbox only', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/xarf',
      headers: partnerAuth,
      payload: xarf(),
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json<{ partner: string }>().partner).toBe(partnerOrg);
    const row = await world.store.db
      .selectFrom('public_intake_reports')
      .selectAll()
      .where('id', '=', res.json<{ id: string }>().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'xarf',
      partner_org: partnerOrg,
      sender: 'winner@lottery-claim.example',
    });
    const inbox = await visibleText(analyst);
    expect(inbox).toContain('lottery-claim.example');
    expect(inbox).toContain('198.51.100.7');
    expect(inbox).toContain(partnerOrg);
    expect(inbox).not.toContain('trap@partner.example');
    expect(await visibleText(outsider)).not.toContain('lottery-claim.example');
    const audit = await world.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'intake.partner.report')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('names the JSON path of each problem in an invalid X-ARF report, and stores nothing', async () => {
    const before = await rowCount();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/xarf',
      headers: partnerAuth,
      payload: xarf({ xarf_version: '3.0', reporter: { org: 'x', contact: 'not-an-address', domain: 'x' } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('xarf_version');
    expect(res.body).toContain('reporter.contact');
    expect(await rowCount()).toBe(before);
  });

  it('locates a malformed e-mail inside X-ARF evidence', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/xarf',
      headers: partnerAuth,
      payload: xarf({
        evidence: [{ content_type: 'message/rfc822', payload: Buffer.from('just words').toString('base64') }],
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('evidence[0]');
    expect(res.body).toContain('malformed_email');
  });

  it('takes an ARF feedback report and reads its fields and returned message', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/arf',
      headers: { ...partnerAuth, 'content-type': 'message/rfc822' },
      payload: arf(FEEDBACK),
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json<{ id: string }>().id;
    const values = await world.store.db
      .selectFrom('public_intake_values')
      .select(['kind', 'value'])
      .where('report_id', '=', id)
      .execute();
    expect(values).toContainEqual({ kind: 'ipv4', value: '198.51.100.7' });
    expect(values).toContainEqual({ kind: 'domain', value: 'claim-prizes.info' });
    expect(values.some((v) => v.kind === 'url' && v.value.includes('lottery-claim.example'))).toBe(true);
    expect(values.map((v) => v.value)).not.toContain('trap@partner.example');
    const row = await world.store.db
      .selectFrom('public_intake_reports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'arf', partner_org: partnerOrg });
    expect(row.subject).toContain('abuse');
  });

  it('takes a multipart/report body with the boundary in the request header', async () => {
    const whole = arf(FEEDBACK);
    const body = whole.slice(whole.indexOf('\r\n\r\n') + 4);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/arf',
      headers: {
        ...partnerAuth,
        'content-type': `multipart/report; report-type=feedback-report; boundary="${BOUNDARY}"`,
      },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
  });

  it('names the MIME part that is wrong in an ARF report, and stores nothing', async () => {
    const before = await rowCount();
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/arf',
      headers: { ...partnerAuth, 'content-type': 'message/rfc822' },
      payload: arf('Feedback-Type: abuse\r\nVersion: 1'),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('invalid_arf');
    expect(missing.body).toContain('message/feedback-report part');
    expect(missing.body).toContain('user-agent');
    const notReport = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/arf',
      headers: { ...partnerAuth, 'content-type': 'message/rfc822' },
      payload: ORIGINAL,
    });
    expect(notReport.statusCode).toBe(400);
    expect(notReport.body).toContain('multipart/report');
    expect(await rowCount()).toBe(before);
  });

  it('refuses a read-only key', async () => {
    const partner = await signedIn(world, partnerOrg, 'reader');
    const key = (await createApiKey(world.store, partner, partner.userId)).key;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/xarf',
      headers: { authorization: `Bearer ${key}` },
      payload: xarf(),
    });
    expect(res.statusCode).toBe(403);
  });
});
