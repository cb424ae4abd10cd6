import type { StixObject } from '../../stix/types.js';
import { accordId } from '../accord-id.js';
import type { EventScope } from './event-build.js';
import { sdoBase } from './event-build.js';
import { at, fail, isRecord, isUuid, readTime, text } from './misp-values.js';

const SIGHTING_TYPES: Readonly<Record<string, string>> = {
  '0': 'sighting',
  '1': 'false-positive',
  '2': 'expiration',
};

/**
 * One MISP sighting → one STIX `sighting` of the object its attribute became. MISP's type travels
 * as `x_misp_sighting_type` (`sighting`, `false-positive`, `expiration`), and a false positive is
 * also flagged `x_accord_false_positive: true` (STIX has no such notion; one flag is easy to filter).
 * The sighting organisation is kept as `x_misp_organisation` (it is not an identity we know).
 */
export function sightingToStix(
  raw: unknown,
  path: string,
  scope: EventScope,
  attributeUuid: string | undefined,
  targetOf: (uuid: string) => string | undefined,
): StixObject {
  if (!isRecord(raw)) fail(path, 'invalid_type', `${path} must be a JSON object (a MISP sighting).`);
  const attrUuid = attributeUuid ?? text(raw.attribute_uuid)?.toLowerCase();
  if (attrUuid === undefined || !isUuid(attrUuid)) {
    fail(
      at(path, 'attribute_uuid'),
      'invalid_uuid',
      `${at(path, 'attribute_uuid')} must name the sighted attribute by uuid.`,
    );
  }
  const target = targetOf(attrUuid);
  if (target === undefined) {
    fail(
      at(path, 'attribute_uuid'),
      'unknown_reference',
      `${path} sights attribute ${attrUuid}, which this event does not contain (or which was not imported).`,
    );
  }
  const kind = SIGHTING_TYPES[text(raw.type) ?? '0'];
  if (kind === undefined)
    fail(
      at(path, 'type'),
      'invalid_value',
      `${at(path, 'type')} must be 0 (sighting), 1 (false positive) or 2 (expiration).`,
    );
  const when = readTime(raw.date_sighting ?? raw.timestamp, at(path, 'date_sighting'), scope.time);
  const org = isRecord(raw.Organisation) ? raw.Organisation : undefined;
  const orgName = text(org?.name);
  const orgUuid = text(org?.uuid);
  const source = text(raw.source);
  const id = isUuid(raw.uuid)
    ? `sighting--${raw.uuid.toLowerCase()}`
    : accordId('sighting', attrUuid, kind, when, orgUuid ?? orgName ?? '', source ?? '');
  return {
    ...sdoBase('sighting', id, scope, when, when, scope.markingRefs),
    sighting_of_ref: target,
    count: 1,
    first_seen: when,
    last_seen: when,
    x_misp_sighting_type: kind,
    ...(kind === 'false-positive' ? { x_accord_false_positive: true } : {}),
    ...(source === undefined || source === '' ? {} : { x_misp_source: source }),
    ...(orgName === undefined
      ? {}
      : { x_misp_organisation: { name: orgName, ...(orgUuid === undefined ? {} : { uuid: orgUuid }) } }),
  };
}
