export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What changed between two versions of an object, property by property; nested objects are compared
 * by path (`extensions.x.y`), arrays as whole values (STIX arrays are ordered lists).
 */
export function versionDiff(before: unknown, after: unknown, path = ''): Change[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const here = path === '' ? key : `${path}.${key}`;
      if (!(key in before)) return [{ path: here, kind: 'added' as const, after: after[key] }];
      if (!(key in after)) return [{ path: here, kind: 'removed' as const, before: before[key] }];
      return versionDiff(before[key], after[key], here);
    });
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, kind: 'changed', before, after }];
}
