import type { Issues } from '../issues.js';
import { isPlainObject, joinPath, where } from '../issues.js';
import type { Tlp1Level, TlpLevel } from '../tlp.js';
import { TLP1_MARKING_IDS, TLP2_EXTENSION_ID, TLP2_MARKING_IDS, TLP_LEVELS, isTlpLevel } from '../tlp.js';
import type { Check } from '../checks/check.js';
import { embedded } from '../checks/embedded.js';
import { string } from '../checks/primitives.js';

/** A statement marking's definition (§7.2.1.3). */
const statementDefinition: Check = embedded({
  name: 'statement marking',
  properties: { statement: string },
  required: ['statement'],
});

const TLP1_BY_ID = new Map(Object.entries(TLP1_MARKING_IDS).map(([level, id]) => [id, level as Tlp1Level]));
const TLP2_BY_ID = new Map(TLP_LEVELS.map((level) => [TLP2_MARKING_IDS[level], level]));

/**
 * Marking definitions (§7.2): definition_type and definition travel together unless extensions carry
 * the marking; statement markings hold a statement; TLP markings may only be the official objects —
 * STIX 2.1 §7.2.1.4 forbids other instances of TLP 1.0, and the OASIS TLP 2.0 extension fixes id and level.
 */
export function markingDefinitionRule(obj: Record<string, unknown>, path: string, out: Issues): void {
  const type = obj.definition_type;
  const definition = obj.definition;
  if (obj.extensions === undefined || type !== undefined || definition !== undefined) {
    if (type === undefined)
      out.error(
        joinPath(path, 'definition_type'),
        'missing_property',
        `A marking definition without extensions needs definition_type (${where(path)}).`,
      );
    if (definition === undefined)
      out.error(
        joinPath(path, 'definition'),
        'missing_property',
        `A marking definition without extensions needs definition (${where(path)}).`,
      );
  }
  const id = typeof obj.id === 'string' ? obj.id.toLowerCase() : '';
  if (type === 'statement' && definition !== undefined)
    statementDefinition(definition, joinPath(path, 'definition'), out, obj);
  checkTlp1(obj, id, path, out);
  checkTlp2(obj, id, path, out);
}

function checkTlp1(obj: Record<string, unknown>, id: string, path: string, out: Issues): void {
  const official = TLP1_BY_ID.get(id);
  if (obj.definition_type !== 'tlp' && official === undefined) return;
  const level = isPlainObject(obj.definition) ? obj.definition.tlp : undefined;
  if (official === undefined) {
    out.error(
      joinPath(path, 'id'),
      'invalid_tlp_marking',
      `Only the four official TLP 1.0 marking definitions may use definition_type "tlp"; use their fixed ids (${where(path)}).`,
    );
  } else if (obj.definition_type !== 'tlp' || level !== official) {
    out.error(
      joinPath(path, 'definition'),
      'invalid_tlp_marking',
      `${id} is the official TLP:${official.toUpperCase()} marking and must have definition_type "tlp" and definition {"tlp": "${official}"} (${where(path)}).`,
    );
  }
}

function checkTlp2(obj: Record<string, unknown>, id: string, path: string, out: Issues): void {
  const official = TLP2_BY_ID.get(id);
  const extension = isPlainObject(obj.extensions) ? obj.extensions[TLP2_EXTENSION_ID] : undefined;
  if (extension === undefined && official === undefined) return;
  const extPath = joinPath(joinPath(path, 'extensions'), TLP2_EXTENSION_ID);
  const level: unknown = isPlainObject(extension) ? extension.tlp_2_0 : undefined;
  if (extension !== undefined && !isTlpLevel(level)) {
    out.error(
      joinPath(extPath, 'tlp_2_0'),
      'not_in_vocabulary',
      `tlp_2_0 ${where(extPath)} must be one of ${TLP_LEVELS.join(', ')}.`,
    );
    return;
  }
  if (official === undefined) {
    const expected = TLP2_MARKING_IDS[level as TlpLevel];
    out.error(
      joinPath(path, 'id'),
      'invalid_tlp_marking',
      `A TLP 2.0 ${String(level).toUpperCase()} marking must use the official id ${expected} (${where(path)}).`,
    );
  } else if (level !== official) {
    out.error(
      extPath,
      'invalid_tlp_marking',
      `${id} is the official TLP:${official.toUpperCase()} marking and must carry tlp_2_0 "${official}" in the TLP 2.0 extension (${where(path)}).`,
    );
  }
}
