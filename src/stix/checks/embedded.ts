import type { Issues } from '../issues.js';
import { describeValue, isPlainObject, joinPath, where } from '../issues.js';
import type { Check } from './check.js';

export type PropertyTable = Readonly<Record<string, Check>>;

export interface EmbeddedSpec {
  /** Human name for messages, e.g. "kill chain phase". */
  readonly name: string;
  readonly properties: PropertyTable;
  readonly required?: readonly string[];
  /** Cross-property rules (at least one of, mutually exclusive …), run after the property checks. */
  readonly rule?: (obj: Record<string, unknown>, path: string, out: Issues) => void;
}

const CUSTOM_PROPERTY = /^x_/;

/**
 * Checks properties of a JSON object against a table: known ones by their check, `x_` custom ones kept
 * without checks, anything else reported as unknown. Shared by embedded types (kill chain phase,
 * external reference, extensions' sub-objects …).
 */
export function checkProperties(
  obj: Record<string, unknown>,
  spec: EmbeddedSpec,
  path: string,
  out: Issues,
  root: Record<string, unknown>,
): void {
  const table = spec.properties;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const keyPath = joinPath(path, key);
    const check = Object.hasOwn(table, key) ? table[key] : undefined;
    if (check !== undefined) check(value, keyPath, out, root);
    else if (!CUSTOM_PROPERTY.test(key)) {
      out.error(
        keyPath,
        'unknown_property',
        `"${key.slice(0, 60)}" is not a property of a ${spec.name} (${where(path)}); custom properties must start with x_.`,
      );
    }
  }
  for (const name of spec.required ?? []) {
    if (obj[name] === undefined)
      out.error(joinPath(path, name), 'missing_property', `A ${spec.name} needs "${name}" (${where(path)}).`);
  }
  spec.rule?.(obj, path, out);
}

export function embedded(spec: EmbeddedSpec): Check {
  return (value, path, out, root) => {
    if (!isPlainObject(value)) {
      out.error(
        path,
        'invalid_type',
        `Expected a ${spec.name} (JSON object) ${where(path)}, found ${describeValue(value)}.`,
      );
      return;
    }
    checkProperties(value, spec, path, out, root);
  };
}

/** Reports unless at least one of `names` is present. */
export function atLeastOneOf(names: readonly string[], what: string) {
  return (obj: Record<string, unknown>, path: string, out: Issues): void => {
    if (!names.some((name) => obj[name] !== undefined)) {
      out.error(
        path,
        'constraint_violation',
        `A ${what} needs at least one of ${names.join(', ')} (${where(path)}).`,
      );
    }
  };
}

/** Reports when more than one of `names` is present. */
export function mutuallyExclusive(
  obj: Record<string, unknown>,
  names: readonly string[],
  what: string,
  path: string,
  out: Issues,
): void {
  const present = names.filter((name) => obj[name] !== undefined);
  if (present.length > 1) {
    out.error(
      path,
      'constraint_violation',
      `A ${what} may have only one of ${names.join(', ')}, found ${present.join(' and ')} (${where(path)}).`,
    );
  }
}
