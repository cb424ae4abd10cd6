/** Where one text's UTF-8 bytes lie in an arena chunk: `chunk[start, end)`, with a comma at `end`. */
export interface ArenaSlot {
  readonly chunk: Buffer;
  readonly start: number;
  readonly end: number;
}

const COMMA = 44;
const CHUNK_BYTES = 1024 * 1024;

/**
 * Texts written one after another as UTF-8 into large chunks, each followed by a comma. Texts written
 * in a row lie side by side, so a run of them is one slice of a chunk that already reads as their
 * JSON array elements (`a,b,c`): a page of objects stored in `seq` order is copied as a few slices
 * instead of 500 buffers, and no text is encoded twice.
 *
 * Nothing is freed here: a chunk lives while a slot of it is held (the cache drops slots first in,
 * first out, so a chunk's slots go together) or a reply being written still holds a slice of it.
 */
export class TextArena {
  private chunk = Buffer.allocUnsafe(0);
  private used = 0;

  constructor(private readonly chunkBytes = CHUNK_BYTES) {}

  /** Writes `text` and a comma after the texts written before it (in a new chunk when it must). */
  write(text: string): ArenaSlot {
    // UTF-8 takes at most three bytes per UTF-16 unit; a text that might not fit starts a chunk.
    const most = text.length * 3 + 1;
    if (this.used + most > this.chunk.length) {
      this.chunk = Buffer.allocUnsafe(Math.max(this.chunkBytes, most));
      this.used = 0;
    }
    const { chunk } = this;
    const start = this.used;
    const end = start + chunk.write(text, start);
    chunk[end] = COMMA;
    this.used = end + 1;
    return { chunk, start, end };
  }
}

/**
 * Whether `next` was written right after `previous` in the same chunk, so that the slice from
 * `previous.start` to `next.end` holds both texts with a comma between them.
 */
export function adjoins(previous: ArenaSlot, next: ArenaSlot): boolean {
  return previous.chunk === next.chunk && previous.end + 1 === next.start;
}
