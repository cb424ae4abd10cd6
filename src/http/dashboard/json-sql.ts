import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { SqlDialect } from '../../store/store.js';

/*
 * The two places the read endpoints look inside the stored STIX text. Both backends have JSON
 * functions with different spellings; the difference stays in this file.
 */

/** A top-level string property of the JSON text in `column` (`o.data`), or NULL. */
export function jsonText(dialect: SqlDialect, column: string, key: string): RawBuilder<string | null> {
  if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw new Error(`unsafe JSON key ${key}`);
  return dialect === 'sqlite'
    ? sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`
    : sql<string | null>`(${sql.ref(column)}::json ->> ${key})`;
}

/** True when the JSON array property `key` of `column` contains the string `value`. */
export function jsonArrayHas(
  dialect: SqlDialect,
  column: string,
  key: string,
  value: string,
): RawBuilder<boolean> {
  if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw new Error(`unsafe JSON key ${key}`);
  return dialect === 'sqlite'
    ? sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}, ${`$.${key}`}) where value = ${value})`
    : sql<boolean>`coalesce((${sql.ref(column)}::jsonb -> ${key}) @> jsonb_build_array(${value}::text), false)`;
}
