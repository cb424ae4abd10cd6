import { uuidv5 } from '../../ingest/accord-id.js';
import type { SharingGroupRef } from '../../ingest/misp/misp-distribution.js';
import type { Distribution } from '../../policy/distribution.js';
import { CUSTOM_SCO_TYPE } from '../../ingest/misp/sco.js';
import { isScoType } from '../../stix/index.js';
import type { StixObject } from '../../stix/types.js';
import { attributeOut, labelHint, tagsOf } from './misp-attribute-out.js';
import type {
  MispAttributeOut,
  MispClusterOut,
  MispEventDocument,
  MispObjectOut,
  MispOrg,
} from './misp-format.js';
import { epoch, uuidOf } from './misp-format.js';
import { clusterOf, galaxiesOf, isGalaxyType } from './misp-galaxy-out.js';
import { patternClaims } from './pattern-claims.js';
import type { Claim } from './reverse-types.js';
import { recover, TEMPLATE_OF } from './reverse-types.js';
import { addReferences, addSightings } from './misp-links-out.js';
import { scoClaims } from './sco-claims.js';

export interface ToMispOptions {
  /** The creating organisation; default the report's `x_misp_orgc`, else "Accord" and the author's uuid. */
  orgc?: MispOrg;
  /** The event's distribution (attributes inherit: 5). */
  distribution?: Distribution;
  sharingGroups?: readonly SharingGroupRef[];
  /** Called for each related object that has no MISP form, with the reason. */
  onSkip?: (id: string, reason: string) => void;
}

type Piece = { attribute: MispAttributeOut } | { object: MispObjectOut };

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An indicator's or observed-data's claims as one MISP attribute, or a MISP object for several. */
function piece(
  source: StixObject,
  claims: Claim[],
  toIds: boolean,
  times: { first?: string; last?: string },
  skip: (reason: string) => void,
): Piece | undefined {
  const xObject = isRecord(source.x_misp_object) ? source.x_misp_object : undefined;
  const rec = recover(claims, xObject !== undefined);
  if (rec.unknown.length > 0)
    skip(`no MISP type for ${rec.unknown.map((c) => `${c.objectType}:${c.path}`).join(', ')}`);
  if (rec.attributes.length === 0) return undefined;
  const uuid = uuidOf(source.id);
  const comment = str(source.description) ?? str(source.x_misp_comment);
  if (xObject === undefined && rec.attributes.length === 1) {
    const a = rec.attributes[0]!;
    return {
      attribute: attributeOut(a, {
        uuid,
        toIds,
        source,
        comment,
        firstSeen: times.first,
        lastSeen: times.last,
      }),
    };
  }
  const name = str(xObject?.name) ?? TEMPLATE_OF[rec.objectType ?? ''] ?? 'generic';
  const attrs = rec.attributes.map((a) =>
    attributeOut(a, {
      uuid: uuidv5(`${a.relation ?? a.type}\u0000${a.value}`, uuid),
      toIds,
      source,
      inObject: true,
    }),
  );
  const kept = Array.isArray(source.x_misp_attributes) ? source.x_misp_attributes.filter(isRecord) : [];
  for (const k of kept) {
    attrs.push({
      uuid: str(k.uuid) ?? uuidv5(`${String(k.object_relation)}\u0000${String(k.value)}`, uuid),
      type: str(k.type) ?? 'text',
      category: str(k.category) ?? 'Other',
      value: typeof k.value === 'string' ? k.value : String(k.value),
      to_ids: k.to_ids === true,
      timestamp: epoch(source.modified),
      distribution: '5',
      ...(str(k.object_relation) === undefined ? {} : { object_relation: str(k.object_relation) }),
      ...(str(k.comment) === undefined ? {} : { comment: str(k.comment) }),
    });
  }
  const objectComment = str(xObject?.comment);
  return {
    object: {
      uuid,
      name,
      ...(str(xObject?.meta_category) === undefined ? {} : { 'meta-category': str(xObject?.meta_category) }),
      ...(objectComment === undefined ? {} : { comment: objectComment }),
      timestamp: epoch(source.modified),
      distribution: '5',
      ...(times.first === undefined ? {} : { first_seen: times.first }),
      ...(times.last === undefined ? {} : { last_seen: times.last }),
      Attribute: attrs,
    },
  };
}

function distributionFields(opts: ToMispOptions): {
  distribution?: string;
  SharingGroup?: { uuid?: string; name: string };
} {
  const d = opts.distribution;
  if (d === undefined) return {};
  if (d === 'organisation') return { distribution: '0' };
  if (d === 'community') return { distribution: '1' };
  if (d === 'federation') return { distribution: '2' };
  if (d === 'public') return { distribution: '3' };
  const id = d.slice('group:'.length);
  const g = opts.sharingGroups?.find((x) => x.id === id);
  return {
    distribution: '4',
    SharingGroup: { ...(g?.uuid === undefined ? {} : { uuid: g.uuid }), name: g?.name ?? id },
  };
}

/**
 * A STIX report and the objects it refers to → one MISP event (core format), docs/MISP-MAPPING.md:
 * indicators whose pattern is one AND-only observation and observed-data SCOs become attributes (or
 * MISP objects when they hold several values), notes/vulnerabilities/links attributes, SDOs for
 * malware, threat actors, intrusion sets, tools and attack patterns galaxy clusters, TLP/PAP markings
 * and labels tags, sightings attribute sightings, relationships between objects object references.
 */
