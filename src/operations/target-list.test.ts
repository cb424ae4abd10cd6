import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseTarget } from './target-kind.js';
import { parseTargetList } from './target-list.js';

describe('parseTargetList', () => {
  it('reads bare values, kind,value CSV, quotes, comments and a header', () => {
    const list = parseTargetList(
      [
        'kind,value',
        '# from partner feed',
        '203.0.113.5',
        'hxxp://evil[.]example.com/x',
        'threat-actor,"Wizard Spider, aka Grim"',
        'bank-account,GB82 WEST 1234 5698 7654 32',
        'wallet,0x52908400098527886E0F7030069857D2E4169EE7',
        '',
        'not a target at all',
        'ipv4,300.1.1.1',
      ].join('\r\n'),
    );
    expect(list.targets.map((t) => [t.line, t.kind, t.value])).toEqual([
      [3, 'ipv4', '203.0.113.5'],
      [4, 'url', 'http://evil.example.com/x'],
      [5, 'threat-actor', 'Wizard Spider, aka Grim'],
      [6, 'bank-account', 'GB82WEST12345698765432'],
      [7, 'wallet', '0x52908400098527886e0f7030069857d2e4169ee7'],
    ]);
    expect(list.errors.map((e) => e.line)).toEqual([9, 10]);
  });

  it('refuses an IBAN whose check digits are wrong', () => {
    expect(normaliseTarget('bank-account', 'GB82WEST12345698765433')).toBeNull();
  });

  it('never throws, and accounts for every non-blank, non-comment line', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const parsed = parseTargetList(text);
        const physical = text.split(/\r?\n/);
        const counted = physical.filter((l, i) => {
          const t = l.trim();
          if (t === '' || t.startsWith('#')) return false;
          return !(i === 0 && /^kind\s*,\s*value(\s*,|$)/i.test(t));
        }).length;
        expect(parsed.targets.length + parsed.errors.length).toBeLessThanOrEqual(counted);
        expect(parsed.targets.length + parsed.errors.length).toBeGreaterThanOrEqual(counted - 1);
        for (const t of parsed.targets) expect(normaliseTarget(t.kind, t.value)?.value).toBe(t.value);
      }),
    );
  });

  it('normalisation is idempotent for every kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'ipv4',
          'ipv6',
          'cidr',
          'domain',
          'url',
          'email',
          'handle',
          'identity',
          'wallet',
          'bank-account',
        ),
        fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.domain(), fc.webUrl(), fc.emailAddress()),
        (kind, value) => {
          const once = normaliseTarget(kind, value);
          if (once !== null) expect(normaliseTarget(kind, once.value)).toEqual(once);
        },
      ),
    );
  });
});
