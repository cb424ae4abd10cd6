import type { Check } from '../checks/check.js';
import type { PropertyTable } from '../checks/embedded.js';
import type { Issues } from '../issues.js';
import type { CommonKind } from './common-properties.js';
import { COMMON_BY_KIND, COMMON_CHECKS } from './common-properties.js';

export type ObjectRule = (obj: Record<string, unknown>, path: string, out: Issues) => void;

/** Everything the validator needs about one object type, computed once at module load. */
export interface TypeSpec {
  readonly type: string;
  readonly kind: CommonKind;
  /** Allowed properties (common and specific) with their checks. */
  readonly properties: ReadonlyMap<string, Check>;
  readonly required: readonly string[];
  /** Common properties STIX marks "not applicable" for this kind of object. */
  readonly forbidden: ReadonlySet<string>;
  /** Allowed but deprecated (reported as a warning). */
  readonly deprecated: ReadonlySet<string>;
  readonly rule?: ObjectRule;
}

export interface TypeDefinition {
  readonly properties: PropertyTable;
  readonly required?: readonly string[];
  readonly deprecated?: readonly string[];
  readonly rule?: ObjectRule;
}

export function defineType(type: string, kind: CommonKind, definition: TypeDefinition): TypeSpec {
  const common = COMMON_BY_KIND[kind];
  const properties = new Map<string, Check>();
  for (const name of common.allowed) properties.set(name, COMMON_CHECKS[name]!);
  for (const [name, check] of Object.entries(definition.properties)) properties.set(name, check);
  const forbidden = new Set(Object.keys(COMMON_CHECKS).filter((name) => !properties.has(name)));
  const spec: TypeSpec = {
    type,
    kind,
    properties,
    required: [...common.required, ...(definition.required ?? [])],
    forbidden,
    deprecated: new Set(definition.deprecated ?? []),
  };
  return definition.rule === undefined ? spec : { ...spec, rule: definition.rule };
}
