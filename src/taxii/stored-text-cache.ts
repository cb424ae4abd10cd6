import type { StoredVersion } from '../store/objects/read-objects.js';
import type { Db } from '../store/store.js';

/** The columns of a stored version that never change once written, as TAXII pages use them. */
export type StoredText = Pick<
  StoredVersion,
  'seq' | 'id' | 'dateAdded' | 'ownerOrg' | 'distribution' | 'data'
>;

/**
 * About 128 MB: 64 MB of STIX text and as much again for its UTF-8 copies (one byte per character for
 * ASCII texts), plus a small record per version. The copies share the texts' budget, so a bound that
 * held only the texts would, once the copies are made, hold half as many versions and make every page
 * of a collection that fitted before read its rows again.
 */
const MAX_CHARS = 128 * 1024 * 1024;

/**
 * Stored versions by `seq`, first in first out, bounded by the length of their texts. Not least
 * recently used: moving 500 entries to the back of a 100,000-entry Map on every page cost more than
 * the query the cache saves; new versions, the ones polling clients ask for, are the last to go.
 * The order of arrival is kept in a queue of its own: walking a Map from its start to find the oldest
 * entry also walks the slots of every entry deleted since the Map last rehashed, which made each
 * eviction cost as much as the whole cache once it was full (70 ms of CPU per 500-object page).
 *
 * Why no invalidation is needed: a version row is written once and only its `is_head` and `deleted`
 * flags ever change (write-versions, delete-object); `seq` is never reused. The cache holds none of
 * the changing columns and decides nothing: callers find the page's seqs through `visibleVersions`
 * first, so visibility, deletion and heads are asked of the database on every request, and only
 * the immutable text and audience of those seqs come from here. Redaction still runs per viewer.
 *
 * Why it pays: reading a 500-row page with six columns costs better-sqlite3 about three times as
 * much as reading the seqs alone (every column of every row becomes a JS string and a property).
 */
export class StoredTextCache {
  private readonly rows = new Map<number, StoredText>();
  /** UTF-8 copies of held texts that went out as stored, counted in the same budget. */
  private readonly bytes = new Map<number, Buffer>();
  /** Seqs in the order they were added; `head` is the oldest one still held. */
  private order: number[] = [];
  private head = 0;
  private chars = 0;

  constructor(private readonly maxChars = MAX_CHARS) {}

  get size(): number {
    return this.rows.size;
  }

  /** The version with this seq; undefined when not held. */
  get(seq: number): StoredText | undefined {
    return this.rows.get(seq);
  }

  add(row: StoredText): void {
    if (row.data.length > this.maxChars || this.rows.has(row.seq)) return;
    this.rows.set(row.seq, row);
    this.order.push(row.seq);
    this.chars += row.data.length;
    this.evict();
  }

  /**
   * The held text of `row` as UTF-8 bytes, made on first use and kept beside it: a page sent as
   * stored then copies bytes instead of encoding 500 strings again. Undefined for a row not held.
   */
  utf8(row: StoredText): Buffer | undefined {
    if (this.rows.get(row.seq) !== row) return undefined;
    let bytes = this.bytes.get(row.seq);
    if (bytes === undefined) {
      bytes = Buffer.from(row.data);
      // A copy that cannot fit beside its text is not kept; the text is encoded when sent instead.
      if (row.data.length + bytes.length > this.maxChars) return bytes;
      this.bytes.set(row.seq, bytes);
      this.chars += bytes.length;
      this.evict(row.seq);
    }
    return bytes;
  }

  /**
   * Drops the oldest versions, with their copies, until the budget holds; stops at `keep`, the version
   * whose copy is being made, which may leave the budget over by that copy until the next add.
   */
  private evict(keep?: number): void {
    while (this.chars > this.maxChars && this.head < this.order.length) {
      const seq = this.order[this.head]!;
      if (seq === keep) break;
      this.head++;
      const old = this.rows.get(seq);
      if (old === undefined) continue;
      this.rows.delete(seq);
      this.chars -= old.data.length;
      const bytes = this.bytes.get(seq);
      if (bytes !== undefined) {
        this.bytes.delete(seq);
        this.chars -= bytes.length;
      }
    }
    // Drop the consumed front of the queue once it is half of it, so the queue stays in proportion.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * The presented texts of a page with every text that goes out as stored replaced by the cache's
 * UTF-8 bytes of it (`presentTexts` hands back the stored string itself when nothing is removed).
 */
export function withStoredBytes(
  db: Db,
  versions: readonly StoredText[],
  texts: readonly string[],
): Array<string | Buffer> {
  const cache = storedTextCache(db);
  return texts.map((text, i) => {
    const version = versions[i];
    return version !== undefined && text === version.data ? (cache.utf8(version) ?? text) : text;
  });
}

const caches = new WeakMap<Db, StoredTextCache>();

/** The cache of one store (its Kysely instance): seqs are only unique within one database. */
export function storedTextCache(db: Db): StoredTextCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new StoredTextCache();
    caches.set(db, cache);
  }
  return cache;
}
