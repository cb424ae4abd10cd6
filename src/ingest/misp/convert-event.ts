import type { StixObject } from '../../stix/types.js';
import { accordId } from '../accord-id.js';
import type { ConversionContext, ConvertedObject } from '../conversion.js';
import { convertAttribute } from './convert-attribute.js';
import { convertObject } from './convert-object.js';
import type { EventScope } from './event-build.js';
import { converted, EventBuild, sdoBase } from './event-build.js';
import { clustersOf, clusterToSdo } from './galaxies.js';
import type { Enclosing } from './misp-attribute.js';
import { readAttribute } from './misp-attribute.js';
import type { SharingGroupRef } from './misp-distribution.js';
import { readDistribution } from './misp-distribution.js';
import { readTags } from './misp-tags.js';
import { at, fail, isRecord, list, optionalTime, readTime, readUuid, text } from './misp-values.js';
import { referenceToStix } from './object-references.js';
import { sightingToStix } from './sightings.js';

const ACTORS = new Set(['threat-actor', 'intrusion-set']);
const USED = new Set(['malware', 'tool', 'attack-pattern']);

function eventScope(
  event: Record<string, unknown>,
  path: string,
  ctx: ConversionContext,
  groups: readonly SharingGroupRef[],
): EventScope {
  const uuid = readUuid(event.uuid, at(path, 'uuid'));
  const date = optionalTime(event.date);
  if (event.date !== undefined && date === undefined)
    fail(at(path, 'date'), 'invalid_timestamp', `${at(path, 'date')} is not a date (YYYY-MM-DD).`);
  const time = readTime(event.timestamp, at(path, 'timestamp'), date ?? ctx.now);
  const tags = readTags(event.Tag);
  return {
    ctx,
    groups,
    eventUuid: uuid,
    reportId: `report--${uuid}`,
    time,
    // The event's date is when it happened; it may not be later than the last change.
    created: date !== undefined && date <= time ? date : time,
    distribution: readDistribution(event, path, undefined, groups),
    markingRefs: tags.markingRefs,
  };
}

/** One MISP event → its report and everything in it (see docs/MISP-MAPPING.md). */
export function convertEvent(
  event: unknown,
  path: string,
  ctx: ConversionContext,
  groups: readonly SharingGroupRef[],
): EventBuild | undefined {
  if (!isRecord(event))
    fail(path, 'invalid_type', `${path || 'The input'} must be a MISP event (a JSON object).`);
  const scope = eventScope(event, path, ctx, groups);
  const build = new EventBuild(scope);
  const outer: Enclosing = { distribution: scope.distribution, markingRefs: scope.markingRefs };
  const clusterLabels: string[] = [];
  const sdoTags = new Set<string>();
  const actors: string[] = [];
  const used: string[] = [];

  const addClusters = (galaxies: unknown, galaxyPath: string, relateTo: StixObject | undefined): void => {
    for (const c of clustersOf(galaxies, galaxyPath)) {
      let tag: string | undefined;
      const made = build.item(c.path, () => {
        const result = clusterToSdo(c.raw, c.path, scope, c.sharedUuid);
        tag = result?.tagName ?? (isRecord(c.raw) ? text(c.raw.tag_name) : undefined);
        return result === undefined ? [] : [converted(result.sdo, scope.distribution)];
      });
      const sdo = made?.[0]?.object;
      if (sdo === undefined) {
        if (made !== undefined && tag !== undefined) clusterLabels.push(tag);
        continue;
      }
      if (tag !== undefined) sdoTags.add(tag);
      if (relateTo === undefined) {
        if (ACTORS.has(sdo.type)) actors.push(sdo.id);
        if (USED.has(sdo.type)) used.push(sdo.id);
      } else {
        const type = relateTo.type === 'indicator' ? 'indicates' : 'related-to';
        build.item(c.path, () => [
          converted(relationship(scope, relateTo.id, type, sdo.id), scope.distribution),
        ]);
      }
    }
  };

  addClusters(event.Galaxy, at(path, 'Galaxy'), undefined);

  list(event.Attribute).forEach((raw, i) => {
    const p = at(at(path, 'Attribute'), i);
    const made = build.item(p, () => {
      const a = readAttribute(raw, p, scope, outer);
      const out = convertAttribute(build, a);
      if (out[0] !== undefined) build.byMispUuid.set(a.uuid, out[0].object.id);
      return out;
    });
    if (made?.[0] !== undefined && isRecord(raw)) addClusters(raw.Galaxy, at(p, 'Galaxy'), made[0].object);
  });

  const objects = list(event.Object);
  objects.forEach((raw, i) => {
    const p = at(at(path, 'Object'), i);
    let ids: Map<string, string> | undefined;
    const made = build.item(p, () => {
      const products = convertObject(build, raw, p, outer);
      ids = products.ids;
      return products.objects;
    });
    if (made !== undefined && ids !== undefined) for (const [u, id] of ids) build.byMispUuid.set(u, id);
  });

  // References and sightings point at what attributes and objects became, so they come after.
  const stixOf = (uuid: string): string | undefined => build.byMispUuid.get(uuid.toLowerCase());
  objects.forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.uuid !== 'string') return;
    const source = raw.uuid.toLowerCase();
    list(raw.ObjectReference).forEach((ref, j) => {
      const p = at(at(at(at(path, 'Object'), i), 'ObjectReference'), j);
      const target = isRecord(ref) ? text(ref.referenced_uuid)?.toLowerCase() : undefined;
      if (target !== undefined && (stixOf(target) === undefined || stixOf(source) === undefined)) {
        build.warn(
          p,
          'unresolved_reference',
          `${p} refers to ${target}, which is not in this event or was not imported; the relationship was left out.`,
        );
        return;
      }
      build.item(p, () => [converted(referenceToStix(ref, p, scope, source, stixOf), scope.distribution)]);
    });
  });
  addSightings(build, event, path, stixOf);

  for (const actor of actors) {
    for (const target of used) {
      build.item(at(path, 'Galaxy'), () => [
        converted(relationship(scope, actor, 'uses', target), scope.distribution),
      ]);
    }
  }
  const report = reportOf(event, path, build, [...clusterLabels], (name) => sdoTags.has(name));
  build.item(path, () => [converted(report, scope.distribution)]);
  return build;
}

