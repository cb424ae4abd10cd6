/**
 * Text derived from a source (tags stripped, entities decoded, refanged...) that remembers, for
 * each of its characters, the offset in the original source it came from, so an indicator found
 * after every transformation is still reported at its line and column in what the user gave us.
 * Offsets live in an Int32Array copied in bulk: a megabyte report goes through each step in
 * milliseconds.
 */
export class MappedText {
  private constructor(
    readonly text: string,
    /** `origins[i]` is the source offset of `text[i]`; null while the text is an untouched source slice. */
    private readonly origins: Int32Array | null,
    /** Source offset of `text[0]` when `origins` is null, and of the end when the text is empty. */
    private readonly base: number,
  ) {}

  /** The source itself: no offset table until a transformation needs one. */
  static of(source: string): MappedText {
    return new MappedText(source, null, 0);
  }

  /** @internal for {@link MappedTextBuilder}. */
  static fromParts(text: string, origins: Int32Array, end: number): MappedText {
    return new MappedText(text, origins, end);
  }

  get length(): number {
    return this.text.length;
  }

  /** Source offset of character `i` (just past the last character for `i === length`). */
  origin(i: number): number {
    if (this.origins === null) return this.base + Math.min(i, this.text.length);
    if (i < this.origins.length) return this.origins[i]!;
    return this.origins.length === 0 ? this.base : this.origins[this.origins.length - 1]! + 1;
  }

  /** Writes the origins of `[start, end)` into `target` at `at`. */
  copyOrigins(start: number, end: number, target: Int32Array, at: number): void {
    if (this.origins !== null) {
      target.set(this.origins.subarray(start, end), at);
      return;
    }
    for (let i = start; i < end; i++) target[at + i - start] = this.base + i;
  }

  slice(start: number, end = this.text.length): MappedText {
    const text = this.text.slice(start, end);
    if (this.origins === null)
      return new MappedText(text, null, this.base + Math.min(start, this.text.length));
    return new MappedText(text, this.origins.slice(start, start + text.length), this.origin(start));
  }

  /** Replaces every match of a global regex; replacement characters map to the match's start. */
  replace(pattern: RegExp, replacement: (groups: readonly string[]) => string): MappedText {
    let out: MappedTextBuilder | null = null;
    let last = 0;
    for (const m of this.text.matchAll(pattern)) {
      out ??= new MappedTextBuilder(this.text.length);
      out.append(this, last, m.index);
      out.push(replacement(m), this.origin(m.index));
      last = m.index + m[0].length;
    }
    if (out === null) return this;
    out.append(this, last, this.text.length);
    return out.build(this.origin(this.text.length));
  }
}

/** Assembles a MappedText piece by piece. */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private origins: Int32Array;
  private size = 0;

  constructor(capacity = 256) {
    this.origins = new Int32Array(Math.max(16, capacity));
  }

  private reserve(extra: number): void {
    if (this.size + extra <= this.origins.length) return;
    const grown = new Int32Array(Math.max(this.origins.length * 2, this.size + extra));
    grown.set(this.origins.subarray(0, this.size));
    this.origins = grown;
  }

  /** Copies `from[start, end)` with its origins. */
  append(from: MappedText, start: number, end: number): this {
    if (end <= start) return this;
    this.reserve(end - start);
    this.parts.push(from.text.slice(start, end));
    from.copyOrigins(start, end, this.origins, this.size);
    this.size += end - start;
    return this;
  }

  /** Adds new characters that all stand for the source offset `origin`. */
  push(text: string, origin: number): this {
    if (text === '') return this;
    this.reserve(text.length);
    this.parts.push(text);
    this.origins.fill(origin, this.size, this.size + text.length);
    this.size += text.length;
    return this;
  }

  /** `end`: the source offset just past the text, used when it is empty. */
  build(end = 0): MappedText {
    return MappedText.fromParts(this.parts.join(''), this.origins.slice(0, this.size), end);
  }
}

/** 1-based line and column of a source offset; lines end at `\n` (a `\r` before it is part of the line). */
export function lineColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
