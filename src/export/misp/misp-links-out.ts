import type { StixObject } from '../../stix/types.js';
import type { MispAttributeOut, MispObjectOut, MispSighting } from './misp-format.js';
import { epoch, uuidOf } from './misp-format.js';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const SIGHTING_TYPE: Readonly<Record<string, MispSighting['type']>> = {
  sighting: '0',
  'false-positive': '1',
  expiration: '2',
};

/** STIX sightings of exported attributes → their `Sighting` lists. */
export function addSightings(attributes: MispAttributeOut[], related: readonly StixObject[]): void {
  const byUuid = new Map(attributes.map((a) => [a.uuid, a]));
  for (const s of related) {
    if (s.type !== 'sighting' || typeof s.sighting_of_ref !== 'string') continue;
    const attribute = byUuid.get(uuidOf(s.sighting_of_ref));
    if (attribute === undefined) continue;
    const kind =
      s.x_accord_false_positive === true
        ? '1'
        : (SIGHTING_TYPE[str(s.x_misp_sighting_type) ?? 'sighting'] ?? '0');
    const org = isRecord(s.x_misp_organisation) ? s.x_misp_organisation : undefined;
    const sighting: MispSighting = {
      uuid: uuidOf(s.id),
      type: kind,
      date_sighting: epoch(str(s.last_seen) ?? str(s.first_seen) ?? s.created),
      ...(str(s.x_misp_source) === undefined ? {} : { source: str(s.x_misp_source) }),
      ...(str(org?.name) === undefined
        ? {}
        : {
            Organisation: {
              name: str(org?.name) ?? '',
              ...(str(org?.uuid) === undefined ? {} : { uuid: str(org?.uuid) }),
            },
          }),
    };
    attribute.Sighting = [...(attribute.Sighting ?? []), sighting];
  }
}

/** Relationships from an exported MISP object to an exported attribute/object → `ObjectReference`. */
export function addReferences(
  objects: MispObjectOut[],
  attributes: readonly MispAttributeOut[],
  related: readonly StixObject[],
): void {
  const byUuid = new Map(objects.map((o) => [o.uuid, o]));
  const known = new Set([...byUuid.keys(), ...attributes.map((a) => a.uuid)]);
  for (const r of related) {
    if (r.type !== 'relationship' || typeof r.source_ref !== 'string' || typeof r.target_ref !== 'string')
      continue;
    const source = byUuid.get(uuidOf(r.source_ref));
    const target = uuidOf(r.target_ref);
    if (source === undefined || !known.has(target)) continue;
    source.ObjectReference = [
      ...(source.ObjectReference ?? []),
      {
        uuid: uuidOf(r.id),
        object_uuid: source.uuid,
        referenced_uuid: target,
        relationship_type: str(r.relationship_type) ?? 'related-to',
        timestamp: epoch(r.modified),
        ...(str(r.description) === undefined ? {} : { comment: str(r.description) }),
      },
    ];
  }
}
