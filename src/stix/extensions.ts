import { enumOf } from './checks/primitives.js';
import { isUuid } from './identifier.js';
import type { Issues } from './issues.js';
import { describeValue, isPlainObject, joinPath, where } from './issues.js';
import type { ExtensionType } from './specs/extension-types.js';
import { EXTENSION_TYPES } from './specs/extension-types.js';
import { PREDEFINED_EXTENSIONS } from './specs/sco-extensions.js';

/** What an object's `extensions` say about the object itself. */
export interface ExtensionSummary {
  /** Set when an extension definition makes this a new object type (new-sdo/new-sco/new-sro). */
  newKind: 'sdo' | 'sco' | 'sro' | undefined;
  /** A toplevel-property-extension adds properties at the top level, so unknown names are allowed there. */
  toplevel: boolean;
}

const DEFINITION_PREFIX = 'extension-definition--';
const CUSTOM_EXTENSION_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-ext$/;
const extensionType = enumOf(EXTENSION_TYPES);

/** Reads the extension summary without reporting anything (for deciding how to validate the object). */
export function summarizeExtensions(extensions: unknown): ExtensionSummary {
  const summary: ExtensionSummary = { newKind: undefined, toplevel: false };
  if (!isPlainObject(extensions)) return summary;
  for (const key of Object.keys(extensions)) {
    const entry = extensions[key];
    if (!key.startsWith(DEFINITION_PREFIX) || !isPlainObject(entry)) continue;
    const type = entry.extension_type as ExtensionType | undefined;
    if (type === 'new-sdo') summary.newKind = 'sdo';
    else if (type === 'new-sco') summary.newKind = 'sco';
    else if (type === 'new-sro') summary.newKind = 'sro';
    else if (type === 'toplevel-property-extension') summary.toplevel = true;
  }
  return summary;
}

/**
 * Checks an `extensions` dictionary (§7.3): entries keyed by an extension-definition id carry an
 * extension_type and keep their other properties as given; predefined SCO extensions (archive-ext …)
 * are checked property by property and only on the SCO type they extend; other `…-ext` names are the
 * older custom-extension style and are kept.
 */
export function checkExtensions(
  value: unknown,
  path: string,
  out: Issues,
  root: Record<string, unknown>,
  objectType: string,
): void {
  if (!isPlainObject(value)) {
    out.error(
      path,
      'invalid_type',
      `Expected extensions as a JSON object ${where(path)}, found ${describeValue(value)}.`,
    );
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0)
    out.error(
      path,
      'empty_dictionary',
      `The extensions ${where(path)} are empty; STIX requires omitting the property instead.`,
    );
  for (const key of keys) {
    const entry = value[key];
    const entryPath = joinPath(path, key);
    if (key.startsWith(DEFINITION_PREFIX)) {
      if (!isUuid(key.slice(DEFINITION_PREFIX.length))) {
        out.error(
          entryPath,
          'invalid_extension',
          `"${key.slice(0, 80)}" ${where(path)} is not a valid extension-definition id.`,
        );
      } else if (!isPlainObject(entry)) {
        out.error(
          entryPath,
          'invalid_type',
          `Expected the extension ${where(entryPath)} as a JSON object, found ${describeValue(entry)}.`,
        );
      } else if (entry.extension_type === undefined) {
        out.error(
          joinPath(entryPath, 'extension_type'),
          'missing_property',
          `The extension ${where(entryPath)} needs an extension_type.`,
        );
      } else {
        extensionType(entry.extension_type, joinPath(entryPath, 'extension_type'), out, root);
      }
      continue;
    }
    const predefined = PREDEFINED_EXTENSIONS.get(key);
    if (predefined !== undefined) {
      if (predefined.forType !== objectType) {
        out.error(
          entryPath,
          'invalid_extension',
          `The ${key} extension belongs to ${predefined.forType} objects, not ${objectType} (${where(path)}).`,
        );
      } else {
        predefined.check(entry, entryPath, out, root);
      }
    } else if (!CUSTOM_EXTENSION_NAME.test(key)) {
      out.error(
        entryPath,
        'invalid_extension',
        `"${key.slice(0, 80)}" ${where(path)} is neither an extension-definition id nor an extension name ending in -ext.`,
      );
    } else if (!isPlainObject(entry)) {
      out.error(
        entryPath,
        'invalid_type',
        `Expected the extension ${where(entryPath)} as a JSON object, found ${describeValue(entry)}.`,
      );
    }
  }
}
