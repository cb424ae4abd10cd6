/** Default chunk size: large enough that writes are cheap, small enough that memory stays flat. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;

/**
 * Collects output lines and hands them back as one string once about `size` characters have gathered,
 * so a formatter yields a few hundred chunks for a large export instead of one string or a million.
 */
export class ChunkBuffer {
  private lines: string[] = [];
  private length = 0;

  constructor(private readonly size: number = DEFAULT_CHUNK_SIZE) {}

  /** Adds one line (without its terminator); returns a full chunk when one is ready. */
  push(line: string, eol = '\n'): string | undefined {
    this.lines.push(line, eol);
    this.length += line.length + eol.length;
    return this.length >= this.size ? this.take() : undefined;
  }

  /** Whatever is left, or undefined when nothing is. */
  flush(): string | undefined {
    return this.length > 0 ? this.take() : undefined;
  }

  private take(): string {
    const chunk = this.lines.join('');
    this.lines = [];
    this.length = 0;
    return chunk;
  }
}
