import { describe, expect, it } from 'vitest';
import { urlParts, urlWithoutScheme } from './url-parts.js';

describe('urlParts', () => {
  it.each([
    ['http://Evil.Example:8080/a;b?c=d#frag', { host: 'evil.example', pathAndQuery: '/a;b?c=d' }],
    ['https://user:pw@evil.example', { host: 'evil.example', pathAndQuery: '' }],
    ['http://[2001:DB8::5]:80/gate.php', { host: '[2001:db8::5]', pathAndQuery: '/gate.php' }],
    ['http://evil.example?x', { host: 'evil.example', pathAndQuery: '?x' }],
  ])('splits %s', (url, parts) => {
    expect(urlParts(url)).toEqual(parts);
  });

  it('refuses what is not an absolute URL', () => {
    expect(urlParts('evil.example/path')).toBeUndefined();
    expect(urlParts('http:///path')).toBeUndefined();
  });

  it('drops only the scheme for Zeek', () => {
    expect(urlWithoutScheme('HTTPS://evil.example/a')).toBe('evil.example/a');
  });
});
