import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { FIELD_MAPS } from '../match/index.js';
import type { FieldMap, FieldMapName } from '../match/index.js';

/** A field target: `auto` (typed by value), `url-path` (Zeek host + uri), or a STIX `type:path`. */
const Target = z
  .string()
  .regex(
    /^(auto|url-path|[a-z0-9][a-z0-9-]*:[^\s].*)$/,
    'use auto, url-path or a STIX path such as ipv4-addr:value',
  );

/** The JSON form of a custom field map (`--field-map my-map.json`). */
export const FieldMapJson = z.strictObject({
  fields: z
    .record(z.string().min(1), Target)
    .refine((f) => Object.keys(f).length > 0, 'map at least one field'),
  time: z.string().min(1).optional(),
});

export function isPresetName(name: string): name is FieldMapName {
  return Object.hasOwn(FIELD_MAPS, name);
}

/** Parses a custom field map; returns the problem as one line instead of throwing. */
export function parseFieldMap(json: unknown): { ok: true; map: FieldMap } | { ok: false; error: string } {
  const parsed = FieldMapJson.safeParse(json);
  if (parsed.success) {
    const { fields, time } = parsed.data;
    return { ok: true, map: time === undefined ? { fields } : { fields, time } };
  }
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'field map'}: ${issue?.message ?? 'invalid'}` };
}

/** A preset name, or the path of a JSON file holding a custom map. */
export async function resolveFieldMap(
  option: string,
): Promise<{ ok: true; map: FieldMap } | { ok: false; error: string }> {
  if (isPresetName(option)) return { ok: true, map: FIELD_MAPS[option] };
  let text: string;
  try {
    text = await readFile(option, 'utf8');
  } catch (error) {
    return {
      ok: false,
      error: `${option}: not a preset (${Object.keys(FIELD_MAPS).join(', ')}) and not a readable file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  try {
    return parseFieldMap(JSON.parse(text));
  } catch (error) {
    return { ok: false, error: `${option}: not JSON: ${(error as Error).message}` };
  }
}
