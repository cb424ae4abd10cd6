import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * A query built and compiled once per store (Kysely instance), then run with new values for its
 * parameters: for queries on every request, where building one through Kysely costs more than
 * running it. `build` is given placeholder values; the compiled text must not depend on them.
 * Without `parameters`, the compiled query's own are used.
 */
export function compiledOnce<R>(build: (db: Kysely<Database>) => CompiledQuery<R>) {
  const compiled = new WeakMap<Kysely<Database>, CompiledQuery<R>>();
  return async (db: Kysely<Database>, parameters?: readonly unknown[]): Promise<R[]> => {
    let query = compiled.get(db);
    if (query === undefined) {
      query = build(db);
      compiled.set(db, query);
    }
    const { rows } = await db.executeQuery(parameters === undefined ? query : { ...query, parameters });
    return rows;
  };
}
