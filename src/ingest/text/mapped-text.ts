/**
 * Text derived from a source (tags stripped, entities decoded, refanged...) that remembers, for
 * each of its characters, the offset in the original source it came from, so an indicator found
 * after every transformation is still reported at its line and column in what the user gave us.
 */
export class MappedText {
  private constructor(
    readonly text: string,
    private readonly origins: readonly number[],
  ) {}

  /** `origins[i]` is the source offset of `text[i]`. */
  static fromParts(text: string, origins: readonly number[]): MappedText {
    return new MappedText(text, origins);
  }

  static of(source: string): MappedText {
    return new MappedText(
      source,
      Array.from({ length: source.length }, (_, i) => i),
    );
  }

  get length(): number {
    return this.text.length;
  }

  /** Source offset of character `i` (the end of the source past the last character). */
  origin(i: number): number {
    return this.origins[i] ?? (this.origins.length === 0 ? 0 : this.origins[this.origins.length - 1]! + 1);
  }

  slice(start: number, end = this.text.length): MappedText {
    return new MappedText(this.text.slice(start, end), this.origins.slice(start, end));
  }

  /** Replaces every match of a global regex; replacement characters map to the match's start. */
  replace(pattern: RegExp, replacement: (groups: readonly string[]) => string): MappedText {
    const out = new MappedTextBuilder();
    let last = 0;
    for (const m of this.text.matchAll(pattern)) {
      out.append(this, last, m.index);
      out.push(replacement(m), this.origin(m.index));
      last = m.index + m[0].length;
    }
    if (last === 0) return this;
    out.append(this, last, this.text.length);
    return out.build();
  }
}

/** Assembles a MappedText piece by piece. */
export class MappedTextBuilder {
  private text = '';
  private readonly origins: number[] = [];

  /** Copies `from[start, end)` with its origins. */
  append(from: MappedText, start: number, end: number): this {
    if (end <= start) return this;
    this.text += from.text.slice(start, end);
    for (let i = start; i < end; i++) this.origins.push(from.origin(i));
    return this;
  }

  /** Adds new characters that all stand for the source offset `origin`. */
  push(text: string, origin: number): this {
    this.text += text;
    for (let i = 0; i < text.length; i++) this.origins.push(origin);
    return this;
  }

  build(): MappedText {
    return MappedText.fromParts(this.text, this.origins);
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
