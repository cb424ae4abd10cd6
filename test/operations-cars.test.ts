import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectChainOk, expectRefusal, newOrg, signedIn } from '../src/admin/admin-test-kit.js';
import type { Organisation } from '../src/admin/organisation.js';
import { getCar, listCars } from '../src/operations/cars/car-read.js';
import { generateCars } from '../src/operations/cars/generate-cars.js';
import { acknowledgeCar, issueCar } from '../src/operations/cars/issue-car.js';
import { changeTargetStatus } from '../src/operations/change-status.js';
import { gradeContribution } from '../src/operations/grades.js';
import { overrideJurisdiction, resolveJurisdictions } from '../src/operations/jurisdictions.js';
import { operationKpis } from '../src/operations/kpis/kpis.js';
import { notificationsCsv } from '../src/operations/notifications/xarf.js';
import { victimNotifications } from '../src/operations/notifications/victim-notifications.js';
import { contributionOutcomes } from '../src/operations/outcomes/contributor-view.js';
import { setOutcomes } from '../src/operations/outcomes/outcomes.js';
import { targetPage } from '../src/operations/target-page.js';
import { addTargets } from '../src/operations/targets.js';
import { validateBundle } from '../src/stix/index.js';
import { visibleCurrent } from '../src/store/objects/visible-versions.js';
import { bundle, indicator } from './factories.js';
import { importText } from './import-helpers.js';
import type { OperationWorld } from './operations-kit.js';
import { operationWorld } from './operations-kit.js';
import { storeBackends } from './store-harness.js';
import { expectXarfCore } from './xarf-check.js';

