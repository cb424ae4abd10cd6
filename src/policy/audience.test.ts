import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainAudience, explainForViewer } from './audience.js';
import type { AudienceOrg, ExplainedVersion } from './audience.js';
import { HANDLING_MARKING_IDS, TLP2_MARKING_IDS } from './markings.js';
import { ANONYMOUS } from './viewer.js';
import type { UserViewer } from './viewer.js';

const ORGS = ['identity--a', 'identity--b', 'identity--c', 'identity--d'];
const GROUPS = ['g1', 'g2'];
const groupName = (id: string) => `Group ${id}`;

/** BRIEF.md's table, read literally: who sees a version, per organisation, and why. */
function oracle(org: AudienceOrg, version: ExplainedVersion): string[] {
  const reasons: string[] = [];
  if (org.id === version.ownerOrg) reasons.push('owner');
  if (version.distribution === 'public') reasons.push('public');
  if (version.distribution === 'community') reasons.push('community');
  for (const g of org.groups) if (version.distribution === `group:${g}`) reasons.push(`group:Group ${g}`);
  if (reasons.length === 0 && org.hasAdmin) reasons.push('admin-role');
  return reasons;
}

const worldArb = fc.record({
  orgs: fc.tuple(
    ...ORGS.map((id) =>
      fc.record({
        id: fc.constant(id),
        name: fc.constant(`Org ${id}`),
        groups: fc.subarray(GROUPS),
        hasAdmin: fc.boolean(),
      }),
    ),
  ),
  version: fc.record({
    id: fc.constant('indicator--00000000-0000-4000-8000-000000000001'),
    ownerOrg: fc.constantFrom(...ORGS),
    distribution: fc.constantFrom('organisation', 'community', 'public', 'group:g1', 'group:g2'),
    tlp: fc.constantFrom(null, 'clear', 'green', 'amber', 'red'),
    pap: fc.constantFrom(null, 'green', 'red'),
  }),
});

describe('explainAudience', () => {
  it('lists exactly the organisations the table admits, with the table reasons', () => {
    fc.assert(
      fc.property(worldArb, ({ orgs, version }) => {
        const report = explainAudience(version, orgs, groupName);
        const expected = orgs
          .map((o) => ({ id: o.id, name: o.name, reasons: oracle(o, version) }))
          .filter((o) => o.reasons.length > 0);
        expect(report.organisations).toEqual(expected);
        expect(report.public).toBe(version.distribution === 'public');
      }),
    );
  });

  it('explains the worked example: TLP:AMBER to a sharing group', () => {
    const orgs: AudienceOrg[] = [
      { id: 'identity--telecom', name: 'Telecom', groups: ['ops'], hasAdmin: false },
      { id: 'identity--police', name: 'Police', groups: ['ops'], hasAdmin: false },
      { id: 'identity--peer', name: 'Peer', groups: [], hasAdmin: false },
      { id: 'identity--admins', name: 'Admins', groups: [], hasAdmin: true },
    ];
    const report = explainAudience(
      {
        id: 'indicator--x',
        ownerOrg: 'identity--telecom',
        distribution: 'group:ops',
        tlp: 'amber',
        pap: 'red',
        object: {
          type: 'indicator',
          id: 'indicator--x',
          object_marking_refs: [TLP2_MARKING_IDS.amber, HANDLING_MARKING_IDS.H2],
        },
      },
      orgs,
      () => 'Operation partners',
    );
    expect(report.organisations).toEqual([
      { id: 'identity--telecom', name: 'Telecom', reasons: ['owner', 'group:Operation partners'] },
      { id: 'identity--police', name: 'Police', reasons: ['group:Operation partners'] },
      { id: 'identity--admins', name: 'Admins', reasons: ['admin-role'] },
    ]);
    expect(report.public).toBe(false);
    expect(report.constraints).toEqual([
      'distribution group: only the members of sharing group "Operation partners" see it',
      'TLP:AMBER limits this to a sharing group or the owner',
      'PAP:RED keeps it out of automated blocking exports',
      'handling code H2: law-enforcement use restrictions travel with it',
    ]);
  });

  it('names fields a granular marking narrower than the distribution removes', () => {
    const object = {
      type: 'report',
      id: 'report--1',
      granular_markings: [
        { selectors: ['description', 'labels'], marking_ref: TLP2_MARKING_IDS.amber },
        { selectors: ['name'], marking_ref: TLP2_MARKING_IDS.green },
      ],
    };
    const report = explainAudience(
      {
        id: 'report--1',
        ownerOrg: 'identity--a',
        distribution: 'community',
        tlp: 'green',
        pap: null,
        object,
      },
      [],
      groupName,
    );
    expect(report.constraints.filter((l) => l.includes('granular'))).toEqual([
      'TLP:AMBER granular marking: description, labels removed for everyone but the owner and administrators',
    ]);
  });

  it('says TLP:RED never reaches exports', () => {
    const report = explainAudience(
      { id: 'x--1', ownerOrg: 'identity--a', distribution: 'organisation', tlp: 'red', pap: null },
      [],
      groupName,
    );
    expect(report.constraints).toContain('TLP:RED never appears in bulk exports or feeds');
    expect(report.organisations).toEqual([]);
  });
});

describe('explainForViewer', () => {
  const version: ExplainedVersion = {
    id: 'x--1',
    ownerOrg: 'identity--a',
    distribution: 'group:g1',
    tlp: 'amber',
    pap: null,
  };
  const names = { org: (id: string) => `Org ${id}`, group: groupName };
  const user = (orgId: string, groups: string[], role: UserViewer['role'] = 'reader'): UserViewer => ({
    kind: 'user',
    userId: 'u',
    email: 'u@example.org',
    orgId,
    role,
    groups,
    readOnly: false,
  });

  it('names the group a member sees it through', () => {
    expect(explainForViewer(user('identity--b', ['g1']), version, names)).toEqual({
      canSee: true,
      reasons: ['group:Group g1'],
      explanation: 'their organisation is a member of sharing group "Group g1"',
    });
  });

  it('says why an outsider cannot', () => {
    const verdict = explainForViewer(user('identity--c', ['g2']), version, names);
    expect(verdict.canSee).toBe(false);
    expect(verdict.explanation).toMatch(/"Group g1"; Org identity--c is not a member/);
    const own = explainForViewer(
      user('identity--c', []),
      { ...version, distribution: 'organisation' },
      names,
    );
    expect(own.explanation).toMatch(/only the owner organisation \(Org identity--a\)/);
  });

  it('lets administrators and the public see what the rule allows', () => {
    expect(explainForViewer(user('identity--c', [], 'admin'), version, names).reasons).toEqual([
      'admin-role',
    ]);
    expect(explainForViewer(ANONYMOUS, version, names).canSee).toBe(false);
    expect(explainForViewer(ANONYMOUS, { ...version, distribution: 'public' }, names).canSee).toBe(true);
  });
});
