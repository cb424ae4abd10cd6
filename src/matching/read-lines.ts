import { StringDecoder } from 'node:string_decoder';

export interface InputLine {
  /** 1-based line number. */
  line: number;
  /** The line without its end-of-line; null when it was longer than `maxLineBytes` (then skipped). */
  text: string | null;
}

/**
 * Splits a byte stream into lines as it arrives, so memory holds one chunk and one line at most:
 * a line longer than `maxLineBytes` is dropped (reported as `text: null`) instead of buffered.
 * The lines of each chunk come as one array: a reader awaits once per chunk, not once per line.
 */
export async function* readLineBatches(
  source: AsyncIterable<Buffer | string>,
  maxLineBytes = 1 << 20,
): AsyncGenerator<InputLine[]> {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let overflow = false;
  let line = 0;
  const finish = (text: string): InputLine => {
    line++;
    if (overflow) return { line, text: null };
    return { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const batch: InputLine[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const piece = overflow ? '' : partial + text.slice(start, nl);
      partial = '';
      batch.push(finish(piece));
      overflow = false;
      start = nl + 1;
    }
    if (!overflow) {
      partial += text.slice(start);
      // Characters are at most 4 bytes; the check is cheap and errs towards keeping the line.
      if (partial.length > maxLineBytes && Buffer.byteLength(partial) > maxLineBytes) {
        overflow = true;
        partial = '';
      }
    }
    if (batch.length > 0) yield batch;
  }
  partial += decoder.end();
  if (partial !== '' || overflow) yield [finish(partial)];
}
