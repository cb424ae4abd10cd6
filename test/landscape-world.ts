import type { StixObject } from '../src/stix/types.js';
import type { Store } from '../src/store/store.js';
import { bundle, indicator, malware, orgId, relationship, stixId } from './factories.js';
import { testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { importText } from './import-helpers.js';

/** Who may see a seeded object: A's community and public objects reach everyone signed in, B's none. */
export type Reach = 'public' | 'community' | 'b-only';

export interface Seeded {
  object: StixObject;
  reach: Reach;
  /** The time the report dates it by (`created`). */
  created: string;
}

export interface LandscapeWorld {
  a: TestUser;
  b: TestUser;
  admin: TestUser;
  orgA: string;
  orgB: string;
  seeded: Seeded[];
  /** Names that only some viewers may see, which a CLEAR report must never contain. */
  privateNames: string[];
}

const at = (d: string) => `${d}T00:00:00.000Z`;
const ap = (name: string, externalId: string): StixObject => ({
  type: 'attack-pattern',
  spec_version: '2.1',
  id: stixId('attack-pattern'),
  created: at('2024-01-01'),
  modified: at('2024-01-01'),
  name,
  external_references: [{ source_name: 'mitre-attack', external_id: externalId }],
});
const sdo = (type: string, created: string, rest: Record<string, unknown>): StixObject => ({
  type,
  spec_version: '2.1',
  id: stixId(type),
  created: at(created),
  modified: at(created),
  ...rest,
});

/**
 * A small partnership for report tests: organisation A shares with the community (one family in
 * public), organisation B keeps its ransomware to itself. The period the tests ask about is the first
 * half of 2026, by quarter; the previous period is the second half of 2025.
 */
export async function seedLandscapeWorld(store: Store): Promise<LandscapeWorld> {
  const orgA = orgId();
  const orgB = orgId();
  const a = await testUser(store, orgA, 'contributor');
  const b = await testUser(store, orgB, 'contributor');
  const admin = await testUser(store, orgId(), 'admin');

  const emotet = malware({ name: 'Emotet', created: at('2025-03-01'), modified: at('2025-03-01') });
  const lockbit = malware({
    name: 'LockBit',
    malware_types: ['ransomware'],
    created: at('2026-02-01'),
    modified: at('2026-02-01'),
  });
  const actor = sdo('threat-actor', '2025-01-01', { name: 'Wizard Spider' });
  const phishing = ap('Phishing', 'T1566');
  const encrypt = ap('Data Encrypted for Impact', 'T1486');
  const victim = sdo('identity', '2024-01-01', {
    name: 'Hospital Nordstadt',
    identity_class: 'organization',
    sectors: ['healthcare'],
  });
  const place = sdo('location', '2024-01-01', { country: 'DE' });
  const brand = sdo('identity', '2024-01-01', { name: 'BankCo', identity_class: 'organization' });
  const i1 = indicator({
    pattern: "[ipv4-addr:value = '203.0.113.5']",
    created: at('2026-01-15'),
    modified: at('2026-01-15'),
  });
  const i2 = indicator({
    name: 'phishing page',
    pattern: "[url:value = 'http://bank-login.example/']",
    labels: ['phishing'],
    created: at('2026-04-10'),
    modified: at('2026-04-10'),
  });
  const i3 = indicator({
    pattern: "[domain-name:value = 'old.example']",
    labels: ['europol-incident:malware="ransomware"'],
    created: at('2025-09-01'),
    modified: at('2025-09-01'),
  });
  const rel = (s: StixObject, kind: string, t: StixObject, day: string) =>
    relationship(s.id, t.id, { relationship_type: kind, created: at(day), modified: at(day) });
  const sighting = sdo('sighting', '2026-02-03', { sighting_of_ref: i1.id, count: 3 });
  const report = sdo('report', '2026-04-01', {
    name: 'Q2 summary',
    published: at('2026-04-01'),
    object_refs: [emotet.id, lockbit.id],
  });
  const community: StixObject[] = [
    lockbit,
    actor,
    phishing,
    encrypt,
    victim,
    place,
    brand,
    i1,
    i2,
    i3,
    rel(i1, 'indicates', lockbit, '2026-01-15'),
    rel(actor, 'uses', emotet, '2026-03-01'),
    rel(actor, 'uses', phishing, '2026-05-01'),
    rel(actor, 'uses', encrypt, '2025-10-01'),
    rel(actor, 'targets', victim, '2026-02-02'),
    rel(victim, 'located-at', place, '2024-01-01'),
    rel(actor, 'impersonates', brand, '2026-03-03'),
    sighting,
    report,
  ];
  const secret = malware({
    name: 'SecretLocker',
    malware_types: ['ransomware'],
    created: at('2026-03-01'),
    modified: at('2026-03-01'),
  });
  const i4 = indicator({
    pattern: "[ipv4-addr:value = '192.0.2.44']",
    created: at('2026-03-02'),
    modified: at('2026-03-02'),
  });
  const bOnly: StixObject[] = [secret, i4, rel(i4, 'indicates', secret, '2026-03-02')];

  await importText(store, a.viewer, bundle([emotet]), { distribution: 'public', tlp: 'clear' });
  await importText(store, a.viewer, bundle(community), { distribution: 'community', tlp: 'green' });
  await importText(store, b.viewer, bundle(bOnly), { distribution: 'organisation', tlp: 'amber' });

  const seeded: Seeded[] = [
    { object: emotet, reach: 'public', created: String(emotet.created) },
    ...community.map((object) => ({ object, reach: 'community' as const, created: String(object.created) })),
    ...bOnly.map((object) => ({ object, reach: 'b-only' as const, created: String(object.created) })),
  ];
  return {
    a,
    b,
    admin,
    orgA,
    orgB,
    seeded,
    privateNames: ['LockBit', 'SecretLocker', 'Wizard Spider', 'Hospital Nordstadt', 'BankCo', '203.0.113.5'],
  };
}

/** The seeded objects a viewer may see, decided here from the world's own table, not by Accord. */
export function seenBy(world: LandscapeWorld, who: 'a' | 'b' | 'admin'): Seeded[] {
  return world.seeded.filter((s) => s.reach !== 'b-only' || who !== 'a');
}
