/**
 * STIX identifiers: `<type>--<RFC 4122 UUID>`. We accept UUID versions 1–8 (RFC 9562 added 6–8, which
 * some producers now use) with the RFC 4122 variant, and either hex case on input.
 */
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';
const UUID_RE = new RegExp(`^${UUID}$`);
const TYPE_NAME = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
const ID_RE = new RegExp(`^(${TYPE_NAME})--(${UUID})$`);
const TYPE_NAME_RE = new RegExp(`^${TYPE_NAME}$`);

/** True for a syntactically valid STIX identifier (type part and UUID part). */
export function isValidStixId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= 300 && ID_RE.test(id);
}

/** The object type an identifier refers to (`indicator--…` → `indicator`), or undefined when malformed. */
export function parseRefType(id: unknown): string | undefined {
  if (typeof id !== 'string' || id.length > 300) return undefined;
  const match = ID_RE.exec(id);
  return match?.[1];
}

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/**
 * A STIX type name: lowercase ASCII letters, digits and single hyphens, 3–250 characters (STIX 2.1 §3.1).
 * The schema also tolerates a trailing hyphen; the specification text does not, so neither do we.
 */
export function isValidTypeName(type: string): boolean {
  return type.length >= 3 && type.length <= 250 && TYPE_NAME_RE.test(type);
}
