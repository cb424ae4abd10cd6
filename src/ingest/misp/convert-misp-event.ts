import type { ConversionContext, ConversionResult } from '../conversion.js';
import { convertEvent } from './convert-event.js';
import type { SharingGroupRef } from './misp-distribution.js';
import { at, isRecord, ItemError } from './misp-values.js';

export type MispConversionContext = ConversionContext & { sharingGroups?: SharingGroupRef[] };

/** The events of a MISP document with their JSON paths: `{Event}`, a bare event, a list, `{response}`. */
function eventsOf(json: unknown): Array<{ event: unknown; path: string }> | string {
  const one = (item: unknown, path: string): { event: unknown; path: string } =>
    isRecord(item) && 'Event' in item
      ? { event: item.Event, path: at(path, 'Event') }
      : { event: item, path };
  if (Array.isArray(json)) return json.map((item, i) => one(item, `[${String(i)}]`));
  if (!isRecord(json))
    return `A MISP document must be a JSON object or a list of events, found ${json === null ? 'null' : typeof json}.`;
  if (Array.isArray(json.response)) return json.response.map((item, i) => one(item, at('response', i)));
  if ('Event' in json) return [one(json, '')];
  if ('uuid' in json || 'info' in json || 'Attribute' in json || 'Object' in json)
    return [{ event: json, path: '' }];
  return 'No MISP event here: expected {"Event": {...}}, a bare event (uuid, info, Attribute), a list of events or {"response": [...]}.';
}

/**
 * MISP core-format JSON → STIX 2.1 objects (docs/MISP-MAPPING.md). Never throws: each malformed part
 * is an error with its JSON path, and everything else still converts. The same input always gives
 * the same objects (ids from MISP uuids, times from MISP timestamps), so a re-import is a duplicate.
 */
export function convertMispEvent(json: unknown, ctx: MispConversionContext): ConversionResult {
  const result: ConversionResult = { objects: [], errors: [], warnings: [] };
  let input = json;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input) as unknown;
    } catch (e) {
      result.errors.push({
        code: 'invalid_json',
        message: `The MISP document is not JSON: ${e instanceof Error ? e.message : String(e)}`,
      });
      return result;
    }
  }
  const events = eventsOf(input);
  if (typeof events === 'string') {
    result.errors.push({ code: 'not_misp', message: events, path: '' });
    return result;
  }
  const seen = new Set<string>();
  for (const { event, path } of events) {
    try {
      const build = convertEvent(event, path, ctx, ctx.sharingGroups ?? []);
      if (build === undefined) continue;
      for (const o of build.objects.values()) {
        // Two events of one document may share SCOs and clusters; each object is listed once.
        if (seen.has(o.object.id)) continue;
        seen.add(o.object.id);
        result.objects.push(o);
      }
      result.errors.push(...build.errors);
      result.warnings.push(...build.warnings);
    } catch (e) {
      if (e instanceof ItemError) result.errors.push(e.issue);
      else
        result.errors.push({
          code: 'conversion_failed',
          message: `${path || 'The event'} could not be converted: ${String(e)}`,
          path,
        });
    }
  }
  return result;
}
