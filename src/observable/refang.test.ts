import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refang } from './refang.js';

describe('refang', () => {
  it.each([
    ['hxxp://evil[.]com/x', 'http://evil.com/x'],
    ['hXXps://evil(.)com', 'https://evil.com'],
    ['HXXPS[:]//evil{.}com', 'https://evil.com'],
    ['h**p://a[.]example', 'http://a.example'],
    ['fxp://files[.]example[.]net', 'ftp://files.example.net'],
    ['http[://]evil[.]com', 'http://evil.com'],
    ['https[:]//evil[.]com', 'https://evil.com'],
    ['evil[dot]com', 'evil.com'],
    ['evil [dot] com', 'evil.com'],
    ['evil(dot)com', 'evil.com'],
    ['user[at]example[.]org', 'user@example.org'],
    ['user(at)example.org', 'user@example.org'],
    ['user [at] example.org', 'user@example.org'],
    ['user[@]example.org', 'user@example.org'],
    ['192.0.2[.]1', '192.0.2.1'],
    ['evil\\.com', 'evil.com'],
    ['http://example.com/a[/]b', 'http://example.com/a/b'],
    ['nothing to see here.', 'nothing to see here.'],
    ['the fxp team', 'the fxp team'],
  ])('%j -> %j', (input, expected) => {
    expect(refang(input)).toBe(expected);
  });

  it('never throws, never lengthens text and leaves already-fanged text alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = refang(s);
        expect(out.length).toBeLessThanOrEqual(s.length);
      }),
    );
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        expect(refang(url)).toBe(url);
      }),
    );
  });
});
