import { isValidStixId, parseRefType } from './identifier.js';
import { Issues, describeValue, isPlainObject, joinPath, where } from './issues.js';
import type { ValidationResult } from './types.js';
import { validateInto } from './validate-object.js';
import { versionKey } from './version-key.js';

/**
 * Validates a STIX 2.1 bundle (§8): `type` "bundle", an id `bundle--<uuid>` and a list of objects, each
 * validated with its errors under `objects[i]`. Never throws. A 2.0-style bundle `spec_version` is
 * ignored with a warning; two copies of the same object version are reported as a warning.
 */
export function validateBundle(bundle: unknown): ValidationResult {
  const out = new Issues();
  if (!isPlainObject(bundle)) {
    out.error('', 'invalid_type', `Expected a STIX bundle (JSON object), found ${describeValue(bundle)}.`);
    return { valid: false, errors: out.errors, warnings: out.warnings };
  }
  checkEnvelope(bundle, out);
  const objects = bundle.objects;
  if (Array.isArray(objects)) {
    const seen = new Set<string>();
    for (let i = 0; i < objects.length; i++) {
      const path = joinPath('objects', i);
      const obj: unknown = objects[i];
      validateInto(obj, path, out);
      if (isPlainObject(obj) && typeof obj.id === 'string') {
        const version = `${obj.id}\u0000${versionKey(obj) ?? ''}`;
        if (seen.has(version))
          out.warn(
            path,
            'duplicate_object',
            `${obj.id} appears more than once in this bundle with the same version.`,
          );
        seen.add(version);
      }
    }
  }
  return { valid: out.errors.length === 0, errors: out.errors, warnings: out.warnings };
}

function checkEnvelope(bundle: Record<string, unknown>, out: Issues): void {
  if (bundle.type !== 'bundle') {
    out.error(
      'type',
      bundle.type === undefined ? 'missing_property' : 'invalid_value',
      `A bundle needs type "bundle"${bundle.type === undefined ? '' : `, found ${describeValue(bundle.type)}`}.`,
    );
  }
  const id = bundle.id;
  if (id === undefined)
    out.error('id', 'missing_property', 'A bundle needs an id of the form bundle--<uuid>.');
  else if (!isValidStixId(id) || parseRefType(id) !== 'bundle')
    out.error('id', 'invalid_id', `The bundle id must look like bundle--<uuid> ${where('id')}.`);
  const objects = bundle.objects;
  if (objects === undefined) out.error('objects', 'missing_property', 'A bundle needs an objects list.');
  else if (!Array.isArray(objects))
    out.error(
      'objects',
      'invalid_type',
      `Expected the bundle's objects as a list, found ${describeValue(objects)}.`,
    );
  else if (objects.length === 0) out.warn('objects', 'empty_list', 'The bundle has no objects.');
  for (const key of Object.keys(bundle)) {
    if (key === 'type' || key === 'id' || key === 'objects' || key.startsWith('x_')) continue;
    if (key === 'spec_version')
      out.warn(
        key,
        'deprecated_property',
        'spec_version on a bundle is STIX 2.0; in STIX 2.1 each object carries its own, so it is ignored.',
      );
    else
      out.error(
        key,
        'unknown_property',
        `"${key.slice(0, 60)}" is not a property of a bundle; custom properties must start with x_.`,
      );
  }
}
