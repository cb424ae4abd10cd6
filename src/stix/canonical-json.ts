/**
 * JSON Canonicalization Scheme (RFC 8785) for JSON values: object keys sorted by UTF-16 code units,
 * no whitespace, numbers and strings serialised as ECMAScript `JSON.stringify` does (which is what
 * RFC 8785 specifies). Used for hashing, e.g. deterministic SCO ids, so it must be byte-stable.
 *
 * `undefined` members are dropped and `undefined` list items become `null`, as in `JSON.stringify`.
 * Throws RangeError on nesting deeper than `maxDepth`, on non-finite numbers and on values JSON
 * cannot hold (functions, symbols, bigints); callers that must not throw catch it.
 */
export function canonicalJson(value: unknown, maxDepth = 100): string {
  return write(value, 0, maxDepth);
}

function write(value: unknown, depth: number, maxDepth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('canonical JSON cannot hold a non-finite number');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new RangeError(`canonical JSON cannot hold a ${typeof value}`);
  }
  if (depth >= maxDepth)
    throw new RangeError(`canonical JSON input is nested deeper than ${maxDepth} levels`);
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) =>
      item === undefined ? 'null' : write(item, depth + 1, maxDepth),
    );
    return `[${items.join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareCodeUnits);
  const members: string[] = [];
  for (const key of keys) {
    const member = record[key];
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${write(member, depth + 1, maxDepth)}`);
  }
  return `{${members.join(',')}}`;
}

/** RFC 8785 §3.2.3 sorts by UTF-16 code units, which is what `<` on JS strings does. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
