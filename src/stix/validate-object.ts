import { findTooDeep, MAX_DEPTH } from './depth.js';
import { checkExtensions, summarizeExtensions } from './extensions.js';
import { isValidStixId, isValidTypeName, parseRefType } from './identifier.js';
import { Issues, describeValue, isPlainObject, joinPath, where } from './issues.js';
import { isCustomType } from './object-types.js';
import { computeScoId } from './sco-id.js';
import { OPEN_SPECS, TYPE_SPECS } from './specs/registry.js';
import type { TypeSpec } from './specs/type-spec.js';
import { compareTimestamps, isStixTimestamp } from './timestamp.js';
import type { StixObject, ValidationResult } from './types.js';

const CUSTOM_PROPERTY = /^x_[a-z0-9_]{1,248}$/;
const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;

/**
 * Validates one STIX 2.1 object and returns every problem found (never throws, whatever the input).
 * `path` prefixes the reported paths, e.g. `objects[3]`.
 */
export function validateObject(obj: unknown, path = ''): ValidationResult {
  const out = new Issues();
  validateInto(obj, path, out);
  return { valid: out.errors.length === 0, errors: out.errors, warnings: out.warnings };
}

/** Same as {@link validateObject} but adds to an existing collector (used for bundles). */
export function validateInto(obj: unknown, path: string, out: Issues): void {
  if (!isPlainObject(obj)) {
    out.error(
      path,
      'invalid_type',
      `Expected a STIX object (JSON object) ${where(path)}, found ${describeValue(obj)}.`,
    );
    return;
  }
  const tooDeep = findTooDeep(obj);
  if (tooDeep !== undefined) {
    out.error(
      joinPath(path, tooDeep),
      'too_deep',
      `${joinPath(path, tooDeep)} is nested more than ${MAX_DEPTH} levels deep; the object was not checked further.`,
    );
    return;
  }
  const type = obj.type;
  if (typeof type !== 'string') {
    const problem = type === undefined ? 'missing_property' : 'invalid_type';
    out.error(joinPath(path, 'type'), problem, `Every STIX object needs a type string ${where(path)}.`);
    return;
  }
  const spec = resolveSpec(obj, type, path, out);
  if (spec === undefined) return;
  checkId(obj.id, type, path, out);
  const open = !TYPE_SPECS.has(type);
  checkPropertiesOf(obj, spec, open, path, out);
  if (obj.extensions !== undefined && spec.properties.has('extensions'))
    checkExtensions(obj.extensions, joinPath(path, 'extensions'), out, obj, type);
  checkCreatedModified(obj, path, out);
  if (!open) spec.rule?.(obj, path, out);
  if (spec.kind === 'sco' && !open) checkScoId(obj, path, out);
}

function resolveSpec(
  obj: Record<string, unknown>,
  type: string,
  path: string,
  out: Issues,
): TypeSpec | undefined {
  const known = TYPE_SPECS.get(type);
  if (known !== undefined) return known;
  if (!isValidTypeName(type)) {
    out.error(
      joinPath(path, 'type'),
      'invalid_value',
      `"${type.slice(0, 60)}" ${where(path)} is not a valid STIX type name (lowercase letters, digits and hyphens, 3 to 250 characters).`,
    );
    return undefined;
  }
  const { newKind } = summarizeExtensions(obj.extensions);
  if (newKind === undefined && !isCustomType(type)) {
    out.error(
      joinPath(path, 'type'),
      'unknown_type',
      `"${type}" ${where(path)} is not a STIX 2.1 type; custom types must start with x- or be declared by an extension definition.`,
    );
    return undefined;
  }
  // Without an extension to say so, a custom object carrying created/modified is SDO-like, else SCO-like.
  if (newKind === 'sco') return OPEN_SPECS.sco;
  if (newKind !== undefined) return OPEN_SPECS.sdo;
  return obj.created !== undefined || obj.modified !== undefined ? OPEN_SPECS.sdo : OPEN_SPECS.sco;
}

function checkId(id: unknown, type: string, path: string, out: Issues): void {
  const idPath = joinPath(path, 'id');
  if (id === undefined)
    out.error(idPath, 'missing_property', `Every STIX object needs an id ${where(path)}.`);
  else if (!isValidStixId(id)) {
    const found = typeof id === 'string' ? `"${id.slice(0, 80)}"` : describeValue(id);
    out.error(idPath, 'invalid_id', `The id ${where(path)} must look like ${type}--<uuid>, found ${found}.`);
  } else if (parseRefType(id) !== type) {
    out.error(
      idPath,
      'invalid_id',
      `The id "${id}" ${where(path)} must start with "${type}--", the object's type.`,
    );
  }
}

function checkPropertiesOf(
  obj: Record<string, unknown>,
  spec: TypeSpec,
  open: boolean,
  path: string,
  out: Issues,
): void {
  const toplevel = !open && obj.extensions !== undefined && summarizeExtensions(obj.extensions).toplevel;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const check = spec.properties.get(key);
    if (check !== undefined) {
      check(value, joinPath(path, key), out, obj);
      if (spec.deprecated.has(key))
        out.warn(
          joinPath(path, key),
          'deprecated_property',
          `${key} is deprecated in STIX 2.1 ${where(path)}.`,
        );
    } else if (spec.forbidden.has(key)) {
      if (!open)
        out.error(
          joinPath(path, key),
          'forbidden_property',
          `${key} does not apply to a ${spec.type} object ${where(path)} (STIX 2.1 §3.1).`,
        );
    } else if (key.startsWith('x_')) {
      if (!CUSTOM_PROPERTY.test(key))
        out.warn(
          joinPath(path, key),
          'invalid_property_name',
          `The custom property name "${key.slice(0, 60)}" ${where(path)} should use only lowercase letters, digits and _.`,
        );
    } else if (open || (toplevel && PROPERTY_NAME.test(key))) {
      // Properties of custom types and of toplevel-property-extensions are defined elsewhere; kept as-is.
    } else {
      out.error(
        joinPath(path, key),
        'unknown_property',
        `"${key.slice(0, 60)}" is not a property of ${spec.type} ${where(path)}; custom properties must start with x_.`,
      );
    }
  }
  for (const name of spec.required) {
    if (obj[name] === undefined)
      out.error(joinPath(path, name), 'missing_property', `A ${spec.type} needs "${name}" ${where(path)}.`);
  }
}

function checkCreatedModified(obj: Record<string, unknown>, path: string, out: Issues): void {
  const { created, modified } = obj;
  if (isStixTimestamp(created) && isStixTimestamp(modified) && compareTimestamps(modified, created) < 0) {
    out.error(
      joinPath(path, 'modified'),
      'modified_before_created',
      `modified (${modified}) is earlier than created (${created}) ${where(path)}.`,
    );
  }
}

/** Other tools make SCO ids differently (or randomly), so a mismatch is only a warning. */
function checkScoId(obj: Record<string, unknown>, path: string, out: Issues): void {
  if (!isValidStixId(obj.id)) return;
  const expected = computeScoId(obj as StixObject);
  if (expected !== null && expected !== obj.id.toLowerCase()) {
    out.warn(
      joinPath(path, 'id'),
      'sco_id_mismatch',
      `The id ${obj.id} ${where(path)} differs from the deterministic STIX id ${expected} computed from its contributing properties.`,
    );
  }
}
