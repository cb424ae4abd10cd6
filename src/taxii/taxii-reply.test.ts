import { describe, expect, it } from 'vitest';
import { envelopeChunks } from './taxii-reply.js';

const envelope = (open: string, texts: readonly (string | Buffer)[]) =>
  Buffer.concat(envelopeChunks(open, texts));

describe('envelopeChunks', () => {
  const joined = (open: string, texts: readonly (string | Buffer)[]) =>
    Buffer.from(`${open},"objects":[${texts.map((t) => t.toString()).join(',')}]}`);

  it('gives the bytes of the joined envelope for ASCII and non-ASCII texts', () => {
    const texts = [
      '{"type":"indicator","name":"plain"}',
      '{"type":"note","content":"café – 東京 😀"}',
      '{"type":"note","content":"lone \ud800 surrogate"}',
    ];
    for (const open of ['{"more":false', '{"more":true,"next":"dGF4aWk6MTI"}'.slice(0, -1)]) {
      expect(envelope(open, texts).equals(joined(open, texts))).toBe(true);
      expect(envelope(open, texts.slice(0, 1)).equals(joined(open, texts.slice(0, 1)))).toBe(true);
    }
    expect(JSON.parse(envelope('{"more":false', texts).toString('utf8'))).toMatchObject({
      more: false,
      objects: [{ name: 'plain' }, { content: 'café – 東京 😀' }, { type: 'note' }],
    });
  });

  it('copies short texts given as UTF-8 bytes into one chunk with the rest', () => {
    const texts = ['{"a":"ü"}', Buffer.from('{"b":"€"}'), '{"c":1}'];
    const open = '{"more":false';
    const chunks = envelopeChunks(open, texts);
    expect(chunks).toHaveLength(1);
    expect(Buffer.concat(chunks).toString()).toBe(joined(open, texts).toString());
  });

  it('hands long byte slices on as chunks of their own, not copies', () => {
    const long = Buffer.from(`{"x":"${'é'.repeat(20_000)}"},{"y":1}`);
    const other = Buffer.from(`{"z":"${'a'.repeat(30_000)}"}`);
    const texts = ['{"first":true}', long, other, '{"last":"ü"}'];
    const open = '{"more":true,"next":"abc"';
    const chunks = envelopeChunks(open, texts);
    expect(chunks.some((c) => c === long)).toBe(true);
    expect(chunks.some((c) => c === other)).toBe(true);
    expect(Buffer.concat(chunks).equals(joined(open, texts))).toBe(true);
    // A long slice first and last: no empty chunk before or after it.
    const edge = envelopeChunks(open, [long]);
    expect(edge.every((c) => c.length > 0)).toBe(true);
    expect(Buffer.concat(edge).equals(joined(open, [long]))).toBe(true);
  });
});
