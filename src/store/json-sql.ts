import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { SqlDialect } from './store.js';

/*
 * Where reads look inside the stored STIX text. Both backends have JSON functions with different
 * spellings; the difference stays in this file.
 */

function safeKey(key: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw new Error(`unsafe JSON key ${key}`);
  return key;
}

/** A top-level string property of the JSON text in `column` (`o.data`), or NULL. */
export function jsonText(dialect: SqlDialect, column: string, key: string): RawBuilder<string | null> {
  safeKey(key);
  return dialect === 'sqlite'
    ? sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`
    : sql<string | null>`(${sql.ref(column)}::json ->> ${key})`;
}

/**
 * The same property spelt exactly as the expression indexes of migration 0005 spell it, so the planner
 * matches the two and reads the index instead of parsing each row's JSON: the key is a literal, not a
 * parameter, and on SQLite the value is cast to text, which gives it the text affinity a comparison with
 * an id column needs to use the index.
 */
export function indexedJsonText(dialect: SqlDialect, column: string, key: string): RawBuilder<string | null> {
  const path = sql.lit(dialect === 'sqlite' ? `$.${safeKey(key)}` : safeKey(key));
  return dialect === 'sqlite'
    ? sql<string | null>`cast(json_extract(${sql.ref(column)}, ${path}) as text)`
    : sql<string | null>`(${sql.ref(column)}::json ->> ${path})`;
}

/** True when the JSON array property `key` of `column` contains the string `value`. */
export function jsonArrayHas(
  dialect: SqlDialect,
  column: string,
  key: string,
  value: string,
): RawBuilder<boolean> {
  safeKey(key);
  return dialect === 'sqlite'
    ? sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}, ${`$.${key}`}) where value = ${value})`
    : sql<boolean>`coalesce((${sql.ref(column)}::jsonb -> ${key}) @> jsonb_build_array(${value}::text), false)`;
}