function addSightings(
  build: EventBuild,
  event: Record<string, unknown>,
  path: string,
  stixOf: (uuid: string) => string | undefined,
): void {
  list(event.Sighting).forEach((raw, i) => {
    const p = at(at(path, 'Sighting'), i);
    build.item(p, () => [
      converted(sightingToStix(raw, p, build.scope, undefined, stixOf), build.scope.distribution),
    ]);
  });
  list(event.Attribute).forEach((attr, i) => {
    if (!isRecord(attr) || typeof attr.uuid !== 'string') return;
    const uuid = attr.uuid.toLowerCase();
    list(attr.Sighting).forEach((raw, j) => {
      const p = at(at(at(at(path, 'Attribute'), i), 'Sighting'), j);
      build.item(p, () => [
        converted(sightingToStix(raw, p, build.scope, uuid, stixOf), build.scope.distribution),
      ]);
    });
  });
}

function relationship(scope: EventScope, source: string, type: string, target: string): StixObject {
  return {
    ...sdoBase(
      'relationship',
      accordId('relationship', source, type, target),
      scope,
      scope.created,
      scope.time,
      scope.markingRefs,
    ),
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  };
}

function reportOf(
  event: Record<string, unknown>,
  path: string,
  build: EventBuild,
  extraLabels: string[],
  isClusterTag: (name: string) => boolean,
): StixObject {
  const scope = build.scope;
  const refs = [...build.objects.keys()];
  const info = text(event.info)?.trim();
  if (info === undefined || info === '')
    build.warn(
      at(path, 'info'),
      'missing_info',
      `${at(path, 'info')} is empty; the report is named after the event uuid.`,
    );
  if (refs.length === 0)
    build.warn(
      path,
      'empty_event',
      `${path || 'The event'} has nothing that converts; the report refers only to its author.`,
    );
  const published = optionalTime(event.publish_timestamp);
  const tags = readTags(event.Tag, isClusterTag);
  const labels = [...new Set([...tags.labels, ...extraLabels])];
  const orgc = isRecord(event.Orgc) ? event.Orgc : undefined;
  const threat = Number(text(event.threat_level_id));
  const analysis = Number(text(event.analysis));
  return {
    ...sdoBase('report', scope.reportId, scope, scope.created, scope.time, scope.markingRefs),
    name: info === undefined || info === '' ? `MISP event ${scope.eventUuid}` : info,
    report_types: ['threat-report'],
    // Unpublished events have publish_timestamp 0: they count as published when last changed.
    published: published !== undefined && published > '1970-01-01T00:00:00.000Z' ? published : scope.time,
    object_refs: refs.length > 0 ? refs : [scope.ctx.ownerIdentityId],
    ...(labels.length > 0 ? { labels } : {}),
    external_references: [
      {
        source_name: 'misp',
        external_id: scope.eventUuid,
        description: `MISP event${scope.ctx.source === undefined ? '' : ` from ${scope.ctx.source}`}`,
      },
      ...build.links,
    ],
    ...(typeof event.date === 'string' ? { x_misp_date: event.date } : {}),
    ...(Number.isInteger(threat) && threat >= 1 && threat <= 4 ? { x_misp_threat_level_id: threat } : {}),
    ...(Number.isInteger(analysis) && analysis >= 0 && analysis <= 2 ? { x_misp_analysis: analysis } : {}),
    ...(orgc !== undefined && text(orgc.name) !== undefined
      ? {
          x_misp_orgc: {
            name: text(orgc.name),
            ...(text(orgc.uuid) === undefined ? {} : { uuid: text(orgc.uuid) }),
          },
        }
      : {}),
  };
}

export type { ConvertedObject };