export function toMispEvent(
  report: StixObject,
  related: readonly StixObject[],
  opts: ToMispOptions = {},
): MispEventDocument {
  const byId = new Map(related.map((o) => [o.id, o]));
  const lookup = (id: string): StixObject | undefined => byId.get(id);
  const eventUuid = uuidOf(report.id);
  const refs = Array.isArray(report.object_refs)
    ? report.object_refs.filter((r): r is string => typeof r === 'string')
    : [];
  const members = refs.map(lookup).filter((o): o is StixObject => o !== undefined);
  const wrapped = new Set(
    members
      .filter((o) => o.type === 'observed-data')
      .flatMap((o) => (Array.isArray(o.object_refs) ? (o.object_refs as string[]) : [])),
  );
  const attributes: MispAttributeOut[] = [];
  const objects: MispObjectOut[] = [];
  const clusters: MispClusterOut[] = [];
  const add = (p: Piece | undefined): void => {
    if (p === undefined) return;
    if ('attribute' in p) attributes.push(p.attribute);
    else objects.push(p.object);
  };
  for (const o of members) {
    const skip = (reason: string): void => opts.onSkip?.(o.id, reason);
    const modified = o.modified ?? o.created;
    if (o.type === 'indicator') {
      const claims =
        o.pattern_type === 'stix' && typeof o.pattern === 'string' ? patternClaims(o.pattern) : undefined;
      if (claims === undefined) skip('pattern is not a single AND-only observation MISP can hold');
      else
        add(
          piece(
            o,
            claims,
            true,
            {
              ...(o.valid_from !== modified && typeof o.valid_from === 'string'
                ? { first: o.valid_from }
                : {}),
            },
            skip,
          ),
        );
    } else if (o.type === 'observed-data') {
      const main =
        Array.isArray(o.object_refs) && typeof o.object_refs[0] === 'string'
          ? lookup(o.object_refs[0])
          : undefined;
      if (main === undefined) skip('its observed object is not among the related objects');
      else {
        const first = str(o.first_observed);
        const last = str(o.last_observed);
        add(
          piece(
            o,
            scoClaims(main, lookup),
            false,
            {
              ...(first !== modified && first !== undefined ? { first } : {}),
              ...(last !== first && last !== undefined ? { last } : {}),
            },
            skip,
          ),
        );
      }
    } else if (o.type === 'note' || o.type === 'vulnerability') {
      const value = o.type === 'note' ? str(o.content) : str(o.name);
      const type = o.type === 'note' ? (labelHint(o, 'type') ?? 'text') : 'vulnerability';
      if (value !== undefined)
        add({
          attribute: attributeOut(
            { type, value },
            {
              uuid: uuidOf(o.id),
              toIds: false,
              source: o,
              comment: str(o.description) ?? str(o.x_misp_comment),
            },
          ),
        });
    } else if (isGalaxyType(o.type)) {
      const c = clusterOf(o);
      if (c !== undefined) clusters.push(c);
    } else if (!wrapped.has(o.id) && (isScoType(o.type) || o.type === CUSTOM_SCO_TYPE)) {
      add(piece(o, scoClaims(o, lookup), false, {}, skip)); // an SCO the report lists directly
    } else if (!wrapped.has(o.id) && o.type !== 'relationship' && o.type !== 'sighting') {
      skip(`${o.type} has no MISP form`);
    }
  }
  for (const ref of Array.isArray(report.external_references)
    ? (report.external_references as unknown[]).filter(isRecord)
    : []) {
    const url = str(ref.url);
    if (url === undefined || (ref.source_name === 'misp' && ref.external_id === eventUuid)) continue;
    attributes.push({
      uuid: uuidv5(url, eventUuid),
      type: 'link',
      category: 'External analysis',
      value: url,
      to_ids: false,
      timestamp: epoch(report.modified),
      distribution: '5',
      ...(str(ref.description) === undefined ? {} : { comment: str(ref.description) }),
    });
  }
  addSightings(attributes, related);
  addReferences(objects, attributes, related);
  const orgc = isRecord(report.x_misp_orgc) ? report.x_misp_orgc : undefined;
  const published = str(report.published) ?? report.modified;
  return {
    Event: {
      uuid: eventUuid,
      info: str(report.name) ?? `Accord report ${eventUuid}`,
      date: str(report.x_misp_date) ?? (published ?? '1970-01-01').slice(0, 10),
      timestamp: epoch(report.modified),
      publish_timestamp: epoch(published),
      published: true,
      analysis: String(typeof report.x_misp_analysis === 'number' ? report.x_misp_analysis : 2),
      threat_level_id: String(
        typeof report.x_misp_threat_level_id === 'number' ? report.x_misp_threat_level_id : 4,
      ),
      ...distributionFields(opts),
      Orgc: opts.orgc ?? {
        name: str(orgc?.name) ?? 'Accord',
        uuid: str(orgc?.uuid) ?? uuidOf(report.created_by_ref ?? report.id),
      },
      Tag: [...tagsOf(report), ...clusters.map((c) => ({ name: c.tag_name }))],
      Attribute: attributes,
      Object: objects,
      Galaxy: galaxiesOf(clusters),
    },
  };
}
