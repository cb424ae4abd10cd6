import type { Distribution } from '../../policy/distribution.js';
import { validateObject } from '../../stix/index.js';
import type { StixObject } from '../../stix/types.js';
import type { ConversionContext, ConversionIssue, ConvertedObject } from '../conversion.js';
import type { SharingGroupRef } from './misp-distribution.js';
import { ItemError } from './misp-values.js';

/** What every item of one event inherits from it. */
export interface EventScope {
  ctx: ConversionContext;
  groups: readonly SharingGroupRef[];
  eventUuid: string;
  reportId: string;
  /** The event's `modified`: the time of items that carry none. */
  time: string;
  created: string;
  distribution: Distribution | undefined;
  markingRefs: string[];
}

export interface ExternalReference {
  source_name: string;
  url?: string;
  external_id?: string;
  description?: string;
}

/**
 * The objects of one event as they are made. Items (an attribute, an object, a cluster) are added
 * whole or not at all: `item()` validates everything an item made before any of it is kept.
 */
export class EventBuild {
  readonly objects = new Map<string, ConvertedObject>();
  /** MISP attribute/object uuid → the STIX object that stands for it (for references, sightings). */
  readonly byMispUuid = new Map<string, string>();
  readonly links: ExternalReference[] = [];
  readonly errors: ConversionIssue[] = [];
  readonly warnings: ConversionIssue[] = [];

  constructor(readonly scope: EventScope) {}

  warn(path: string, code: string, message: string): void {
    this.warnings.push({ code, message, path });
  }

  /** Runs one item's conversion; a failure or an invalid product records an error and keeps nothing. */
  item(path: string, convert: () => ConvertedObject[]): ConvertedObject[] | undefined {
    let made: ConvertedObject[];
    try {
      made = convert();
    } catch (e) {
      if (e instanceof ItemError) {
        this.errors.push(e.issue);
        return undefined;
      }
      this.errors.push({
        code: 'conversion_failed',
        message: `${path} could not be converted: ${String(e)}`,
        path,
      });
      return undefined;
    }
    for (const { object } of made) {
      const result = validateObject(object);
      if (!result.valid) {
        const first = result.errors[0];
        this.errors.push({
          code: 'invalid_result',
          message: `${path} converts to a ${object.type} that is not valid STIX (${first?.path ?? ''}: ${first?.message ?? ''}); the item was not imported.`,
          path,
        });
        return undefined;
      }
    }
    for (const converted of made) this.keep(converted);
    return made;
  }

  /** SCOs have value-derived ids and may repeat: the first one stays, reference lists are merged. */
  private keep(converted: ConvertedObject): void {
    const existing = this.objects.get(converted.object.id);
    if (existing === undefined) {
      this.objects.set(converted.object.id, converted);
      return;
    }
    for (const [key, value] of Object.entries(converted.object)) {
      const old = existing.object[key];
      if (old === undefined) existing.object[key] = value;
      else if (key.endsWith('_refs') && Array.isArray(old) && Array.isArray(value)) {
        existing.object[key] = [...new Set([...(old as unknown[]), ...(value as unknown[])])];
      }
    }
  }
}

/** The common properties of an SDO/SRO made from MISP data. */
export function sdoBase(
  type: string,
  id: string,
  scope: EventScope,
  created: string,
  modified: string,
  markingRefs: readonly string[],
): StixObject {
  return {
    type,
    spec_version: '2.1',
    id,
    created,
    modified,
    created_by_ref: scope.ctx.ownerIdentityId,
    ...(markingRefs.length > 0 ? { object_marking_refs: [...markingRefs] } : {}),
  };
}

export function converted(object: StixObject, distribution: Distribution | undefined): ConvertedObject {
  return distribution === undefined ? { object } : { object, distribution };
}
