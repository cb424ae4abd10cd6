import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable } from './email-text.js';
import { htmlText } from './html-text.js';
import { MappedText, lineColumn, lineStartsOf } from './mapped-text.js';
import { refangMapped } from './refang-mapped.js';
import { refang } from '../../observable/index.js';

describe('MappedText', () => {
  it('maps replaced text back to the source', () => {
    const t = MappedText.of('ab[.]cd').replace(/\[\.\]/g, () => '.');
    expect(t.text).toBe('ab.cd');
    expect([0, 1, 2, 3, 4].map((i) => t.origin(i))).toEqual([0, 1, 2, 5, 6]);
  });

  it('refangs exactly like refang() while keeping offsets', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(refangMapped(MappedText.of(s)).text).toBe(refang(s));
      }),
    );
  });

  it('decodes quoted-printable soft breaks and UTF-8 escapes', () => {
    expect(decodeQuotedPrintable(MappedText.of('caf=C3=A9 exa=\r\nmple =3D x')).text).toBe(
      'café example = x',
    );
  });

  it('keeps href values and decodes entities in HTML', () => {
    const t = htmlText(MappedText.of("<p>x<a href='http://a.example/?q=1&amp;r=2'>y</a>&#x2e;</p>"));
    expect(t.text).toContain(' http://a.example/?q=1&r=2 ');
    expect(t.text).toContain('y.');
  });

  it('gives 1-based lines and columns', () => {
    const starts = lineStartsOf('ab\ncd\n\nef');
    expect(lineColumn(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(starts, 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn(starts, 7)).toEqual({ line: 4, column: 1 });
    expect(lineColumn(starts, 6)).toEqual({ line: 3, column: 1 });
  });
});
