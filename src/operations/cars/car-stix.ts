import { randomUUID } from 'node:crypto';
import {
  HANDLING_MARKING_IDS,
  PAP_MARKING_IDS,
  TLP2_MARKING_IDS,
  accordMarkingDefinitions,
} from '../../policy/markings.js';
import type { HandlingCode } from '../../policy/markings.js';
import type { PapLevel } from '../../policy/tlp.js';
import { computeScoId } from '../../stix/index.js';
import type { StixObject } from '../../stix/types.js';
import { formatGrade } from '../grades.js';
import type { CarInput, CarTargetData } from './car-model.js';
import { carSection } from './car-model.js';

export interface CarBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** The marking refs of a CAR: its TLP, and its PAP and handling code when it has them. */
export function carMarkingRefs(m: CarInput['markings']): string[] {
  return [
    TLP2_MARKING_IDS[m.tlp],
    ...(m.pap === null ? [] : [PAP_MARKING_IDS[m.pap as PapLevel]]),
    ...(m.handling === null ? [] : [HANDLING_MARKING_IDS[m.handling as HandlingCode]]),
  ];
}

/**
 * A CAR as STIX 2.1: one `report` whose `object_refs` hold, per target, the observable or SDO acted
 * against and a `note` carrying its evidence (contributors, grades, first and last reported, sightings,
 * the recommended action), plus the jurisdiction's `location`; every object carries the CAR's markings.
 */
export function buildCarBundle(input: CarInput): { bundle: CarBundle; reportId: string } {
  const markingRefs = carMarkingRefs(input.markings);
  const created = input.created;
  const sdo = (type: string, props: Record<string, unknown>): StixObject => ({
    type,
    spec_version: '2.1',
    id: `${type}--${randomUUID()}`,
    created,
    modified: created,
    created_by_ref: input.creatorOrg,
    object_marking_refs: markingRefs,
    ...props,
  });
  const objects: StixObject[] = [];
  const location = sdo('location', { name: input.country, country: input.country });
  objects.push(location);
  const refs: string[] = [location.id];
  const seen = new Set<string>();
  for (const t of input.targets) {
    const target = targetObject(t, sdo, markingRefs);
    if (!seen.has(target.id)) {
      seen.add(target.id);
      objects.push(target);
      refs.push(target.id);
    }
    const note = sdo('note', {
      abstract: `Evidence for ${t.kind} ${t.value}`,
      content: evidenceText(t),
      object_refs: [target.id],
      x_accord_target_id: t.id,
      x_accord_section: carSection(t.kind),
      x_accord_recommended_action: t.recommendedAction,
      x_accord_first_seen: t.firstSeen,
      x_accord_last_seen: t.lastSeen,
      x_accord_sightings: t.sightings,
      x_accord_contributors: t.contributors.map((c) => ({
        org: c.orgId,
        name: c.orgName,
        rank: c.rank,
        reported: c.reported,
        grade: formatGrade(c.scale, c.reliability, c.credibility),
      })),
    });
    objects.push(note);
    refs.push(note.id);
  }
  const report = sdo('report', {
    name: `Cyber Activity Report ${input.operation.code} ${input.country}`,
    description: `What operation ${input.operation.name} (${input.operation.code}) found hosted or located in ${input.country}: ${input.targets.length} targets with evidence and recommended actions.`,
    report_types: ['threat-report'],
    published: created,
    object_refs: refs,
    labels: ['cyber-activity-report'],
    x_accord_country: input.country,
    x_accord_operation: input.operation.code,
  });
  const used = new Set(markingRefs);
  const definitions = accordMarkingDefinitions().filter((d) => used.has(d.id as string)) as StixObject[];
  return {
    bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [report, ...objects, ...definitions] },
    reportId: report.id,
  };
}

function evidenceText(t: CarTargetData): string {
  const who = t.contributors
    .map((c) => `${c.orgName} (${formatGrade(c.scale, c.reliability, c.credibility)}, ${c.reported})`)
    .join('; ');
  const net = t.asn === null ? '' : ` Network: AS${t.asn} ${t.asnHolder ?? ''}.`;
  return `Reported by ${who}. First reported ${t.firstSeen}, last ${t.lastSeen}; ${t.sightings} sightings.${net} Recommended action: ${t.recommendedAction}`;
}

function targetObject(
  t: CarTargetData,
  sdo: (type: string, props: Record<string, unknown>) => StixObject,
  markingRefs: string[],
): StixObject {
  const sco = (type: string, props: Record<string, unknown>): StixObject => {
    const o: StixObject = { type, spec_version: '2.1', id: '', ...props, object_marking_refs: markingRefs };
    o.id = computeScoId(o) ?? `${type}--${randomUUID()}`;
    return o;
  };
  switch (t.kind) {
    case 'ipv4':
      return sco('ipv4-addr', { value: t.value });
    case 'ipv6':
      return sco('ipv6-addr', { value: t.value });
    case 'cidr':
      return sco(t.value.includes(':') ? 'ipv6-addr' : 'ipv4-addr', { value: t.value });
    case 'domain':
      return sco('domain-name', { value: t.value });
    case 'url':
      return sco('url', { value: t.value });
    case 'email':
      return sco('email-addr', { value: t.value });
    case 'handle':
      return sco('user-account', { account_login: t.value });
    case 'wallet':
      return sco('user-account', { account_login: t.value, account_type: 'x-cryptocurrency-wallet' });
    case 'bank-account':
      return sco('user-account', { account_login: t.value, account_type: 'x-bank-account' });
    case 'threat-actor':
      return sdo('threat-actor', { name: t.value, threat_actor_types: ['crime-syndicate'] });
    case 'victim-group':
      return sdo('identity', { name: t.value, identity_class: 'group', roles: ['victim'] });
    default:
      return sdo('identity', { name: t.value, identity_class: 'individual' });
  }
}
