import type { StixObject } from '../../stix/types.js';
import type { ConvertedObject } from '../conversion.js';
import type { MappedValue } from './attribute-types.js';
import { OBSERVABLE_TYPES } from './attribute-types.js';
import type { EventBuild } from './event-build.js';
import { converted, sdoBase } from './event-build.js';
import { indicatorTypeOf } from './indicator-types.js';
import type { MispAttribute } from './misp-attribute.js';
import { mispLabels } from './misp-attribute.js';
import { at } from './misp-values.js';
import { CUSTOM_SCO_TYPE, customComparisons, customSco } from './sco.js';
import { printPattern } from './stix-comparison.js';

const CVE = /^CVE-\d{4}-\d{4,}$/i;

/** The indicator for detection content (`to_ids`), id from the MISP uuid. */
export function indicatorOf(
  build: EventBuild,
  a: MispAttribute,
  id: string,
  name: string,
  pattern: string,
  extra: Record<string, unknown> = {},
): StixObject {
  const labels = mispLabels(a);
  return {
    ...sdoBase('indicator', id, build.scope, a.time, a.time, a.markingRefs),
    name,
    ...(a.comment === undefined ? {} : { description: a.comment }),
    indicator_types: [indicatorTypeOf(a.category)],
    pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: a.firstSeen ?? a.time,
    ...(labels.length > 0 ? { labels } : {}),
    ...extra,
  };
}

/** The observed-data that wraps the SCOs of something seen but not meant for detection. */
export function observedDataOf(
  build: EventBuild,
  a: MispAttribute,
  id: string,
  scos: readonly StixObject[],
  extra: Record<string, unknown> = {},
): StixObject {
  const first = a.firstSeen ?? a.time;
  return {
    ...sdoBase('observed-data', id, build.scope, a.time, a.time, a.markingRefs),
    first_observed: first,
    last_observed: a.lastSeen ?? first,
    number_observed: 1,
    object_refs: scos.map((s) => s.id),
    labels: mispLabels(a),
    ...(a.comment === undefined ? {} : { x_misp_comment: a.comment }),
    ...extra,
  };
}

function withMarkings(sco: StixObject, a: MispAttribute): StixObject {
  return a.markingRefs.length > 0 ? { ...sco, object_marking_refs: [...a.markingRefs] } : sco;
}

/**
 * One standalone attribute in STIX: `to_ids` → indicator; otherwise SCOs in an observed-data;
 * `vulnerability` → vulnerability; `text`/`comment` → note on the report; `link` without `to_ids`
 * → an external reference of the report. Types we do not know → the custom `x-misp-attribute`
 * (with a warning), never dropped.
 */
export function convertAttribute(build: EventBuild, a: MispAttribute): ConvertedObject[] {
  const d = a.distribution;
  const scope = build.scope;
  if (a.type === 'vulnerability') {
    const name = CVE.test(a.value.trim()) ? a.value.trim().toUpperCase() : a.value.trim();
    const vuln: StixObject = {
      ...sdoBase('vulnerability', `vulnerability--${a.uuid}`, scope, a.time, a.time, a.markingRefs),
      name,
      ...(a.comment === undefined ? {} : { description: a.comment }),
      ...(CVE.test(name) ? { external_references: [{ source_name: 'cve', external_id: name }] } : {}),
      labels: mispLabels(a),
    };
    return [converted(vuln, d)];
  }
  if (a.type === 'text' || a.type === 'comment') {
    const note: StixObject = {
      ...sdoBase('note', `note--${a.uuid}`, scope, a.time, a.time, a.markingRefs),
      content: a.value,
      object_refs: [scope.reportId],
      labels: mispLabels(a),
      ...(a.comment === undefined ? {} : { x_misp_comment: a.comment }),
    };
    return [converted(note, d)];
  }
  if (a.type === 'link' && !a.toIds) {
    build.links.push({
      source_name: 'link',
      url: a.value.trim(),
      ...(a.comment === undefined ? {} : { description: a.comment }),
    });
    return [];
  }
  const mapper = OBSERVABLE_TYPES[a.type];
  if (mapper === undefined) {
    build.warn(
      at(a.path, 'type'),
      'unknown_attribute_type',
      `${at(a.path, 'type')}: MISP type "${a.type}" has no STIX mapping; kept as a custom ${CUSTOM_SCO_TYPE}.`,
    );
  }
  const mapped: MappedValue =
    mapper === undefined ? { comparisons: [], scos: [] } : mapper(a.value, at(a.path, 'value'));
  const value = a.value.trim();
  if (a.toIds) {
    const comparisons = mapped.comparisons.length > 0 ? mapped.comparisons : customComparisons(a.type, value);
    const indicator = indicatorOf(
      build,
      a,
      `indicator--${a.uuid}`,
      `${a.type} ${a.value}`,
      printPattern(comparisons),
    );
    return [converted(indicator, d)];
  }
  const scos = mapped.scos.length > 0 ? mapped.scos : [customSco(a.type, value)];
  return [
    converted(observedDataOf(build, a, `observed-data--${a.uuid}`, scos), d),
    ...scos.map((s) => converted(withMarkings(s, a), d)),
  ];
}
