import { z } from 'zod';
import { hostnameValue } from './hostname-value.js';
import { parseCidr } from './ip-prefix-set.js';
import { compileWarninglistRegex } from './regex-value.js';
import { WARNINGLIST_TYPES } from './warninglist.js';
import type { Warninglist, WarninglistType } from './warninglist.js';

/** MISP's `lists/<name>/list.json`. Unknown extra fields are allowed, as MISP adds some over time. */
export const MispWarninglistJson = z.object({
  name: z.string().min(1, 'name must not be empty'),
  version: z.number().int().nonnegative().optional(),
  description: z.string().default(''),
  type: z.enum(WARNINGLIST_TYPES),
  list: z.array(z.string()),
  matching_attributes: z.array(z.string()).optional(),
});
export type MispWarninglistJson = z.infer<typeof MispWarninglistJson>;

export type WarninglistParseResult =
  { ok: true; warninglist: Warninglist; warnings: string[] } | { ok: false; errors: string[] };

function checkValue(type: WarninglistType, raw: string): { value: string } | { problem: string } {
  if (raw.trim() === '') return { problem: 'is empty' };
  switch (type) {
    case 'cidr':
      return parseCidr(raw.trim()) === null
        ? { problem: 'is not an IP address or CIDR network' }
        : { value: raw.trim() };
    case 'hostname': {
      const host = hostnameValue(raw);
      return host === null ? { problem: 'is not a host name' } : { value: host };
    }
    case 'regex': {
      const compiled = compileWarninglistRegex(raw);
      return compiled.ok ? { value: raw } : { problem: compiled.message };
    }
    default:
      return { value: raw };
  }
}

/**
 * Parses a MISP warninglist (`list.json`). Structural problems (not JSON, no name, unknown type) are
 * errors; single entries that do not fit the list type are skipped with a warning naming their
 * index, because MISP's public lists carry the odd malformed entry and one should not sink a list.
 * `input` is JSON text or an already parsed value.
 */
export function parseMispWarninglist(input: unknown): WarninglistParseResult {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
    }
  }
  const parsed = MispWarninglistJson.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map(
        (i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`,
      ),
    };
  }
  const { name, description, type, list, matching_attributes, version } = parsed.data;
  const values: string[] = [];
  const warnings: string[] = [];
  list.forEach((raw, index) => {
    const checked = checkValue(type, raw);
    if ('problem' in checked)
      warnings.push(`list[${index}] ${JSON.stringify(raw.slice(0, 100))} ${checked.problem}; skipped`);
    else values.push(checked.value);
  });
  if (values.length === 0 && list.length > 0)
    return { ok: false, errors: ['list: no usable entry', ...warnings] };
  const warninglist: Warninglist = { name, description, type, values };
  if (matching_attributes !== undefined && matching_attributes.length > 0)
    warninglist.matching_attributes = matching_attributes;
  if (version !== undefined) warninglist.version = version;
  return { ok: true, warninglist, warnings };
}
