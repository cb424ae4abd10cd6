import { parseRefType } from '../identifier.js';
import { describeValue, where } from '../issues.js';
import { SCO_TYPES, SDO_TYPES, SRO_TYPES, objectCategory } from '../object-types.js';
import type { Check } from './check.js';
import { listOf } from './primitives.js';

/** Which object types a reference may point to, and how to say so in a message. */
export interface RefTarget {
  accepts(type: string): boolean;
  readonly description: string;
}

/** Exactly these types. */
export function refTypes(...types: string[]): RefTarget {
  const allowed = new Set(types);
  return { accepts: (type) => allowed.has(type), description: types.join(' or ') };
}

type Family = 'SDO' | 'SRO' | 'SCO';
const FAMILY_TYPES: Record<Family, ReadonlySet<string>> = { SDO: SDO_TYPES, SRO: SRO_TYPES, SCO: SCO_TYPES };

/**
 * Objects of these families. Types STIX does not define (`x-` custom types, types from new-sdo/new-sco/
 * new-sro extension definitions) are accepted, because an id alone cannot tell which family they are in.
 */
export function refFamilies(...families: Family[]): RefTarget {
  return {
    accepts(type) {
      const category = objectCategory(type);
      if (category === 'custom' || category === 'unknown') return type !== 'bundle';
      return families.some((family) => FAMILY_TYPES[family].has(type));
    },
    description: `an ${families.join(', ')} object`,
  };
}

/** Any STIX object (not a bundle). */
export const ANY_OBJECT: RefTarget = {
  accepts: (type) => type !== 'bundle',
  description: 'a STIX object (not a bundle)',
};

export function ref(target: RefTarget): Check {
  return (value, path, out) => {
    if (typeof value !== 'string') {
      out.error(
        path,
        'invalid_type',
        `Expected an identifier string ${where(path)}, found ${describeValue(value)}.`,
      );
      return;
    }
    const type = parseRefType(value);
    if (type === undefined) {
      out.error(
        path,
        'invalid_id',
        `"${value.slice(0, 80)}" ${where(path)} is not a STIX identifier of the form <type>--<uuid>.`,
      );
    } else if (!target.accepts(type)) {
      out.error(
        path,
        'invalid_ref_type',
        `The reference ${where(path)} points to a ${type}, but it must point to ${target.description}.`,
      );
    }
  };
}

export function refs(target: RefTarget): Check {
  return listOf(ref(target));
}
