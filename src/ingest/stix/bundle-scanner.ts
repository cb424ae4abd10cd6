/**
 * Streams the elements of a STIX bundle's `objects` array out of a byte stream without parsing the
 * whole document: it tracks strings and nesting byte by byte (UTF-8 multi-byte sequences never contain
 * the ASCII bytes it looks for) and hands each element's text to `JSON.parse` on its own. Memory stays
 * bounded by the largest object, which is capped.
 */

export interface ScannedElement {
  kind: 'object';
  index: number;
  /** The element's JSON text, or null when it exceeded `maxObjectBytes` (then `tooLarge` is set). */
  text: string | null;
  tooLarge?: number;
  line: number;
  column: number;
  /** Bytes consumed so far, for progress reporting. */
  bytes: number;
}

export interface ScannedHeader {
  kind: 'header';
  key: string;
  value: unknown;
}

export class BundleSyntaxError extends Error {
  constructor(
    /** What is wrong, without the position (which `message` adds). */
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly code: string,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'BundleSyntaxError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const MAX_HEADER_BYTES = 1 << 20;

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Reads bytes from an async iterable of chunks with line/column tracking. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  /**
   * While a value spans chunks, `buf` is a view of `room`, which has spare capacity after it and
   * doubles when full: appending a chunk copies the chunk, not everything kept so far (which made a
   * 5 MB object arriving in 1 KB chunks cost gigabytes of copying).
   */
  private room: Buffer | undefined;
  private roomStart = 0;
  private pos = 0;
  private consumedBefore = 0;
  private line = 1;
  private lineStart = 0; // absolute offset of the current line's first byte
  private done = false;
  private readonly iterator: AsyncIterator<Buffer | string>;

  constructor(source: AsyncIterable<Buffer | string>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  get offset(): number {
    return this.consumedBefore + this.pos;
  }

  where(): { line: number; column: number } {
    return { line: this.line, column: this.offset - this.lineStart + 1 };
  }

  /** Ensures at least one unread byte; false at end of input. Drops bytes before `keepFrom`. */
  async fill(keepFrom = this.pos): Promise<{ ok: boolean; shift: number }> {
    if (this.pos < this.buf.length) return { ok: true, shift: 0 };
    if (this.done) return { ok: false, shift: 0 };
    const next = await this.iterator.next();
    if (next.done === true) {
      this.done = true;
      return { ok: false, shift: 0 };
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    const keptLength = this.buf.length - keepFrom;
    this.consumedBefore += keepFrom;
    this.pos -= keepFrom;
    if (keptLength === 0) {
      this.buf = chunk;
      this.room = undefined;
    } else this.append(keepFrom, keptLength, chunk);
    return { ok: true, shift: keepFrom };
  }

  /** Makes `buf` the last `keptLength` bytes of the current `buf` followed by `chunk`. */
  private append(keepFrom: number, keptLength: number, chunk: Buffer): void {
    const room = this.room;
    const start = this.roomStart + keepFrom;
    if (room !== undefined && start + keptLength + chunk.length <= room.length) {
      chunk.copy(room, start + keptLength);
      this.roomStart = start;
      this.buf = room.subarray(start, start + keptLength + chunk.length);
      return;
    }
    const needed = keptLength + chunk.length;
    const grown = Buffer.allocUnsafe(Math.max(2 * needed, 64 * 1024));
    this.buf.copy(grown, 0, keepFrom);
    chunk.copy(grown, keptLength);
    this.room = grown;
    this.roomStart = 0;
    this.buf = grown.subarray(0, needed);
  }

  async peek(): Promise<number | undefined> {
    if (!(await this.fill()).ok) return undefined;
    return this.buf[this.pos];
  }

  async skipWhitespace(): Promise<number | undefined> {
    for (;;) {
      if (!(await this.fill()).ok) return undefined;
      const b = this.buf[this.pos]!;
      if (!isWhitespace(b)) return b;
      this.advance(b);
    }
  }

  advance(b: number): void {
    this.pos++;
    if (b === NEWLINE) {
      this.line++;
      this.lineStart = this.offset;
    }
  }

  /**
   * Consumes one complete JSON value and returns its text. Past `maxBytes` the text is dropped (the
   * value is still consumed so the scan can go on) and null is returned with the size.
   */
  async readValue(maxBytes: number): Promise<{ text: string | null; size: number }> {
    let start = this.pos;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let size = 0;
    let dropped = false;
    for (;;) {
      if (this.pos >= this.buf.length) {
        if (!dropped && this.pos - start > maxBytes) {
          dropped = true;
        }
        const keepFrom = dropped ? this.pos : start;
        const filled = await this.fill(keepFrom);
        start -= filled.shift;
        if (dropped) start = this.pos;
        if (!filled.ok) {
          const { line, column } = this.where();
          throw new BundleSyntaxError(
            'the input ends in the middle of a value: the file is truncated',
            line,
            column,
            'truncated',
          );
        }
      }
      const buf = this.buf;
      const end = buf.length;
      let i = this.pos;
      let finished = false;
      for (; i < end; i++) {
        const b = buf[i]!;
        if (b === NEWLINE) {
          this.line++;
          this.lineStart = this.consumedBefore + i + 1;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) {
            inString = false;
            if (depth === 0) {
              i++;
              finished = true;
              break;
            }
          }
          continue;
        }
        if (b === QUOTE) inString = true;
        else if (b === 0x7b || b === 0x5b) depth++;
        else if (b === 0x7d || b === 0x5d) {
          if (depth === 0) {
            // A scalar followed directly by the enclosing container's end.
            finished = true;
            break;
          }
          depth--;
          if (depth === 0) {
            i++;
            finished = true;
            break;
          }
        } else if (depth === 0 && (b === 0x2c || isWhitespace(b))) {
          // The end of a scalar at the top of the value.
          finished = true;
          break;
        }
      }
      size += i - this.pos;
      this.pos = i;
      if (finished) {
        if (dropped || size > maxBytes) return { text: null, size };
        return { text: this.buf.toString('utf8', start, i), size };
      }
    }
  }

  async expect(byte: number, what: string): Promise<void> {
    const b = await this.skipWhitespace();
    if (b !== byte) {
      const { line, column } = this.where();
      const found = b === undefined ? 'the end of the input' : `'${String.fromCharCode(b)}'`;
      throw new BundleSyntaxError(
        `expected ${what} but found ${found}`,
        line,
        column,
        b === undefined ? 'truncated' : 'malformed_json',
      );
    }
    this.advance(b);
  }
}

/**
 * Yields the bundle's top-level properties (as headers) and each element of `objects`, in order.
 * Throws BundleSyntaxError for anything that is not a JSON object or breaks the JSON structure.
 */
export async function* scanBundle(
  source: AsyncIterable<Buffer | string>,
  options: { maxObjectBytes: number },
): AsyncGenerator<ScannedElement | ScannedHeader> {
  const reader = new ByteReader(source);
  const first = await reader.skipWhitespace();
  if (first !== 0x7b) {
    const { line, column } = reader.where();
    throw new BundleSyntaxError(
      first === undefined
        ? 'the input is empty'
        : 'a STIX bundle must be a JSON object ({"type": "bundle", ...})',
      line,
      column,
      first === undefined ? 'empty_input' : 'not_a_bundle',
    );
  }
  reader.advance(first);
  let b = await reader.skipWhitespace();
  if (b === 0x7d) {
    reader.advance(b);
    return;
  }
  for (;;) {
    await reader.skipWhitespace();
    const { line, column } = reader.where();
    const keyText = (await reader.readValue(4096)).text;
    let key: unknown;
    try {
      key = keyText === null ? undefined : JSON.parse(keyText);
    } catch {
      key = undefined;
    }
    if (typeof key !== 'string')
      throw new BundleSyntaxError(
        'expected a property name in double quotes',
        line,
        column,
        'malformed_json',
      );
    await reader.expect(0x3a, "':'");
    b = await reader.skipWhitespace();
    if (key === 'objects' && b === 0x5b) {
      reader.advance(b);
      yield* scanObjects(reader, options.maxObjectBytes);
    } else {
      const at = reader.where();
      const { text } = await reader.readValue(MAX_HEADER_BYTES);
      if (text === null)
        throw new BundleSyntaxError(`bundle property "${key}" is too large`, at.line, at.column, 'too_large');
      try {
        yield { kind: 'header', key, value: JSON.parse(text) as unknown };
      } catch {
        throw new BundleSyntaxError(
          `bundle property "${key}" is not valid JSON`,
          at.line,
          at.column,
          'malformed_json',
        );
      }
    }
    b = await reader.skipWhitespace();
    if (b === 0x2c) {
      reader.advance(b);
      continue;
    }
    if (b === 0x7d) {
      reader.advance(b);
      break;
    }
    const at = reader.where();
    throw new BundleSyntaxError(
      b === undefined
        ? "the input ends before the bundle's closing '}': the file is truncated"
        : "expected ',' or '}'",
      at.line,
      at.column,
      b === undefined ? 'truncated' : 'malformed_json',
    );
  }
  const trailing = await reader.skipWhitespace();
  if (trailing !== undefined) {
    const at = reader.where();
    throw new BundleSyntaxError('unexpected content after the bundle', at.line, at.column, 'malformed_json');
  }
}

async function* scanObjects(reader: ByteReader, maxObjectBytes: number): AsyncGenerator<ScannedElement> {
  let index = 0;
  let b = await reader.skipWhitespace();
  if (b === 0x5d) {
    reader.advance(b);
    return;
  }
  for (;;) {
    const { line, column } = reader.where();
    if (b === undefined)
      throw new BundleSyntaxError(
        'the input ends inside "objects": the file is truncated',
        line,
        column,
        'truncated',
      );
    const { text, size } = await reader.readValue(maxObjectBytes);
    yield {
      kind: 'object',
      index,
      text,
      ...(text === null ? { tooLarge: size } : {}),
      line,
      column,
      bytes: reader.offset,
    };
    index++;
    b = await reader.skipWhitespace();
    if (b === 0x2c) {
      reader.advance(b);
      b = await reader.skipWhitespace();
      continue;
    }
    if (b === 0x5d) {
      reader.advance(b);
      return;
    }
    const at = reader.where();
    throw new BundleSyntaxError(
      b === undefined
        ? 'the input ends inside "objects": the file is truncated'
        : `expected ',' or ']' after objects[${index - 1}]`,
      at.line,
      at.column,
      b === undefined ? 'truncated' : 'malformed_json',
    );
  }
}
