import { StringTable } from './string-table.js';

/**
 * Where a URL's origin ends: just past the first `/` that follows the first `://`
 * (`http://evil.test/a/b` -> 15, the length of `http://evil.test/`), or -1 when there is none.
 */
export function originEnd(value: string): number {
  const scheme = value.indexOf('://');
  if (scheme < 0) return -1;
  const slash = value.indexOf('/', scheme + 3);
  return slash < 0 ? -1 : slash + 1;
}

/** True when the first `end` characters are ASCII (NFC leaves such text unchanged). */
function ascii(s: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Index for `LIKE 'http://evil.test/%'`: a LIKE whose literal head (before the first wildcard)
 * holds a whole origin (scheme, `://`, host, `/`) can only hold for a value that starts with that
 * head, hence for a value with that same origin. Items are kept under the origin; a lookup cuts
 * the value's origin and probes one hash map, where a substring automaton would walk every
 * character of every URL through a table too large for the cache. LIKE compares NFC-normalised
 * text, so an origin with non-ASCII characters is probed in NFC form.
 */
export class OriginIndex<T> {
  private readonly byOrigin = new StringTable<T>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(origin: string, item: T): void {
    if (this.byOrigin.get(origin)?.includes(item) === true) return;
    this.byOrigin.add(origin, item);
    this.count++;
  }

  remove(origin: string, item: T): void {
    if (this.byOrigin.get(origin)?.includes(item) !== true) return;
    this.byOrigin.remove(origin, item);
    this.count--;
  }

  /**
   * `lookup` for a value whose origin ends at `end` and is ASCII, with the origin's `stringHash`
   * already known (KeyIndex computes it while hashing the whole value).
   */
  lookupHashed(value: string, end: number, h: number, visit: (item: T) => void): void {
    this.byOrigin.visitPrefixHashed(value, end, h, visit);
  }

  lookup(value: string, visit: (item: T) => void): void {
    const end = originEnd(value);
    if (end < 0) return;
    let items: T[] | undefined;
    if (ascii(value, end)) items = this.byOrigin.getPrefix(value, end);
    else {
      const nfc = value.normalize('NFC');
      const nfcEnd = originEnd(nfc);
      items = nfcEnd < 0 ? undefined : this.byOrigin.getPrefix(nfc, nfcEnd);
    }
    if (items) for (let i = 0; i < items.length; i++) visit(items[i]!);
  }
}

/**
 * The origin a LIKE pattern pins down, or null: its literal head (NFC, up to the first `%` or `_`)
 * must contain `://` and then a `/`.
 */
export function likeOrigin(like: string): string | null {
  const nfc = like.normalize('NFC');
  let head = nfc.length;
  for (let i = 0; i < nfc.length; i++) {
    const c = nfc[i];
    if (c === '%' || c === '_') {
      head = i;
      break;
    }
  }
  const end = originEnd(nfc.slice(0, head));
  return end < 0 ? null : nfc.slice(0, end);
}
