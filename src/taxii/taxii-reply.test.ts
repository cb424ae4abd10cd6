import { describe, expect, it } from 'vitest';
import { envelopeBytes } from './taxii-reply.js';

describe('envelopeBytes', () => {
  const joined = (open: string, texts: string[]) => Buffer.from(`${open},"objects":[${texts.join(',')}]}`);

  it('gives the bytes of the joined envelope for ASCII and non-ASCII texts', () => {
    const texts = [
      '{"type":"indicator","name":"plain"}',
      '{"type":"note","content":"café – 東京 😀"}',
      '{"type":"note","content":"lone \ud800 surrogate"}',
    ];
    for (const open of ['{"more":false', '{"more":true,"next":"dGF4aWk6MTI"}'.slice(0, -1)]) {
      expect(envelopeBytes(open, texts).equals(joined(open, texts))).toBe(true);
      expect(envelopeBytes(open, texts.slice(0, 1)).equals(joined(open, texts.slice(0, 1)))).toBe(true);
    }
    expect(JSON.parse(envelopeBytes('{"more":false', texts).toString('utf8'))).toMatchObject({
      more: false,
      objects: [{ name: 'plain' }, { content: 'café – 東京 😀' }, { type: 'note' }],
    });
  });
  it('copies texts given as UTF-8 bytes as they are', () => {
    const texts = ['{"a":"ü"}', Buffer.from('{"b":"€"}'), '{"c":1}'];
    const open = '{"more":false';
    expect(envelopeBytes(open, texts).toString()).toBe(
      `${open},"objects":[${texts.map((t) => t.toString()).join(',')}]}`,
    );
  });
});
