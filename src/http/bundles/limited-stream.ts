import { payloadTooLarge } from '../../errors.js';

/** Passes chunks through until `maxBytes`, then fails with a 413 instead of buffering more. */
export async function* limitedStream(
  source: AsyncIterable<Buffer | string>,
  maxBytes: number,
): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > maxBytes)
      throw payloadTooLarge(`request body exceeds ${maxBytes} bytes (ACCORD_MAX_BODY_BYTES)`);
    yield buffer;
  }
}
