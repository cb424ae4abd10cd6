import type { CompiledQuery } from 'kysely';
import type { Db } from '../store/store.js';

/**
 * Stand-ins for the two values that change from one page to the next of the same query: the keyset
 * cursor (`seq > ?`) and the row limit. No other parameter of a page query is a number this large.
 */
export const AFTER_SENTINEL = -918_273_645;
export const LIMIT_SENTINEL = 918_273_646;

interface Template<R> {
  compiled: CompiledQuery<R>;
  afterAt: number;
  limitAt: number;
}

const MAX_TEMPLATES = 512;

/**
 * Page queries compiled once per shape: audience, collection filter and every TAXII parameter but the
 * cursor and the limit (`key`). Building and compiling the query with Kysely cost more server CPU
 * than running it; a later page of the same shape only swaps those two parameters. The key holds
 * everything the compiled text depends on, and the text reads the rule's current answer from the
 * database on every run, so a cached template can never show a viewer what they may not see.
 */
export class PageQueryCache {
  private readonly templates = new Map<string, Template<unknown>>();

  run<R>(
    db: Db,
    key: string,
    after: number | undefined,
    limit: number,
    build: (after: number | undefined, limit: number) => CompiledQuery<R>,
  ): Promise<{ rows: R[] }> {
    let template = this.templates.get(key) as Template<R> | undefined;
    if (template === undefined) {
      const compiled = build(after === undefined ? undefined : AFTER_SENTINEL, LIMIT_SENTINEL);
      const afterAt = after === undefined ? -1 : compiled.parameters.indexOf(AFTER_SENTINEL);
      const limitAt = compiled.parameters.lastIndexOf(LIMIT_SENTINEL);
      // A shape the sentinels cannot be found in (should not happen) runs uncached, never wrong.
      if (limitAt < 0 || (after !== undefined && afterAt < 0)) return db.executeQuery(build(after, limit));
      template = { compiled, afterAt, limitAt };
      this.templates.set(key, template);
      if (this.templates.size > MAX_TEMPLATES) this.templates.delete(this.templates.keys().next().value!);
    }
    const parameters = [...template.compiled.parameters];
    if (template.afterAt >= 0) parameters[template.afterAt] = after;
    parameters[template.limitAt] = limit;
    return db.executeQuery({ ...template.compiled, parameters });
  }
}

const caches = new WeakMap<Db, PageQueryCache>();

/** The cache of one store connection (its Kysely instance). */
export function pageQueryCache(db: Db): PageQueryCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new PageQueryCache();
    caches.set(db, cache);
  }
  return cache;
}
