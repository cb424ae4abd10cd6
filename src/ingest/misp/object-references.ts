import type { StixObject } from '../../stix/types.js';
import { accordId } from '../accord-id.js';
import type { EventScope } from './event-build.js';
import { sdoBase } from './event-build.js';
import { at, fail, isRecord, isUuid, readTime, text } from './misp-values.js';

/** MISP relationship names are free text; STIX wants lowercase words joined by hyphens. */
export function relationshipType(name: string): string {
  const t = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return t === '' ? 'related-to' : t;
}

/** An ObjectReference of MISP object `sourceUuid` → a STIX relationship between what both became. */
export function referenceToStix(
  raw: unknown,
  path: string,
  scope: EventScope,
  sourceUuid: string,
  stixOf: (uuid: string) => string | undefined,
): StixObject {
  if (!isRecord(raw)) fail(path, 'invalid_type', `${path} must be a JSON object (a MISP object reference).`);
  const target = text(raw.referenced_uuid)?.toLowerCase();
  if (target === undefined || !isUuid(target)) {
    fail(
      at(path, 'referenced_uuid'),
      'invalid_uuid',
      `${at(path, 'referenced_uuid')} must be the uuid of the referenced attribute or object.`,
    );
  }
  const sourceRef = stixOf(sourceUuid);
  const targetRef = stixOf(target);
  if (sourceRef === undefined || targetRef === undefined) {
    fail(
      path,
      'unknown_reference',
      `${path} refers to ${target}, which this event does not contain or which was not imported; the relationship was left out.`,
    );
  }
  const type = relationshipType(text(raw.relationship_type) ?? '');
  const time = readTime(raw.timestamp, at(path, 'timestamp'), scope.time);
  const id = isUuid(raw.uuid)
    ? `relationship--${raw.uuid.toLowerCase()}`
    : accordId('relationship', sourceRef, type, targetRef);
  const comment = text(raw.comment);
  return {
    ...sdoBase('relationship', id, scope, time, time, scope.markingRefs),
    relationship_type: type,
    source_ref: sourceRef,
    target_ref: targetRef,
    ...(comment === undefined || comment === '' ? {} : { description: comment }),
  };
}
