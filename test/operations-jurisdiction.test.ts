import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefusal } from '../src/admin/admin-test-kit.js';
import { IpJurisdictionDb, ipDbFiles, sharedIpJurisdictionDb } from '../src/operations/ip-jurisdiction-db.js';
import { overrideJurisdiction, resolveJurisdictions } from '../src/operations/jurisdictions.js';
import { targetPage } from '../src/operations/target-page.js';
import { addTargets } from '../src/operations/targets.js';
import { computeScoId } from '../src/stix/sco-id.js';
import type { StixObject } from '../src/stix/types.js';
import { T0, bundle, relationship, stixId } from './factories.js';
import { importText } from './import-helpers.js';
import type { OperationWorld } from './operations-kit.js';
import { operationWorld } from './operations-kit.js';
import { storeBackends } from './store-harness.js';

function sco(type: string, value: string): StixObject {
  const o = { type, spec_version: '2.1', id: '', value } as StixObject;
  return { ...o, id: computeScoId(o) ?? '' };
}

describe('the offline IP database', () => {
  it('finds country and ASN for IPv4 and IPv6 from the shipped packages', () => {
    const db = sharedIpJurisdictionDb();
    expect(db.lookup('8.8.8.8')).toEqual({ country: 'US', asn: 15169, asnHolder: 'Google LLC' });
    expect(db.lookup('2001:4860:4860::8888')?.country).toBe('US');
    expect(db.lookup('10.1.2.3')).toEqual({ country: null, asn: null, asnHolder: null });
    expect(db.lookup('not an address')).toBeNull();
  });

  it('loads an operator file instead, in either address form, with quoted holders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipdb-'));
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const files = ipDbFiles({
      ACCORD_IP_COUNTRY_V4: file('c4.csv', '198.51.100.0,198.51.100.255,fr\n10.0.0.0,10.255.255.255,DE\n'),
      ACCORD_IP_COUNTRY_V6: file('c6.csv', '2001:db8::,2001:db8::ffff,JP\n'),
      ACCORD_IP_ASN_V4: file('a4.csv', '3325256704,3325256959,64500,"Example ""Hosting"", Ltd"\n'),
      ACCORD_IP_ASN_V6: file('a6.csv', ''),
    });
    const db = IpJurisdictionDb.load(files);
    expect(db.lookup('198.51.100.7')).toEqual({
      country: 'FR',
      asn: 64500,
      asnHolder: 'Example "Hosting", Ltd',
    });
    expect(db.lookup('10.9.9.9')?.country).toBe('DE');
    expect(db.lookup('2001:db8::1')?.country).toBe('JP');
    expect(db.lookup('2001:db8::1:0')?.country).toBeNull();
    expect(db.lookup('8.8.8.8')?.country).toBeNull();
  });
});

describe.each(storeBackends())('jurisdictions on $name', ({ open }) => {
  let w: OperationWorld;
  beforeAll(async () => {
    w = await operationWorld(await open());
  });
  afterAll(async () => {
    await w.store.close();
  });

  it('resolves IPs, domains through visible resolves-to, suspects through located-at; overrides audited', async () => {
    const group = { distribution: `group:${w.op.groupId}` as const, tlp: 'amber' as const };
    const domain = sco('domain-name', 'c2.example.net');
    const address = sco('ipv4-addr', '8.8.4.4');
    const hidden = sco('domain-name', 'hidden.example.net');
    const hiddenAddress = sco('ipv4-addr', '1.1.1.1');
    const location = {
      type: 'location',
      spec_version: '2.1',
      id: stixId('location'),
      created: T0,
      modified: T0,
      country: 'ru',
    };
    const actor = {
      type: 'threat-actor',
      spec_version: '2.1',
      id: stixId('threat-actor'),
      created: T0,
      modified: T0,
      name: 'Wizard Spider',
    };
    await importText(
      w.store,
      w.partnerA,
      bundle([
        domain,
        address,
        relationship(domain.id, address.id, { relationship_type: 'resolves-to' }),
        location,
        actor,
        relationship(actor.id, location.id, { relationship_type: 'located-at' }),
      ]),
      group,
    );
    // The outsider knows where hidden.example.net points, but has not shared it: it must not count.
    await importText(
      w.store,
      w.outsider,
      bundle([
        hidden,
        hiddenAddress,
        relationship(hidden.id, hiddenAddress.id, { relationship_type: 'resolves-to' }),
      ]),
      { distribution: 'organisation' },
    );
    await addTargets(w.store, w.partnerA, w.op.id, {
      targets: [
        { kind: 'ipv4', value: '8.8.8.8' },
        { kind: 'cidr', value: '2001:4860:4860::/48' },
        { kind: 'domain', value: 'c2.example.net' },
        { kind: 'url', value: 'https://c2.example.net/gate.php' },
        { kind: 'domain', value: 'hidden.example.net' },
        { kind: 'threat-actor', value: 'Wizard Spider', stixRefs: [actor.id] },
        { kind: 'ipv4', value: '10.0.0.1' },
      ],
    });
    await expectRefusal(resolveJurisdictions(w.store, w.partnerA, w.op.id), 'forbidden', 403);
    await expectRefusal(resolveJurisdictions(w.store, w.outsider, w.op.id), 'not_found', 404);
    const result = await resolveJurisdictions(w.store, w.lead, w.op.id);
    expect(result).toEqual({ resolved: 5, unresolved: 2, overridden: 0 });
    const { targets } = await targetPage(w.store.db, w.lead, w.op.id);
    const j = (value: string) => targets.find((t) => t.value === value)?.jurisdiction;
    expect(j('8.8.8.8')).toMatchObject({
      country: 'US',
      asn: 15169,
      asnHolder: 'Google LLC',
      source: 'ip-db',
    });
    expect(j('2001:4860:4860::/48')?.country).toBe('US');
    expect(j('c2.example.net')).toMatchObject({ country: 'US', source: 'resolves-to' });
    expect(j('https://c2.example.net/gate.php')).toMatchObject({ country: 'US', source: 'resolves-to' });
    expect(j('hidden.example.net')).toMatchObject({ country: null, source: null });
    expect(j('Wizard Spider')).toMatchObject({ country: 'RU', source: 'location' });
    expect(j('10.0.0.1')?.country).toBeNull();

    const target = targets.find((t) => t.value === '10.0.0.1')!;
    await expectRefusal(
      overrideJurisdiction(w.store, w.lead, w.op.id, target.id, { country: 'XX', reason: 'lab' }),
      'invalid_input',
      400,
    );
    await expectRefusal(
      overrideJurisdiction(w.store, w.partnerB, w.op.id, target.id, { country: 'NL', reason: 'seen in NL' }),
      'forbidden',
      403,
    );
    await overrideJurisdiction(w.store, w.agency, w.op.id, target.id, {
      country: 'nl',
      reason: 'hosting contract in NL',
    });
    const audit = await w.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'operation.target.jurisdiction')
      .execute();
    expect(audit.map((a) => [a.outcome, a.target])).toEqual([
      ['denied', target.id],
      ['ok', target.id],
    ]);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({
      before: null,
      after: 'NL',
      reason: 'hosting contract in NL',
    });
    const again = await resolveJurisdictions(w.store, w.lead, w.op.id);
    expect(again.overridden).toBe(1);
    const after = await targetPage(w.store.db, w.lead, w.op.id, { country: 'NL' });
    expect(after.targets.map((t) => [t.value, t.jurisdiction.source, t.jurisdiction.overrideReason])).toEqual(
      [['10.0.0.1', 'override', 'hosting contract in NL']],
    );
  });
});
