import type { Distribution } from '../../policy/distribution.js';
import { tlpLevelFromMarkingRef } from '../../stix/index.js';
import { uuidv5 } from '../accord-id.js';
import type { EventScope } from './event-build.js';
import { readDistribution } from './misp-distribution.js';
import { readTags } from './misp-tags.js';
import { at, fail, flag, isRecord, optionalTime, readTime, readUuid, text } from './misp-values.js';
import { papLevelFromMarkingRef } from './pap.js';

/** One MISP attribute, read and checked, with what it inherits already applied. */
export interface MispAttribute {
  path: string;
  uuid: string;
  type: string;
  value: string;
  category: string | undefined;
  toIds: boolean;
  comment: string | undefined;
  objectRelation: string | undefined;
  time: string;
  firstSeen: string | undefined;
  lastSeen: string | undefined;
  distribution: Distribution | undefined;
  markingRefs: string[];
  labels: string[];
  raw: Record<string, unknown>;
}

/** Own TLP and PAP markings win; a kind the item does not set comes from the enclosing one. */
export function inheritMarkings(own: readonly string[], outer: readonly string[]): string[] {
  const hasTlp = own.some((r) => tlpLevelFromMarkingRef(r) !== undefined);
  const hasPap = own.some((r) => papLevelFromMarkingRef(r) !== undefined);
  const inherited = outer.filter((r) =>
    tlpLevelFromMarkingRef(r) !== undefined
      ? !hasTlp
      : papLevelFromMarkingRef(r) !== undefined
        ? !hasPap
        : false,
  );
  return [...inherited, ...own];
}

export interface Enclosing {
  distribution: Distribution | undefined;
  markingRefs: string[];
}

export function readAttribute(
  raw: unknown,
  path: string,
  scope: EventScope,
  outer: Enclosing,
): MispAttribute {
  if (!isRecord(raw)) fail(path, 'invalid_type', `${path} must be a JSON object (a MISP attribute).`);
  const type = text(raw.type)?.trim();
  if (type === undefined || type === '')
    fail(
      at(path, 'type'),
      'missing_type',
      `${at(path, 'type')} is missing: every MISP attribute needs a type.`,
    );
  const value = text(raw.value);
  if (value === undefined || value.trim() === '') {
    fail(
      at(path, 'value'),
      'missing_value',
      `${at(path, 'value')} is missing or empty (attribute of type ${type}).`,
    );
  }
  const objectRelation = text(raw.object_relation) ?? undefined;
  // Without a uuid (hand-written JSON), one is derived from the event, type and value, so it is stable.
  const uuid =
    raw.uuid === undefined || raw.uuid === null
      ? uuidv5(`${scope.eventUuid}\u0000${type}\u0000${objectRelation ?? ''}\u0000${value}`, scope.eventUuid)
      : readUuid(raw.uuid, at(path, 'uuid'));
  const time = readTime(raw.timestamp, at(path, 'timestamp'), scope.time);
  const firstSeen = optionalTime(raw.first_seen);
  const lastSeen = optionalTime(raw.last_seen);
  const tags = readTags(raw.Tag);
  const category = text(raw.category);
  const comment = text(raw.comment);
  return {
    path,
    uuid,
    type,
    value,
    category: category === '' ? undefined : category,
    toIds: flag(raw.to_ids),
    comment: comment === '' ? undefined : comment,
    objectRelation: objectRelation === '' ? undefined : objectRelation,
    time,
    firstSeen,
    lastSeen:
      lastSeen !== undefined && firstSeen !== undefined && lastSeen < firstSeen ? firstSeen : lastSeen,
    distribution: readDistribution(raw, path, outer.distribution, scope.groups),
    markingRefs: inheritMarkings(tags.markingRefs, outer.markingRefs),
    labels: tags.labels,
    raw,
  };
}

/** The labels that carry MISP's category and type through STIX (read back by the MISP exporter). */
export function mispLabels(a: Pick<MispAttribute, 'category' | 'type' | 'labels'>): string[] {
  return [
    ...(a.category === undefined ? [] : [`misp:category="${a.category}"`]),
    `misp:type="${a.type}"`,
    ...a.labels,
  ];
}