describe.each(storeBackends())('Cyber Activity Reports on $name', ({ open }) => {
  let w: OperationWorld;
  let usAgency: Organisation;
  let ids: Record<string, string>;
  const red = indicator({ pattern: "[ipv4-addr:value = '8.8.4.4']" });

  beforeAll(async () => {
    w = await operationWorld(await open());
    usAgency = await newOrg(w.world, { kind: 'law-enforcement', country: 'US' });
    await importText(w.store, w.partnerA, bundle([red]), {
      distribution: `group:${w.op.groupId}`,
      tlp: 'red',
    });
    const a = await addTargets(w.store, w.partnerA, w.op.id, {
      targets: [
        { kind: 'ipv4', value: '8.8.8.8', reliability: 'B', credibility: '2' },
        { kind: 'ipv4', value: '8.8.4.4', stixRefs: [red.id] },
        { kind: 'victim-group', value: 'Patients of <St. Mary> hospital' },
        { kind: 'domain', value: 'evil.example' },
      ],
    });
    await addTargets(w.store, w.partnerB, w.op.id, { targets: [{ kind: 'ipv4', value: '8.8.8.8' }] });
    ids = Object.fromEntries(a.targets.map((t) => [t.value, t.id]));
    await resolveJurisdictions(w.store, w.lead, w.op.id);
    await overrideJurisdiction(w.store, w.lead, w.op.id, ids['Patients of <St. Mary> hospital']!, {
      country: 'NL',
      reason: 'hospital in Utrecht',
    });
    await overrideJurisdiction(w.store, w.lead, w.op.id, ids['evil.example']!, {
      country: 'DE',
      reason: 'registrant',
    });
  });
  afterAll(async () => {
    await w.store.close();
  });

  it('grades contributions on the 4x4 and Admiralty scales, refusing grades off the scale', async () => {
    const cid = `${ids['8.8.8.8']}.${w.orgs.b.id}`;
    await expect(
      gradeContribution(w.store, w.lead, w.op.id, cid, {
        scale: 'admiralty',
        reliability: 'f',
        credibility: '6',
      }),
    ).resolves.toMatchObject({ scale: 'admiralty', reliability: 'F', credibility: '6' });
    await expectRefusal(
      gradeContribution(w.store, w.lead, w.op.id, cid, { scale: '4x4', reliability: 'D', credibility: '1' }),
      'invalid_grade',
      400,
    );
    await expectRefusal(
      gradeContribution(w.store, w.lead, w.op.id, cid, { scale: '4x4', reliability: 'A', credibility: '5' }),
      'invalid_grade',
      400,
    );
    await expectRefusal(
      gradeContribution(w.store, w.partnerB, w.op.id, cid, {
        scale: '4x4',
        reliability: 'A',
        credibility: '1',
      }),
      'forbidden',
      403,
    );
    await expectRefusal(
      gradeContribution(w.store, w.outsider, w.op.id, cid, {
        scale: '4x4',
        reliability: 'A',
        credibility: '1',
      }),
      'not_found',
      404,
    );
    const row = await w.store.db
      .selectFrom('operation_contributions')
      .selectAll()
      .where('target_id', '=', ids['8.8.8.8']!)
      .where('org_id', '=', w.orgs.b.id)
      .executeTakeFirstOrThrow();
    expect([row.reliability, row.credibility, row.grade_scale]).toEqual(['F', '6', 'admiralty']);
  });

  it('generates one CAR as a valid STIX report, as restrictive as its most restrictive content', async () => {
    const [car] = await generateCars(w.store, w.lead, w.op.id, { jurisdiction: 'US' });
    expect(car).toMatchObject({ country: 'US', targetCount: 2, tlp: 'red' });
    const detail = await getCar(w.store.db, w.agency, w.op.id, car!.id);
    expect(validateBundle(detail.bundle)).toMatchObject({ valid: true, errors: [] });
    const report = detail.bundle.objects.find((o) => o.type === 'report')!;
    expect(report.id).toBe(car!.reportId);
    expect(report.object_marking_refs).toContain('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1');
    const notes = detail.bundle.objects.filter((o) => o.type === 'note');
    expect(notes).toHaveLength(2);
    const google = notes.find((n) => n.x_accord_target_id === ids['8.8.8.8'])!;
    expect(google.x_accord_contributors).toEqual([
      expect.objectContaining({ org: w.orgs.a.id, rank: 1, grade: 'B2 (4x4)' }),
      expect.objectContaining({ org: w.orgs.b.id, rank: 2, grade: 'F6 (Admiralty)' }),
    ]);
    expect(google.x_accord_recommended_action).toMatch(/hosting provider/);
    expect(detail.html).toContain('F6 (Admiralty)');
    expect(detail.html).toContain('TLP:RED');
    expect(detail.html).toContain('AS15169');
  });

  it('generates all CARs of the operation, escaping what partners wrote', async () => {
    const cars = await generateCars(w.store, w.lead, w.op.id, { all: true });
    expect(cars.map((c) => [c.country, c.targetCount])).toEqual([
      ['DE', 1],
      ['NL', 1],
      ['US', 2],
    ]);
    const nl = await getCar(w.store.db, w.lead, w.op.id, cars[1]!.id);
    expect(nl.html).toContain('Patients of &lt;St. Mary&gt; hospital');
    expect(nl.html).not.toContain('<St. Mary>');
    expect(nl.html).toContain('Victims to notify');
    expect(nl.tlp).toBe('amber');
  });

  it('refuses a jurisdiction without targets, non-managers and outsiders, and writes nothing', async () => {
    const before = (await listCars(w.store.db, w.lead, w.op.id)).length;
    await expectRefusal(generateCars(w.store, w.lead, w.op.id, { jurisdiction: 'FR' }), 'no_targets', 400);
    await expectRefusal(
      generateCars(w.store, w.lead, w.op.id, { jurisdiction: 'France' }),
      'invalid_input',
      400,
    );
    await expectRefusal(generateCars(w.store, w.partnerA, w.op.id, { all: true }), 'forbidden', 403);
    await expectRefusal(generateCars(w.store, w.outsider, w.op.id, { all: true }), 'not_found', 404);
    expect(await listCars(w.store.db, w.lead, w.op.id)).toHaveLength(before);
  });

  it('shows CARs to participants only', async () => {
    const [car] = await listCars(w.store.db, w.partnerA, w.op.id);
    await expectRefusal(listCars(w.store.db, w.outsider, w.op.id), 'not_found', 404);
    await expectRefusal(getCar(w.store.db, w.outsider, w.op.id, car!.id), 'not_found', 404);
    await expectRefusal(getCar(w.store.db, w.lead, w.op.id, 'car--nope'), 'not_found', 404);
  });

  it('issues a CAR to a national agency: shared through the visibility rule, recorded and audited', async () => {
    const car = (await listCars(w.store.db, w.lead, w.op.id)).find((c) => c.country === 'US')!;
    const agencyUser = await signedIn(w.world, usAgency.id, 'contributor');
    await expectRefusal(getCar(w.store.db, agencyUser, w.op.id, car.id), 'not_found', 404);
    await expectRefusal(
      issueCar(w.store, w.lead, w.op.id, car.id, {
        recipientOrg: w.orgs.a.id,
        releaseAuthority: 'Head of unit',
      }),
      'invalid_recipient',
      400,
    );
    await expectRefusal(
      issueCar(w.store, w.partnerA, w.op.id, car.id, { recipientOrg: usAgency.id, releaseAuthority: 'x' }),
      'forbidden',
      403,
    );
    const issued = await issueCar(w.store, w.lead, w.op.id, car.id, {
      recipientOrg: usAgency.id,
      releaseAuthority: 'Head of the cyber-crime centre',
      handling: 'H2',
    });
    expect(issued).toMatchObject({ orgId: usAgency.id, handling: 'H2', acknowledged: null });
    await expectRefusal(
      issueCar(w.store, w.lead, w.op.id, car.id, { recipientOrg: usAgency.id, releaseAuthority: 'again' }),
      'car_already_issued',
      409,
    );
    // Signed in again: the session carries the CAR's sharing group.
    const recipient = await signedIn(w.world, usAgency.id, 'contributor');
    const sees = async (v: typeof recipient) =>
      (await visibleCurrent(w.store.db, v).select('o.id').where('o.id', '=', car.reportId).execute()).length;
    expect(await sees(recipient)).toBe(1);
    expect(await sees(w.outsider)).toBe(0);
    const got = await getCar(w.store.db, recipient, w.op.id, car.id);
    expect(got.recipients.map((r) => r.orgId)).toEqual([usAgency.id]);
    const audit = await w.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'operation.car.issue')
      .where('outcome', '=', 'ok')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ recipient: usAgency.id, handling: 'H2' });
    const targets = await targetPage(w.store.db, w.lead, w.op.id, { country: 'US' });
    expect(targets.targets.map((t) => t.status)).toEqual(['reported', 'reported']);

    await expectRefusal(acknowledgeCar(w.store, w.outsider, car.id), 'not_found', 404);
    const ack = await acknowledgeCar(w.store, recipient, car.id, '2026-03-01T00:00:00.000Z');
    expect(ack.acknowledged).toBe('2026-03-01T00:00:00.000Z');
    const listed = (await listCars(w.store.db, w.lead, w.op.id)).find((c) => c.id === car.id)!;
    expect(listed.recipients[0]).toMatchObject({
      acknowledged: '2026-03-01T00:00:00.000Z',
      releaseAuthority: 'Head of the cyber-crime centre',
    });
    await expectChainOk(w.store);
  });

  it('computes KPIs from statuses and the lead-entered outcomes, for participants only', async () => {
    const us = [ids['8.8.8.8']!, ids['8.8.4.4']!];
    await changeTargetStatus(w.store, w.lead, w.op.id, { targetIds: us, to: 'action-requested' });
    await changeTargetStatus(w.store, w.lead, w.op.id, {
      targetIds: [us[0]!],
      to: 'actioned',
      detail: 'taken-down',
    });
    await changeTargetStatus(w.store, w.lead, w.op.id, {
      targetIds: [us[1]!],
      to: 'not-actioned',
      detail: 'no legal basis',
    });
    await expectRefusal(setOutcomes(w.store, w.partnerA, w.op.id, { arrests: 3 }), 'forbidden', 403);
    await expectRefusal(setOutcomes(w.store, w.lead, w.op.id, { arrests: -1 }), 'invalid_input', 400);
    await expectRefusal(setOutcomes(w.store, w.lead, w.op.id, { bribes: 1 } as never), 'invalid_input', 400);
    await setOutcomes(w.store, w.lead, w.op.id, { arrests: 3, seizures: 2 });
    const k = await operationKpis(w.store.db, w.partnerB, w.op.id);
    expect(k).toMatchObject({
      targets: 4,
      reported: 2,
      takenDown: 1,
      takedownRate: 0.5,
      byStatus: { identified: 2, actioned: 1, 'not-actioned': 1 },
      actions: { 'taken-down': 1 },
      cars: { generated: 4, issued: 1, acknowledged: 1 },
      outcomes: { arrests: 3, seizures: 2, notifications: 0 },
    });
    expect(k.medianHoursReportToAction).not.toBeNull();
    expect(k.byJurisdiction[0]).toEqual({ country: 'US', targets: 2, reported: 2, takenDown: 1 });
    await expectRefusal(operationKpis(w.store.db, w.outsider, w.op.id), 'not_found', 404);
  });

  it('groups victim notifications per network holder and national CERT, in X-ARF v4 and CSV', async () => {
    const n = await victimNotifications(w.store.db, w.lead, w.op.id, {
      allNetwork: true,
      now: '2026-03-02T00:00:00Z',
    });
    const google = n.recipients.find((r) => r.recipient.asn === 15169)!;
    expect(google.count).toBe(2);
    for (const r of n.recipients.flatMap((b) => b.reports)) expectXarfCore(r);
    const report = google.reports.find((r) => r.source_identifier === '8.8.8.8')!;
    expect(report).toMatchObject({
      xarf_version: '4.2.0',
      category: 'infrastructure',
      type: 'botnet',
      reporter: { org: expect.any(String) as string, contact: expect.stringContaining('@') as string },
    });
    expect(report.sender).toEqual(report.reporter);
    // Regenerating gives every report the id it had, so recipients can de-duplicate.
    const again = await victimNotifications(w.store.db, w.lead, w.op.id, { allNetwork: true });
    const same = again.recipients.flatMap((b) => b.reports).find((r) => r.source_identifier === '8.8.8.8');
    expect(same?.report_id).toBe(report.report_id);
    const desk = await victimNotifications(w.store.db, w.lead, w.op.id, { contact: 'abuse@police.example' });
    expect(desk.recipients[0]?.reports[0]?.reporter).toMatchObject({
      contact: 'abuse@police.example',
      domain: 'police.example',
    });
    const nl = n.recipients.find(
      (r) => r.recipient.type === 'national-cert' && r.recipient.country === 'NL',
    )!;
    expect(nl).toMatchObject({ count: 1, recipient: { country: 'NL' } });
    expect(notificationsCsv(n).split('\n')[0]).toBe(
      'recipient_type,recipient,asn,country,report_id,type,source,first_seen',
    );
    const victimsOnly = await victimNotifications(w.store.db, w.lead, w.op.id);
    expect(victimsOnly.total).toBe(1);
    await expectRefusal(victimNotifications(w.store.db, w.outsider, w.op.id), 'not_found', 404);
  });

  it("shows a contributor what came of its own contributions, and nothing of others'", async () => {
    const [a] = await contributionOutcomes(w.store.db, w.partnerA);
    expect(a).toMatchObject({
      operationId: w.op.id,
      name: 'Operation Endgame',
      totals: { contributed: 4, reported: 2, takenDown: 1 },
      summary: '2 of your 4 targets reported, 1 taken down',
    });
    const [b] = await contributionOutcomes(w.store.db, w.partnerB);
    expect(b?.totals).toEqual({ contributed: 1, reported: 1, actioned: 1, takenDown: 1 });
    expect(await contributionOutcomes(w.store.db, w.outsider)).toEqual([]);
    // An organisation no longer taking part keeps its counts but loses the operation's name.
    await w.store.db
      .deleteFrom('operation_participants')
      .where('operation_id', '=', w.op.id)
      .where('org_id', '=', w.orgs.b.id)
      .execute();
    const [gone] = await contributionOutcomes(w.store.db, w.partnerB);
    expect(gone).toMatchObject({ operationId: null, name: null, code: null, totals: { contributed: 1 } });
  });
});
