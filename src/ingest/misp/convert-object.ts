import { papOfRefs, tlpOfRefs } from '../../policy/markings.js';
import { TLP_MARKINGS } from '../../stix/index.js';
import type { ConvertedObject } from '../conversion.js';
import { convertAttribute, indicatorOf, observedDataOf } from './convert-attribute.js';
import type { EventBuild } from './event-build.js';
import { converted } from './event-build.js';
import type { Enclosing, MispAttribute } from './misp-attribute.js';
import { inheritMarkings, readAttribute } from './misp-attribute.js';
import { readDistribution } from './misp-distribution.js';
import { readTags } from './misp-tags.js';
import { at, fail, isRecord, list, optionalTime, readTime, readUuid, text } from './misp-values.js';
import { OBJECT_TEMPLATES } from './object-templates.js';
import { PAP_MARKINGS } from './pap.js';
import { printPattern } from './stix-comparison.js';

/** An attribute of a MISP object that has no place in the object's SCO, kept as data. */
export interface KeptAttribute {
  object_relation?: string;
  type: string;
  value: string;
  category?: string;
  to_ids: boolean;
  uuid: string;
  comment?: string;
}

function kept(a: MispAttribute): KeptAttribute {
  return {
    ...(a.objectRelation === undefined ? {} : { object_relation: a.objectRelation }),
    type: a.type,
    value: a.value,
    ...(a.category === undefined ? {} : { category: a.category }),
    to_ids: a.toIds,
    uuid: a.uuid,
    ...(a.comment === undefined ? {} : { comment: a.comment }),
  };
}

/** The most restrictive TLP and PAP over the object's attributes (one STIX object carries them all). */
function strictest(attrs: readonly MispAttribute[], outer: readonly string[]): string[] {
  const refs = [...outer, ...attrs.flatMap((a) => a.markingRefs)];
  const tlp = tlpOfRefs(refs);
  const pap = papOfRefs(refs);
  return [...(tlp === null ? [] : [TLP_MARKINGS[tlp].id]), ...(pap === null ? [] : [PAP_MARKINGS[pap].id])];
}

/**
 * A MISP object with a known template (file, domain-ip, url, email, ip-port) → one indicator when any
 * attribute is `to_ids` (its comparisons AND-ed in one observation), else one observed-data with the
 * SCOs; id from the object uuid. Attributes outside the SCO ride along in `x_misp_attributes`.
 * Unknown templates convert attribute by attribute (a warning names the template).
 */
export interface ObjectProducts {
  objects: ConvertedObject[];
  /** MISP uuids (the object's and its attributes') → the STIX object that stands for them. */
  ids: Map<string, string>;
}

export function convertObject(
  build: EventBuild,
  raw: unknown,
  path: string,
  outer: Enclosing,
): ObjectProducts {
  if (!isRecord(raw)) fail(path, 'invalid_type', `${path} must be a JSON object (a MISP object).`);
  const name = text(raw.name)?.trim();
  if (name === undefined || name === '')
    fail(
      at(path, 'name'),
      'missing_name',
      `${at(path, 'name')} is missing: a MISP object needs its template name.`,
    );
  const uuid = readUuid(raw.uuid, at(path, 'uuid'));
  const tags = readTags(raw.Tag);
  const enclosing: Enclosing = {
    distribution: readDistribution(raw, path, outer.distribution, build.scope.groups),
    markingRefs: inheritMarkings(tags.markingRefs, outer.markingRefs),
  };
  const attrs = list(raw.Attribute).map((a, i) =>
    readAttribute(a, at(at(path, 'Attribute'), i), build.scope, enclosing),
  );
  if (attrs.length === 0)
    fail(at(path, 'Attribute'), 'empty_object', `${path} (a ${name} object) has no attributes.`);
  const template = OBJECT_TEMPLATES[name];
  const result = template?.(attrs);
  if (result === undefined) {
    if (template === undefined)
      build.warn(
        at(path, 'name'),
        'unmapped_object',
        `${at(path, 'name')}: MISP object "${name}" has no STIX template; its attributes are converted one by one.`,
      );
    const ids = new Map<string, string>();
    const objects = attrs.flatMap((a) => {
      const made = convertAttribute(build, a);
      if (made[0] !== undefined) ids.set(a.uuid, made[0].object.id);
      return made;
    });
    if (objects[0] !== undefined) ids.set(uuid, objects[0].object.id);
    return { objects, ids };
  }
  const time = readTime(
    raw.timestamp,
    at(path, 'timestamp'),
    attrs
      .map((a) => a.time)
      .sort()
      .at(-1) ?? build.scope.time,
  );
  const firstSeen = optionalTime(raw.first_seen);
  const lastSeen = optionalTime(raw.last_seen);
  const comment = text(raw.comment);
  const meta = text(raw['meta-category']);
  const rest = attrs.filter((a) => !result.used.has(a));
  const extra = {
    x_misp_object: {
      name,
      ...(meta === undefined ? {} : { meta_category: meta }),
      ...(comment === undefined || comment === '' ? {} : { comment }),
    },
    ...(rest.length > 0 ? { x_misp_attributes: rest.map(kept) } : {}),
  };
  const markingRefs = strictest(attrs, enclosing.markingRefs);
  const labels = [...new Set([...tags.labels, ...attrs.flatMap((a) => a.labels)])];
  const asAttribute: MispAttribute = {
    path,
    uuid,
    type: name,
    value: '',
    category: undefined,
    toIds: [...result.used].some((a) => a.toIds),
    comment: comment === '' ? undefined : comment,
    objectRelation: undefined,
    time,
    firstSeen,
    lastSeen:
      lastSeen !== undefined && firstSeen !== undefined && lastSeen < firstSeen ? firstSeen : lastSeen,
    distribution: enclosing.distribution,
    markingRefs,
    labels,
    raw,
  };
  const d = enclosing.distribution;
  let out: ConvertedObject[];
  if (asAttribute.toIds) {
    const title = `${name} ${[...result.used].map((a) => a.value).join(' ')}`.slice(0, 250);
    const indicator = indicatorOf(
      build,
      asAttribute,
      `indicator--${uuid}`,
      title,
      printPattern(result.comparisons),
      extra,
    );
    // An object's category is its template's; each attribute's own is in its MISP type's default.
    indicator.labels = [`misp:name="${name}"`, ...labels];
    out = [converted(indicator, d)];
  } else {
    const observed = observedDataOf(build, asAttribute, `observed-data--${uuid}`, result.scos, extra);
    observed.labels = [`misp:name="${name}"`, ...labels];
    const scos = result.scos.map((s) =>
      converted(markingRefs.length > 0 ? { ...s, object_marking_refs: markingRefs } : s, d),
    );
    out = [converted(observed, d), ...scos];
  }
  const main = out[0]?.object.id ?? '';
  return { objects: out, ids: new Map([uuid, ...attrs.map((a) => a.uuid)].map((u) => [u, main])) };
}
