import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicator } from '../../test/factories.js';
import { DECAY_MODELS, DEFAULT_BASE_SCORE, decayScore } from './decay.js';
import { isLive } from './is-live.js';

const DAY = 86_400_000;
const T = Date.parse('2026-06-01T00:00:00.000Z');
const at = (days: number) => new Date(T + days * DAY).toISOString();

describe('decayScore (MISP polynomial)', () => {
  const ioc = indicator({ modified: at(0), confidence: 80 });

  it('starts at the base score and reaches 0 at the end of the lifetime', () => {
    expect(decayScore(ioc, 'ipv4', null, at(0))).toBe(80);
    expect(decayScore(ioc, 'ipv4', null, at(30))).toBe(0);
    expect(decayScore(ioc, 'ipv4', null, at(45))).toBe(0);
    expect(decayScore(ioc, 'sha256', null, at(45))).toBeGreaterThan(79);
  });

  it('follows base × (1 − (t/τ)^(1/δ))', () => {
    const { lifetimeDays, decaySpeed } = DECAY_MODELS.domain;
    const t = 45;
    expect(decayScore(ioc, 'domain', null, at(t))).toBeCloseTo(
      80 * (1 - (t / lifetimeDays) ** (1 / decaySpeed)),
      2,
    );
    const slow = { models: { ipv4: { lifetimeDays: 10, decaySpeed: 0.5 } } };
    expect(decayScore(ioc, 'ipv4', null, at(5), slow)).toBeCloseTo(80 * (1 - 0.5 ** 2), 2);
  });

  it('takes the base from confidence, else the source default', () => {
    const none = indicator({ modified: at(0) });
    expect(decayScore(none, 'domain', null, at(0))).toBe(DEFAULT_BASE_SCORE);
    expect(decayScore(none, 'domain', null, at(0), { defaultBase: 70 })).toBe(70);
  });

  it('counts age from the newest sighting, or the arrival here, when later than modified', () => {
    expect(decayScore(ioc, 'ipv4', at(25), at(25))).toBe(80);
    expect(decayScore(ioc, 'ipv4', at(-5), at(25))).toBeLessThan(80);
    expect(decayScore(ioc, 'ipv4', null, at(25), { receivedAt: at(20) })).toBeGreaterThan(
      decayScore(ioc, 'ipv4', null, at(25)),
    );
  });

  it('is 0 after valid_until and for a revoked indicator', () => {
    expect(decayScore({ ...ioc, valid_until: at(1) }, 'sha256', null, at(2))).toBe(0);
    expect(decayScore({ ...ioc, revoked: true }, 'sha256', null, at(0))).toBe(0);
  });

  it('stays in [0, 100] and never rises with age (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        (confidence, a, b) => {
          const i = indicator({ modified: at(0), confidence });
          const s1 = decayScore(i, 'url', null, at(Math.min(a, b)));
          const s2 = decayScore(i, 'url', null, at(Math.max(a, b)));
          expect(s1).toBeGreaterThanOrEqual(s2);
          expect(s2).toBeGreaterThanOrEqual(0);
          expect(s1).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});

describe('isLive', () => {
  it('is false when revoked, expired, not yet valid or decayed below the threshold', () => {
    const ioc = indicator({
      modified: at(0),
      valid_from: at(0),
      pattern: "[ipv4-addr:value = '198.18.0.1']",
    });
    expect(isLive(ioc, at(1))).toBe(true);
    expect(isLive({ ...ioc, revoked: true }, at(1))).toBe(false);
    expect(isLive({ ...ioc, valid_until: at(1) }, at(2))).toBe(false);
    expect(isLive({ ...ioc, valid_from: at(3) }, at(2))).toBe(false);
    expect(isLive(ioc, at(29))).toBe(false); // an IPv4 of base 50 is below 20 well before 30 days
    expect(isLive(ioc, at(29), { threshold: 0 })).toBe(true);
    expect(isLive(ioc, at(29), { lastSighting: at(28) })).toBe(true);
  });
});
