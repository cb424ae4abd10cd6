import type { StoredVersion } from '../store/objects/read-objects.js';
import type { Db } from '../store/store.js';
import { adjoins, TextArena } from './text-arena.js';
import type { ArenaSlot } from './text-arena.js';

/** The columns of a stored version that never change once written, as TAXII pages use them. */
export type StoredText = Pick<
  StoredVersion,
  'seq' | 'id' | 'dateAdded' | 'ownerOrg' | 'distribution' | 'data'
> & {
  /** presentTexts' note on the version (src/present/present-texts.ts); set in every literal, for one shape. */
  plainAt?: string | undefined;
};

/**
 * About 128 MB: 64 MB of STIX text and as much again for its UTF-8 bytes (one byte per character for
 * ASCII texts), plus a small record per version. Both count in one budget: a bound that held only
 * the texts would hold half as many versions once their bytes are kept too, and make every page of
 * a collection that fitted before read its rows again.
 */
const MAX_CHARS = 128 * 1024 * 1024;

interface Held {
  row: StoredText;
  slot: ArenaSlot;
}

/** Seqs per block of the index: a page of 500 seqs in a row is one or two blocks. */
const BLOCK = 1024;

interface Block {
  items: Array<Held | undefined>;
  count: number;
}

/**
 * Stored versions by `seq`, first in first out, bounded by the length of their texts and bytes. Not
 * least recently used: moving 500 entries to the back of a 100,000-entry Map on every page cost more
 * than the query the cache saves; new versions, the ones polling clients ask for, are the last to go.
 * The order of arrival is kept in a queue of its own: walking a Map from its start to find the oldest
 * entry also walks the slots of every entry deleted since the Map last rehashed, which made each
 * eviction cost as much as the whole cache once it was full (70 ms of CPU per 500-object page).
 *
 * Each text is also kept as UTF-8 bytes in a `TextArena`, written when the version is added: pages
 * read a range of seqs in order, so the versions of a page usually lie side by side there and go
 * out as a few slices (`withStoredBytes`), with no string built or encoded per object.
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
  /**
   * Held versions by seq, in blocks of `BLOCK` seqs: seqs are dense, so one Map lookup per block and
   * array reads within it. A Map of 100,000 seqs cost a hash lookup with a cache miss per version,
   * twice per version of a page (its row, then its bytes).
   */
  private readonly blocks = new Map<number, Block>();
  private count = 0;
  /** Seqs in the order they were added; `head` is the oldest one still held. */
  private order: number[] = [];
  private head = 0;
  private chars = 0;

  constructor(
    private readonly maxChars = MAX_CHARS,
    private readonly arena = new TextArena(),
  ) {}

  get size(): number {
    return this.count;
  }

  /** The version with this seq; undefined when not held. */
  get(seq: number): StoredText | undefined {
    return this.find(seq)?.row;
  }

  add(row: StoredText): void {
    // A text whose bytes could not fit beside it is not held (UTF-8 takes up to three per unit).
    if (row.data.length * 4 > this.maxChars || this.find(row.seq) !== undefined) return;
    const slot = this.arena.write(row.data);
    const key = Math.floor(row.seq / BLOCK);
    let block = this.blocks.get(key);
    if (block === undefined) {
      block = { items: new Array<Held | undefined>(BLOCK).fill(undefined), count: 0 };
      this.blocks.set(key, block);
    }
    block.items[row.seq - key * BLOCK] = { row, slot };
    block.count++;
    this.count++;
    this.order.push(row.seq);
    this.chars += row.data.length + (slot.end - slot.start);
    this.evict();
  }

  /**
   * Where the UTF-8 bytes of held `row` lie in the arena; undefined for a row not held (another
   * object with a held seq is not the held row: its text may differ).
   */
  bytes(row: StoredText): ArenaSlot | undefined {
    const held = this.find(row.seq);
    return held?.row === row ? held.slot : undefined;
  }

  private find(seq: number): Held | undefined {
    const key = Math.floor(seq / BLOCK);
    return this.blocks.get(key)?.items[seq - key * BLOCK];
  }

  /** Forgets the version with this seq; its block goes with its last version. */
  private remove(seq: number): Held | undefined {
    const key = Math.floor(seq / BLOCK);
    const block = this.blocks.get(key);
    const held = block?.items[seq - key * BLOCK];
    if (block === undefined || held === undefined) return undefined;
    block.items[seq - key * BLOCK] = undefined;
    this.count--;
    if (--block.count === 0) this.blocks.delete(key);
    return held;
  }

  /**
   * The presented texts of a page ready to be joined with commas into its `objects` array: every run
   * of texts that go out as stored (`presentTexts` hands back the stored string itself when nothing
   * is removed) and lie side by side in the arena becomes one slice of it, which holds the run's
   * texts already joined; any other text stays a string. So `pieces.join(',')` in bytes is the page.
   */
  pieces(versions: readonly StoredText[], texts: readonly string[]): Array<string | Buffer> {
    const pieces: Array<string | Buffer> = [];
    let first: ArenaSlot | undefined;
    let last: ArenaSlot | undefined;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      const version = versions[i];
      const slot = version !== undefined && text === version.data ? this.bytes(version) : undefined;
      if (slot !== undefined && last !== undefined && adjoins(last, slot)) {
        last = slot;
        continue;
      }
      if (first !== undefined && last !== undefined) pieces.push(first.chunk.subarray(first.start, last.end));
      first = last = slot;
      if (slot === undefined) pieces.push(text);
    }
    if (first !== undefined && last !== undefined) pieces.push(first.chunk.subarray(first.start, last.end));
    return pieces;
  }

  /** Drops the oldest versions, with their bytes, until the budget holds. */
  private evict(): void {
    while (this.chars > this.maxChars && this.head < this.order.length) {
      const old = this.remove(this.order[this.head++]!);
      if (old === undefined) continue;
      this.chars -= old.row.data.length + (old.slot.end - old.slot.start);
    }
    // Drop the consumed front of the queue once it is half of it, so the queue stays in proportion.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * The presented texts of a page as the pieces of its `objects` array (`StoredTextCache.pieces`),
 * from the store's cache.
 */
export function withStoredBytes(
  db: Db,
  versions: readonly StoredText[],
  texts: readonly string[],
): Array<string | Buffer> {
  return storedTextCache(db).pieces(versions, texts);
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
