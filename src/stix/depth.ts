/** Objects nested deeper than this are refused: nothing in STIX needs it, and deep input is an attack on recursion. */
export const MAX_DEPTH = 100;

/**
 * Finds the first top-level property of `obj` whose value nests deeper than `maxDepth` levels (the
 * object itself is level 1), walking iteratively so even 10,000-deep input cannot overflow the stack.
 * Returns the property name, or undefined when the object is shallow enough.
 */
export function findTooDeep(obj: Record<string, unknown>, maxDepth = MAX_DEPTH): string | undefined {
  const values: unknown[] = [];
  const depths: number[] = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (typeof value !== 'object' || value === null) continue;
    values.push(value);
    depths.push(2);
    while (values.length > 0) {
      const node = values.pop() as object;
      const depth = depths.pop()!;
      if (depth > maxDepth) {
        values.length = 0;
        depths.length = 0;
        return key;
      }
      if (Array.isArray(node)) {
        for (const child of node as unknown[]) {
          if (typeof child === 'object' && child !== null) {
            values.push(child);
            depths.push(depth + 1);
          }
        }
      } else {
        // for-in avoids allocating a key list per node; parsed JSON has no inherited enumerable keys.
        for (const name in node) {
          const child = (node as Record<string, unknown>)[name];
          if (typeof child === 'object' && child !== null) {
            values.push(child);
            depths.push(depth + 1);
          }
        }
      }
    }
  }
  return undefined;
}
