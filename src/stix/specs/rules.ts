import type { Issues } from '../issues.js';
import { joinPath, where } from '../issues.js';
import { compareTimestamps, isStixTimestamp } from '../timestamp.js';
import type { ObjectRule } from './type-spec.js';

/**
 * `later` must not be before `earlier` (or, when `strict`, must be after it). Only judged when both
 * are valid timestamps; malformed ones are reported by their own checks.
 */
export function timeOrder(earlier: string, later: string, strict = false): ObjectRule {
  return (obj, path, out) => {
    const a = obj[earlier];
    const b = obj[later];
    if (!isStixTimestamp(a) || !isStixTimestamp(b)) return;
    const order = compareTimestamps(a, b);
    if (order > 0 || (strict && order === 0)) {
      const relation = strict ? 'later than' : 'the same as or later than';
      out.error(
        joinPath(path, later),
        'invalid_time_order',
        `${later} (${b}) must be ${relation} ${earlier} (${a}) ${where(path)}.`,
      );
    }
  };
}

export function allRules(...rules: ObjectRule[]): ObjectRule {
  return (obj: Record<string, unknown>, path: string, out: Issues) => {
    for (const rule of rules) rule(obj, path, out);
  };
}

/** `name` may only appear together with all of `with` (e.g. precision needs latitude and longitude). */
export function requiresAll(name: string, needs: readonly string[], what: string): ObjectRule {
  return (obj, path, out) => {
    if (obj[name] === undefined) return;
    for (const other of needs) {
      if (obj[other] === undefined) {
        out.error(
          joinPath(path, other),
          'constraint_violation',
          `A ${what} with ${name} also needs ${other} (${where(path)}).`,
        );
      }
    }
  };
}

/** Exactly one of `names` must be present. */
export function exactlyOneOf(names: readonly string[], what: string): ObjectRule {
  return (obj, path, out) => {
    const present = names.filter((name) => obj[name] !== undefined);
    if (present.length !== 1) {
      const found = present.length === 0 ? 'none' : present.join(' and ');
      out.error(
        path,
        'constraint_violation',
        `A ${what} needs exactly one of ${names.join(', ')}; found ${found} (${where(path)}).`,
      );
    }
  };
}
