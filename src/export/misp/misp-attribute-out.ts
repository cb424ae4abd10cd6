import { DEFAULT_CATEGORY } from '../../ingest/misp/default-category.js';
import { tagOfMarking } from '../../ingest/misp/misp-tags.js';
import type { StixObject } from '../../stix/types.js';
import type { MispAttributeOut, MispTag } from './misp-format.js';
import { epoch } from './misp-format.js';
import type { Recovered } from './reverse-types.js';
import { applyHint } from './reverse-types.js';

const META_LABEL = /^misp:(category|type|name)="(.*)"$/;

/** A `misp:<key>="<value>"` label the importer wrote, read back. */
export function labelHint(obj: StixObject, key: 'category' | 'type' | 'name'): string | undefined {
  for (const label of obj.labels ?? []) {
    const m = META_LABEL.exec(label);
    if (m?.[1] === key) return m[2];
  }
  return undefined;
}

/** MISP tags for an object: its TLP/PAP markings, then its labels (MISP metadata labels excluded). */
export function tagsOf(obj: StixObject): MispTag[] {
  const names = [
    ...(obj.object_marking_refs ?? []).map(tagOfMarking).filter((t): t is string => t !== undefined),
    ...(obj.labels ?? []).filter((l) => !META_LABEL.test(l)),
  ];
  return [...new Set(names)].map((name) => ({ name }));
}

export interface AttributeMeta {
  uuid: string;
  toIds: boolean;
  /** The STIX object it came from: time, comment, tags and hints are read from it. */
  source: StixObject;
  comment?: string | undefined;
  firstSeen?: string | undefined;
  lastSeen?: string | undefined;
  /** Inside a MISP object: no hints from the labels, the object holds the tags. */
  inObject?: boolean;
}

/** A recovered value with its MISP metadata. */
export function attributeOut(r: Recovered, meta: AttributeMeta): MispAttributeOut {
  const src = meta.source;
  const type = meta.inObject === true ? r.type : applyHint(r.type, labelHint(src, 'type'));
  const category =
    (meta.inObject === true ? undefined : labelHint(src, 'category')) ?? DEFAULT_CATEGORY[type] ?? 'Other';
  const tags = meta.inObject === true ? [] : tagsOf(src);
  return {
    uuid: meta.uuid,
    type,
    category,
    value: r.value,
    to_ids: meta.toIds,
    timestamp: epoch(src.modified ?? src.created),
    distribution: '5',
    ...(meta.comment === undefined ? {} : { comment: meta.comment }),
    ...(meta.inObject === true && r.relation !== undefined ? { object_relation: r.relation } : {}),
    ...(meta.firstSeen === undefined ? {} : { first_seen: meta.firstSeen }),
    ...(meta.lastSeen === undefined ? {} : { last_seen: meta.lastSeen }),
    ...(tags.length > 0 ? { Tag: tags } : {}),
  };
}
